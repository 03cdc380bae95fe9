"""Entering the figures: the form of one municipality and half-year, the XLSX template and the
import (preview, then confirm). The project leader only; writes in followup/services.py."""

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import access, importing, scope, services
from .exports import XLSX_CONTENT_TYPE
from .forms import EntryChoiceForm, EntryForm, HalfYearForm, ImportForm
from .models import FIRST_YEAR, LAST_YEAR
from .periods import half_label

SESSION_KEY = "followup_import"


def _summary(result: services.WriteResult) -> str:
    return _("%(created)s nya, %(updated)s ändrade och %(unchanged)s oförändrade rader.") % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


@require_safe
def entry_start(request):
    """Choose a municipality and a half-year, then fill in its grid."""
    access.require_enter(request.user)
    offer = scope.offer_for_request(request)
    form = EntryChoiceForm(request.GET if "kommun" in request.GET else None)
    if form.is_valid():
        data = form.cleaned_data
        url = reverse("followup:entry", args=[data["kommun"].code, data["ar"], data["halvar"]])
        return redirect(url + scope.offer_query(offer))
    return render(request, "followup/entry_start.html", _offer_context(offer, {"form": form}))


def _offer_context(offer, context: dict) -> dict:
    """What every entry page needs to keep to its offer."""
    return {
        **context,
        "offer": offer,
        "several": scope.several_offers(),
        "offer_query": scope.offer_query(offer),
    }


@require_http_methods(["GET", "POST"])
def entry(request, code, year, half):
    municipality = access.municipality_to_enter(request.user, code)
    if half not in (1, 2) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    offer = scope.offer_for_request(request)
    service_list = list(offer.services.order_by("order"))
    stored = services.period_figures(municipality, year, half, offer=offer)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        services=service_list,
        initial_counts={pk: f.counts() for pk, f in stored.items()},
    )
    problems = services.check_period(year, half, today=timezone.localdate())
    if request.method == "POST" and not problems and form.is_valid():
        try:
            result = services.save_period(
                municipality=municipality,
                year=year,
                half=half,
                counts_by_service=form.counts_by_service(),
                by=request.user,
                offer=offer,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Siffrorna för %(municipality)s, %(period)s är sparade: %(summary)s")
                % {
                    "municipality": municipality.name,
                    "period": half_label(year, half),
                    "summary": _summary(result),
                },
            )
            return redirect(
                reverse("followup:municipality", args=[municipality.code])
                + scope.offer_query(offer)
            )
    return render(
        request,
        "followup/entry.html",
        _offer_context(
            offer,
            {
                "municipality": municipality,
                "year": year,
                "half": half,
                "period_label": half_label(year, half),
                "form": form,
                "problems": problems,
                "stored": sorted(stored.values(), key=lambda f: f.updated_at, reverse=True),
            },
        ),
    )


@require_safe
def template(request):
    """The XLSX template of a half-year (this half-year when none or a bad one is asked for)."""
    access.require_enter(request.user)
    offer = scope.offer_for_request(request)
    form = HalfYearForm(request.GET)
    if form.is_valid():
        year, half = form.cleaned_data["ar"], form.cleaned_data["halvar"]
    else:
        year, half = form.fields["ar"].initial, form.fields["halvar"].initial
    response = HttpResponse(
        importing.template_xlsx(year, half, offer=offer), content_type=XLSX_CONTENT_TYPE
    )
    name = f"nyttjande-{offer.slug}-" if scope.several_offers() else "nyttjande-"
    response["Content-Disposition"] = f'attachment; filename="{name}{year}-h{half}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def import_file(request):
    """Step 1: upload a file; if every row is good, show what will be written, and a button."""
    access.require_enter(request.user)
    offer = scope.offer_for_request(request)
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context = _offer_context(offer, {"form": form, "template_form": HalfYearForm()})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        rows, errors = importing.check_file(content, upload.name, offer=offer)
        if errors:
            context["errors"] = errors
        else:
            request.session[SESSION_KEY] = {
                "filename": upload.name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "offer": offer.pk,
                "rows": [r.to_json() for r in rows],
            }
            context["preview"] = importing.preview(rows, offer=offer)
            context["pending"] = request.session[SESSION_KEY]
    return render(request, "followup/import.html", context)


@require_POST
def import_confirm(request):
    """Step 2: write what was previewed, exactly that, once."""
    access.require_enter(request.user)
    offer = scope.offer_for_request(request)
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or pending["sha256"] != request.POST.get("sha256")
        or pending.get("offer", offer.pk) != offer.pk
    ):
        messages.error(request, _("Förhandsvisningen har gått ut. Ladda upp filen igen."))
        return redirect(reverse("followup:import") + scope.offer_query(offer))
    del request.session[SESSION_KEY]  # used once, whatever happens next
    rows = [importing.ImportRow.from_json(r) for r in pending["rows"]]
    try:
        result = importing.import_rows(rows, by=request.user, offer=offer)
    except ValidationError as exc:
        return render(
            request,
            "followup/import.html",
            _offer_context(
                offer,
                {"form": ImportForm(), "template_form": HalfYearForm(), "errors": exc.messages},
            ),
        )
    messages.success(
        request, _("Nyttjandesiffrorna är importerade: %(summary)s") % {"summary": _summary(result)}
    )
    return redirect(reverse("followup:report") + scope.offer_query(offer))
