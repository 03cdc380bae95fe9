"""Entering the figures: the form of one municipality and half-year, the XLSX template and the
import (preview, then confirm). The project leader only; writes in followup/services.py."""

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from offers.models import Service

from . import access, importing, services
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
    form = EntryChoiceForm(request.GET if "kommun" in request.GET else None)
    if form.is_valid():
        data = form.cleaned_data
        return redirect("followup:entry", data["kommun"].code, data["ar"], data["halvar"])
    return render(request, "followup/entry_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def entry(request, code, year, half):
    municipality = access.municipality_to_enter(request.user, code)
    if half not in (1, 2) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    service_list = list(Service.objects.order_by("order"))
    stored = services.period_figures(municipality, year, half)
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
            return redirect("followup:municipality", municipality.code)
    return render(
        request,
        "followup/entry.html",
        {
            "municipality": municipality,
            "year": year,
            "half": half,
            "period_label": half_label(year, half),
            "form": form,
            "problems": problems,
            "stored": sorted(stored.values(), key=lambda f: f.updated_at, reverse=True),
        },
    )


@require_safe
def template(request):
    """The XLSX template of a half-year (this half-year when none or a bad one is asked for)."""
    access.require_enter(request.user)
    form = HalfYearForm(request.GET)
    if form.is_valid():
        year, half = form.cleaned_data["ar"], form.cleaned_data["halvar"]
    else:
        year, half = form.fields["ar"].initial, form.fields["halvar"].initial
    response = HttpResponse(importing.template_xlsx(year, half), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="nyttjande-{year}-h{half}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def import_file(request):
    """Step 1: upload a file; if every row is good, show what will be written, and a button."""
    access.require_enter(request.user)
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context = {"form": form, "template_form": HalfYearForm()}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        rows, errors = importing.check_file(content, upload.name)
        if errors:
            context["errors"] = errors
        else:
            request.session[SESSION_KEY] = {
                "filename": upload.name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "rows": [r.to_json() for r in rows],
            }
            context["preview"] = importing.preview(rows)
            context["pending"] = request.session[SESSION_KEY]
    return render(request, "followup/import.html", context)


@require_POST
def import_confirm(request):
    """Step 2: write what was previewed, exactly that, once."""
    access.require_enter(request.user)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["sha256"] != request.POST.get("sha256"):
        messages.error(request, _("Förhandsvisningen har gått ut. Ladda upp filen igen."))
        return redirect("followup:import")
    del request.session[SESSION_KEY]  # used once, whatever happens next
    rows = [importing.ImportRow.from_json(r) for r in pending["rows"]]
    try:
        result = importing.import_rows(rows, by=request.user)
    except ValidationError as exc:
        return render(
            request,
            "followup/import.html",
            {"form": ImportForm(), "template_form": HalfYearForm(), "errors": exc.messages},
        )
    messages.success(
        request, _("Nyttjandesiffrorna är importerade: %(summary)s") % {"summary": _summary(result)}
    )
    return redirect("followup:report")
