"""Versions of the agreement text (project leader only): list, edit until frozen, new version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from offers.models import Offer

from . import templates_service
from .access import require_prepare
from .forms_templates import ContactFormSet, NewVersionForm, SectionFormSet, TemplateForm
from .models import Agreement, AgreementTemplate


@require_safe
def template_list(request):
    require_prepare(request.user)
    signed = Agreement.objects.filter(template=OuterRef("pk")).filter(
        Q(signatures__isnull=False) | Q(signed_on_paper=True)
    )
    templates = (
        AgreementTemplate.objects.annotate(
            agreement_count=Count("agreements", distinct=True), frozen=Exists(signed)
        )
        .select_related("offer")
        .order_by("-valid_from", "-year", "-pk")
        .prefetch_related("contacts")
    )
    several_offers = Offer.objects.count() > 1
    if several_offers:
        templates = templates.order_by("offer__name", "-valid_from", "-year", "-pk")
    return render(
        request,
        "agreements/templates/template_list.html",
        {"templates": templates, "several_offers": several_offers},
    )


@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    require_prepare(request.user)
    template = get_object_or_404(AgreementTemplate, pk=pk)
    form = formset = None
    if request.method == "POST":
        form = TemplateForm(request.POST, instance=template)
        formset = SectionFormSet(request.POST, instance=template)
        if not template.is_frozen and form.is_valid() and formset.is_valid():
            try:
                templates_service.save_template(form, formset)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("Versionen %(version)s är sparad.") % {"version": template.version},
                )
                return redirect("agreements:template_edit", pk=template.pk)
        elif template.is_frozen:
            messages.error(
                request,
                _(
                    "Versionen %(version)s är låst: avtal har undertecknats på den. Ändringarna "
                    "sparades inte. Skapa en ny version."
                )
                % {"version": template.version},
            )
    # Read the row again: a refused POST must not show its values as if they were saved.
    template = get_object_or_404(AgreementTemplate, pk=pk)
    frozen = template.is_frozen
    if frozen:
        form = formset = None
    elif form is None:
        form = TemplateForm(instance=template)
        formset = SectionFormSet(instance=template)
    context = {
        "template": template,
        "frozen": frozen,
        "form": form,
        "formset": formset,
        "sections": template.sections.order_by("order"),
        "contacts": template.contacts.order_by("order"),
        "missing_contacts": template.missing_city_contacts(),
    }
    return render(request, "agreements/templates/template_edit.html", context)


@require_http_methods(["GET", "POST"])
def template_contacts(request, pk):
    """Stockholm city's contact persons that the version names in § 1 (name, title, phone,
    e-mail). Editable even on a frozen version: signed agreements keep the text they signed."""
    require_prepare(request.user)
    template = get_object_or_404(AgreementTemplate, pk=pk)
    formset = ContactFormSet(
        request.POST if request.method == "POST" else None,
        instance=template,
        queryset=template.contacts.order_by("order"),
    )
    if request.method == "POST" and formset.is_valid():
        templates_service.save_contacts(formset)
        messages.success(
            request,
            _("Stockholms stads kontaktpersoner i version %(version)s är sparade.")
            % {"version": template.version},
        )
        return redirect("agreements:template_edit", pk=template.pk)
    return render(
        request,
        "agreements/templates/template_contacts.html",
        {
            "template": template,
            "formset": formset,
            "missing_contacts": template.missing_city_contacts(),
        },
    )


@require_http_methods(["GET", "POST"])
def template_new_version(request, pk):
    require_prepare(request.user)
    template = get_object_or_404(AgreementTemplate, pk=pk)
    # ?erbjudande=<slug>: the version is for that offer (its first one, copied from this one).
    offer = Offer.objects.filter(slug=request.GET.get("erbjudande", "")).first() or template.offer
    form = NewVersionForm(request.POST if request.method == "POST" else None, offer=offer)
    if request.method == "POST" and form.is_valid():
        try:
            copy = templates_service.new_version_from(
                template,
                version=form.cleaned_data["version"],
                valid_from=form.cleaned_data["valid_from"],
                by=request.user,
                offer=form.cleaned_data["offer"],
            )
        except ValidationError as exc:
            form.add_error("version", exc)
        else:
            messages.success(
                request,
                _("Version %(version)s är skapad som en kopia av %(source)s.")
                % {"version": copy.version, "source": template.version},
            )
            return redirect("agreements:template_edit", pk=copy.pk)
    return render(
        request, "agreements/templates/new_version.html", {"template": template, "form": form}
    )
