"""Follow-up pages for readers: the report of a period (HTML with its chart, XLSX, PDF), a
municipality's figures, and attaching the report to a steering-group meeting. Thin: access in
followup/access.py, reads in report.py, files in exports.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.pdf import render_pdf
from steering_group import meetings

from . import access, exports, scope
from .chart import individuals_chart
from .forms import AttachForm, PeriodForm
from .report import build_report, municipality_history

PDF_CONTENT_TYPE = "application/pdf"


def _period(request, offer=None):
    """(period, form): the period asked for in the query string, or this year when none or a
    bad one was asked for (the form then shows why)."""
    form = PeriodForm(request.GET if "ar" in request.GET else None, offer=offer)
    if form.is_valid():
        return form.period(), form
    if not form.is_bound:
        period = PeriodForm.default_period()
        form = PeriodForm(initial={"ar": period.first_year, "halvar": ""}, offer=offer)
        return period, form
    return PeriodForm.default_period(), form


def _report(request, period, offer):
    user = request.user
    municipalities = access.readable_municipalities(user)
    return build_report(
        period, municipalities, include_all=not access.sees_every_municipality(user), offer=offer
    )


def _query(period, offer) -> str:
    """The query string of a report: its period, and its offer when several have follow-up."""
    return urlencode({**scope.offer_params(offer), **period.query()})


def _context(report):
    return {
        "report": report,
        "summary_headers": exports.summary_headers(report),
        "summary_lines": list(exports.summary_lines(report)),
        "service_headers": exports.service_headers(),
        "service_lines": list(exports.service_lines(report)),
        "chart": individuals_chart(report),
        "cost_note": exports.cost_note(report),
        "title": exports.title(report),
    }


@require_safe
def report(request):
    access.require_read(request.user)
    offer = scope.offer_for_request(request)
    period, form = _period(request, offer)
    result = _report(request, period, offer)
    context = _context(result)
    offers = list(scope.followup_offers())
    context.update(
        {
            "form": form,
            "offer": offer,
            "offers": offers if len(offers) > 1 else [],
            "offer_query": scope.offer_query(offer),
            "query": _query(period, offer),
            "can_enter": access.can_enter(request.user),
            "own_only": not access.sees_every_municipality(request.user),
        }
    )
    return render(request, "followup/report.html", context)


def report_pdf_bytes(result) -> bytes:
    return render_pdf("followup/report_pdf.html", _context(result), title=exports.title(result))


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def report_xlsx(request):
    access.require_read(request.user)
    offer = scope.offer_for_request(request)
    period, _form = _period(request, offer)
    result = _report(request, period, offer)
    return _download(
        exports.report_xlsx(result), exports.filename(result, "xlsx"), exports.XLSX_CONTENT_TYPE
    )


@require_safe
def report_pdf(request):
    access.require_read(request.user)
    offer = scope.offer_for_request(request)
    period, _form = _period(request, offer)
    result = _report(request, period, offer)
    return _download(report_pdf_bytes(result), exports.filename(result, "pdf"), PDF_CONTENT_TYPE)


@require_safe
def municipality(request, code):
    """Every half-year reported for one municipality (404 for another municipality's contact)."""
    target = access.municipality_to_read(request.user, code)
    offer = scope.offer_for_request(request)
    return render(
        request,
        "followup/municipality.html",
        {
            "municipality": target,
            "offer": offer,
            "several": scope.several_offers(),
            "offer_query": scope.offer_query(offer),
            "history": municipality_history(target, offer=offer),
            "can_enter": access.can_enter(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def attach(request):
    """The report of a period as a paper of a steering-group meeting (XLSX or PDF)."""
    access.require_enter(request.user)
    offer = scope.offer_for_request(request)
    period, _form = _period(request, offer)
    form = AttachForm(request.POST if request.method == "POST" else None, offer=offer)
    result = _report(request, period, offer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extension = data["file_format"]
        content = exports.report_xlsx(result) if extension == "xlsx" else report_pdf_bytes(result)
        upload = ContentFile(content, name=exports.filename(result, extension))
        try:
            paper = meetings.add_paper(
                data["meeting"],
                title=data["title"] or exports.title(result),
                upload=upload,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Rapporten är bifogad till %(meeting)s som ”%(title)s”.")
                % {"meeting": data["meeting"], "title": paper.title},
            )
            return redirect("steering_group:meeting", data["meeting"].pk)
    return render(
        request,
        "followup/attach.html",
        {
            "form": form,
            "report": result,
            "title": exports.title(result),
            "query": _query(period, offer),
        },
    )
