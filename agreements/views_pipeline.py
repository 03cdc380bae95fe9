"""The pipeline: municipalities that have not joined, the dialogue with them, letters and quotes.

Project leader only (403 for every other role, before anything is looked up).
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import bad_request_page
from core.pagination import paginate
from core.pdf import render_pdf
from municipalities.models import Municipality
from offers.costs import PoolNotConfirmed, in_cost_base
from offers.models import Offer

from . import selectors
from .access import require_prepare
from .forms_pipeline import ContactNoteForm, LetterPeriodForm, QuoteDateForm, ResidentsMetForm
from .models_pipeline import ContactNote, ResidentsMet
from .pipeline import PipelineStatus

STATUS_PARAM = "status"
OFFER_PARAM = "erbjudande"
RESIDENTS_PAGE_PARAM = "sida_motta"
LOG_PAGE_SIZE = 20


def _municipality(request, code: str) -> Municipality:
    require_prepare(request.user)
    return get_object_or_404(Municipality, code=code)


def _offers() -> list[Offer]:
    return list(Offer.objects.order_by("name"))


def _chosen_offer(request, offers: list[Offer], *, required: bool) -> Offer | None:
    """The offer ?erbjudande=<slug> names (404 for an unknown one). Without it: the only offer
    of a single-offer installation, or (``required``) the first offer, else None (all offers)."""
    slug = request.GET.get(OFFER_PARAM, "")
    if slug:
        chosen = next((o for o in offers if o.slug == slug), None)
        if chosen is None:
            raise Http404
        return chosen
    if len(offers) == 1 or required:
        return Offer.objects.default() if offers else None
    return None


def _offer_query(offer: Offer | None, offers: list[Offer]) -> str:
    """'?erbjudande=<slug>' for links to the letter and the quote when there are several offers."""
    if offer is None or len(offers) < 2:
        return ""
    return f"?{urlencode({OFFER_PARAM: offer.slug})}"


@require_safe
def pipeline(request):
    require_prepare(request.user)
    offers = _offers()
    offer = _chosen_offer(request, offers, required=False)
    rows = selectors.pipeline_rows(offer=offer if len(offers) > 1 else None)
    summary = selectors.pipeline_summary(rows)
    counts = dict.fromkeys(PipelineStatus, 0)
    for row in rows:
        counts[row.state.status] += 1
    status = request.GET.get(STATUS_PARAM, "")
    if status in PipelineStatus.values:
        rows = [r for r in rows if r.state.status == status]
    else:
        status = ""
    return render(
        request,
        "agreements/pipeline/pipeline_list.html",
        {
            "page": paginate(request, rows),
            "status": status,
            "statuses": [(s, counts[s]) for s in PipelineStatus],
            "summary": summary,
            "year": timezone.localdate().year,
            "offers": offers if len(offers) > 1 else [],
            "offer": offer,
        },
    )


@require_http_methods(["GET", "POST"])
def pipeline_detail(request, code):
    municipality = _municipality(request, code)
    note_form, met_form = ContactNoteForm(prefix="note"), ResidentsMetForm(prefix="met")
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "note":
            note_form = ContactNoteForm(request.POST, prefix="note")
            if note_form.is_valid():
                note = note_form.save(commit=False)
                note.municipality, note.created_by = municipality, request.user
                note.save()
                messages.success(request, _("Anteckningen är sparad."))
                return redirect("agreements:pipeline_detail", code=municipality.code)
        elif which == "met":
            met_form = ResidentsMetForm(request.POST, prefix="met")
            if met_form.is_valid():
                met = met_form.save(commit=False)
                met.municipality, met.created_by = municipality, request.user
                met.save()
                messages.success(request, _("Antalet mötta invånare är sparat."))
                return redirect("agreements:pipeline_detail", code=municipality.code)
        else:
            return bad_request_page(
                request,
                [_("Okänt formulär.")],
                back_url=reverse("agreements:pipeline_detail", args=[municipality.code]),
                back_label=_("Tillbaka till %(municipality)s") % {"municipality": municipality},
            )
    row = selectors.pipeline_row(municipality)
    offers = _offers()
    offer_rows = [
        (offer, selectors.pipeline_row(municipality, offer=offer), _offer_query(offer, offers))
        for offer in (offers if len(offers) > 1 else [])
    ]
    notes = ContactNote.objects.filter(municipality=municipality).select_related("created_by")
    met = ResidentsMet.objects.filter(municipality=municipality).select_related(
        "service", "created_by"
    )
    today = timezone.localdate()
    return render(
        request,
        "agreements/pipeline/pipeline_detail.html",
        {
            "municipality": municipality,
            "row": row,
            "notes": paginate(request, notes, per_page=LOG_PAGE_SIZE),
            "met": Paginator(met, LOG_PAGE_SIZE).get_page(request.GET.get(RESIDENTS_PAGE_PARAM)),
            "met_page_param": RESIDENTS_PAGE_PARAM,
            "year": today.year,
            "met_this_year": selectors.residents_met_by_service(
                municipality, first=datetime.date(today.year, 1, 1), last=today
            ),
            "note_form": note_form,
            "met_form": met_form,
            "letter_form": LetterPeriodForm(
                initial={"fran": datetime.date(today.year, 1, 1), "till": today}
            ),
            "can_write_letter": _letter_refusal(row) is None
            or any(_letter_refusal(r) is None for _o, r, _q in offer_rows),
            "offer_rows": offer_rows,
            "offer_param": OFFER_PARAM,
        },
    )


def _letter_refusal(row) -> str | None:
    """Why no letter goes to this municipality, or None when one may."""
    if row.municipality.is_host:
        return _("Stockholms stad är värdkommun och får inget brev.")
    if row.state.is_joined:
        return _(
            "%(municipality)s har ett avtal som gäller. Brevet är till kommuner utan avtal."
        ) % {"municipality": row.municipality}
    return None


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _offer_or_none(municipality, start, offer):
    try:
        return selectors.cost_offer(municipality, start=start, offer=offer)
    except PoolNotConfirmed:
        return None


@require_safe
def residents_letter(request, code):
    """A letter to a municipality without an agreement: residents met (counts only) and the offer."""
    municipality = _municipality(request, code)
    offers = _offers()
    offer = _chosen_offer(request, offers, required=True)
    row = selectors.pipeline_row(municipality, offer=offer)
    refusal = _letter_refusal(row)
    if refusal:
        messages.error(request, refusal)
        return redirect("agreements:pipeline_detail", code=municipality.code)
    form = LetterPeriodForm(request.GET)
    if not form.is_valid():
        return bad_request_page(
            request,
            [e for errors in form.errors.values() for e in errors],
            back_url=reverse("agreements:pipeline_detail", args=[municipality.code]),
            back_label=_("Tillbaka till %(municipality)s") % {"municipality": municipality},
        )
    first, last = form.cleaned_data["fran"], form.cleaned_data["till"]
    today = timezone.localdate()
    counts = selectors.residents_met_by_service(municipality, first=first, last=last, offer=offer)
    context = {
        "municipality": municipality,
        "first": first,
        "last": last,
        "today": today,
        "counts": counts,
        "total": sum(c.count for c in counts),
        "offering": offer,
        "in_base": in_cost_base(municipality, offer=offer),
        "offer": _offer_or_none(municipality, today, offer),
        "sender": request.user,
    }
    title = _("Invånare från %(municipality)s som mötts av verksamheterna") % {
        "municipality": municipality
    }
    data = render_pdf("agreements/pipeline/letter_pdf.html", context, title=title)
    return _pdf_response(data, f"brev-{slugify(municipality.name)}-{first}-{last}.pdf")


def _quote_form(request) -> tuple[QuoteDateForm, Offer, list[Offer]]:
    """The date form (?datum=, default today) for the chosen offer (?erbjudande=)."""
    offers = _offers()
    offer = _chosen_offer(request, offers, required=True)
    data = request.GET if "datum" in request.GET else {"datum": timezone.localdate()}
    return QuoteDateForm(data, offer=offer), offer, offers


def _quote_context(municipality, form, offer, offers):
    return {
        "municipality": municipality,
        "form": form,
        "offering": offer,
        "offer_slug": offer.slug if len(offers) > 1 else "",
        "offer_param": OFFER_PARAM,
        "offer": (
            selectors.cost_offer(municipality, start=form.cleaned_data["datum"], offer=offer)
            if form.is_valid()
            else None
        ),
    }


def _quotable(request, municipality) -> bool:
    if municipality.is_host:
        messages.error(request, _("Stockholms stad är värdkommun och får ingen offert."))
        return False
    return True


@require_safe
def quote_form(request, code):
    """Choose the signing date and preview the figures of the quote before downloading it."""
    municipality = _municipality(request, code)
    if not _quotable(request, municipality):
        return redirect("agreements:pipeline_detail", code=municipality.code)
    form, offer, offers = _quote_form(request)
    return render(
        request,
        "agreements/pipeline/quote_form.html",
        _quote_context(municipality, form, offer, offers),
    )


@require_safe
def quote(request, code):
    """The quote as PDF: what the municipality would pay if it signed on ?datum=YYYY-MM-DD."""
    municipality = _municipality(request, code)
    if not _quotable(request, municipality):
        return redirect("agreements:pipeline_detail", code=municipality.code)
    form, offer, offers = _quote_form(request)
    if not form.is_valid():
        return bad_request_page(
            request,
            form.errors["datum"],
            back_url=reverse("agreements:quote_form", args=[municipality.code]),
            back_label=_("Tillbaka till offerten"),
        )
    context = {
        **_quote_context(municipality, form, offer, offers),
        "today": timezone.localdate(),
    }
    title = _("Offert till %(municipality)s") % {"municipality": municipality}
    data = render_pdf("agreements/pipeline/quote_pdf.html", context, title=title)
    start = form.cleaned_data["datum"]
    return _pdf_response(data, f"offert-{slugify(municipality.name)}-{start}.pdf")
