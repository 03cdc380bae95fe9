"""Cost pools, the cost table (Bilaga), special annual amounts and the invoice run in the browser.

Who may do what (invoicing/access.py):

- the cost table of a year with a confirmed pool (HTML, XLSX, PDF) is published: everyone logged in;
- the pools and the special amounts: city staff read, the project leader confirms and sets;
- the invoice run and the proposed first invoices: finance only.

The rules stay where they are: offers.pools.set_pool confirms a pool, invoicing.services plans
and issues invoices, offers.costs builds the table. These views only call them.

Every page is one offer's: /fakturering/kostnader/erbjudande/<slug>/…, and the URLs without an
offer serve the installation's first offer (the only one of a single-offer installation).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agreements.services import full_year_after_notice
from core.money import format_kr
from offers import rules
from offers.costs import CostTableView, PoolNotConfirmed, proposal
from offers.costs import cost_table as build_cost_table
from offers.models import CostPool, Offer, SpecialAnnualAmount
from offers.pools import set_pool

from . import access, cost_exports, services
from .forms_costs import (
    MAX_YEAR,
    MIN_YEAR,
    PoolForm,
    RunConfirmForm,
    RunForm,
    SpecialAmountForm,
)
from .models import Invoice, Kind
from .templatetags.costs import costs_url_for

# How many years ahead of this one the pools page proposes a pool.
YEARS_AHEAD = 1


def _require_city_staff(user) -> None:
    if not user.is_city_staff:
        raise PermissionDenied


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def _offer(slug: str | None) -> Offer:
    """The offer a cost page is for: the one in its URL, else the installation's first."""
    if slug is None:
        try:
            return Offer.objects.default()
        except Offer.DoesNotExist:
            raise Http404 from None
    return get_object_or_404(Offer, slug=slug)


def indexation_factor(offer: Offer) -> str:
    """The offer's yearly raise as the factor the pages print: 2 % → '1,02'."""
    factor = (Decimal(1) + offer.indexation_percent / Decimal(100)).normalize()
    return f"{factor:f}".replace(".", ",")


def _offer_context(offer: Offer, name: str, *args) -> dict:
    """The offer of the page, and with several offers, the same page of each (to switch)."""
    offers = list(Offer.objects.order_by("name"))
    default_pk = min(o.pk for o in offers)
    return {
        "offer": offer,
        "indexation_factor": indexation_factor(offer),
        "offer_links": (
            [(o, costs_url_for(name, o, *args, default_pk=default_pk)) for o in offers]
            if len(offers) > 1
            else []
        ),
    }


def _invoiced_years(offer: Offer) -> set[int]:
    return set(
        Invoice.objects.filter(agreement__offer=offer)
        .exclude(kind=Kind.CREDIT)
        .values_list("year", flat=True)
        .distinct()
    )


# --- Pools ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolYear:
    """A line of the pools page: a confirmed pool, or the proposal for a year without one."""

    year: int
    pool: CostPool | None
    proposal: Decimal | None
    invoiced: bool

    @property
    def amount(self) -> Decimal | None:
        return self.pool.amount if self.pool else self.proposal


def pool_years(today: datetime.date | None = None, *, offer: Offer | None = None) -> list[PoolYear]:
    """Every year from the first pool to next year, newest first, in two queries.

    A year without a pool shows its proposal: the nearest earlier pool × 1,02 a year, or the
    offer's own percentage (the same
    as offers.costs.proposal, computed here from the pools already read, with the offer's rule).
    """
    today = today or timezone.localdate()
    offer = offer or Offer.objects.default()
    pools = {
        p.year: p
        for p in CostPool.objects.filter(offer=offer)
        .select_related("confirmed_by")
        .order_by("year")
    }
    if not pools:
        return []
    invoiced = _invoiced_years(offer)
    indexation = offer.indexation_percent
    lines, previous = [], None
    for year in range(min(pools), max(max(pools), today.year + YEARS_AHEAD) + 1):
        pool = pools.get(year)
        proposed = (
            None
            if previous is None
            else rules.proposed_pool(previous=previous, indexation_percent=indexation)
        )
        lines.append(PoolYear(year, pool, proposed, year in invoiced))
        previous = pool.amount if pool else proposed
    return lines[::-1]


@require_safe
def pools(request, offer=None):
    _require_city_staff(request.user)
    offer = _offer(offer)
    return render(
        request,
        "invoicing/costs/pools.html",
        {
            "lines": pool_years(offer=offer),
            "can_manage": access.can_manage_pools(request.user),
            **_offer_context(offer, "pools"),
        },
    )


@require_http_methods(["GET", "POST"])
def pool_set(request, year, offer=None):
    """Confirm a year's pool, or override the proposal with a note, in two steps: the form, then
    a summary to confirm. A year that has been invoiced keeps its pool."""
    access.require_pool_manager(request.user)
    year = _check_year(year)
    offer = _offer(offer)
    pools_of_offer = CostPool.objects.filter(offer=offer)
    current = pools_of_offer.select_related("confirmed_by").filter(year=year).first()
    proposed = proposal(year, offer=offer)
    context = {
        "year": year,
        "current": current,
        "proposal": proposed,
        "previous": pools_of_offer.filter(year__lt=year).order_by("-year").first(),
        "locked": year in _invoiced_years(offer),
        **_offer_context(offer, "pool_set", year),
    }
    if context["locked"]:
        if request.method == "POST":
            messages.error(
                request,
                _("Det finns fakturor för %(year)s; kostnadsramen kan inte längre ändras.")
                % {"year": year},
            )
        return render(request, "invoicing/costs/pool_form.html", context)

    if request.method == "GET":
        # The note is the reason for this decision: never the previous one's (shown above it).
        initial = {"amount": current.amount if current else proposed, "note": ""}
        form = PoolForm(initial=initial, proposal=proposed, factor=context["indexation_factor"])
        return render(request, "invoicing/costs/pool_form.html", {**context, "form": form})

    form = PoolForm(request.POST, proposal=proposed, factor=context["indexation_factor"])
    if not form.is_valid() or "andra" in request.POST:
        return render(request, "invoicing/costs/pool_form.html", {**context, "form": form})
    if "bekrafta" not in request.POST:
        return render(request, "invoicing/costs/pool_confirm.html", {**context, "form": form})
    try:
        pool, _proposed = set_pool(
            year=year,
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
            by=request.user,
            offer=offer,
        )
    except ValueError as exc:
        form.add_error(None, str(exc))
        return render(request, "invoicing/costs/pool_form.html", {**context, "form": form})
    messages.success(
        request,
        _("Kostnadsramen för %(year)s är fastställd till %(amount)s.")
        % {"year": year, "amount": format_kr(pool.amount)},
    )
    return redirect(costs_url_for("pools", offer))


# --- The cost table (Bilaga) ------------------------------------------------------------------


def _confirmed_table(year: int, offer: Offer) -> CostTableView:
    try:
        return build_cost_table(_check_year(year), offer=offer)
    except PoolNotConfirmed:
        raise Http404 from None


@require_safe
def cost_table(request, year, offer=None):
    """The Bilaga of a year. A year without a confirmed pool answers 200 with a message that
    names the proposal, and no table: nothing unconfirmed is published."""
    year = _check_year(year)
    offer = _offer(offer)
    context = {
        "year": year,
        "years": list(
            CostPool.objects.filter(offer=offer).order_by("year").values_list("year", flat=True)
        ),
        "can_manage": access.can_manage_pools(request.user),
        **_offer_context(offer, "cost_table", year),
    }
    try:
        table = build_cost_table(year, offer=offer)
    except PoolNotConfirmed as exc:
        return render(
            request, "invoicing/costs/cost_table.html", {**context, "proposal": exc.proposed}
        )
    user = request.user
    highlight = user.municipality if user.is_municipal_contact and user.municipality_id else None
    return render(
        request,
        "invoicing/costs/cost_table.html",
        {**context, "table": table, "highlight": highlight},
    )


def _download(data: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def cost_table_xlsx(request, year, offer=None):
    offer = _offer(offer)
    table = _confirmed_table(year, offer)
    return _download(
        cost_exports.cost_table_xlsx(table),
        cost_exports.XLSX_CONTENT_TYPE,
        cost_exports.filename(table, "xlsx", offer=_named_offer(offer)),
        inline=False,
    )


@require_safe
def cost_table_pdf(request, year, offer=None):
    offer = _offer(offer)
    table = _confirmed_table(year, offer)
    return _download(
        cost_exports.cost_table_pdf(table, offer=offer),
        "application/pdf",
        cost_exports.filename(table, "pdf", offer=_named_offer(offer)),
        inline=True,
    )


def _named_offer(offer: Offer) -> Offer | None:
    """The offer, when a file name must tell it from the first offer's (None for that one)."""
    return None if offer.pk == Offer.objects.default().pk else offer


# --- Special annual amounts -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def special_amounts(request, offer=None):
    """Explicit annual amounts for municipalities outside the cost base: city staff read, the
    project leader sets one (a second time for the same year replaces it, until invoiced)."""
    _require_city_staff(request.user)
    offer = _offer(offer)
    can_manage = access.can_manage_pools(request.user)
    form = None
    if can_manage:
        form = SpecialAmountForm(request.POST if request.method == "POST" else None, offer=offer)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            special, created = form.save(by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                (
                    _("Årsbeloppet för %(municipality)s %(year)s är satt till %(amount)s.")
                    if created
                    else _("Årsbeloppet för %(municipality)s %(year)s är ändrat till %(amount)s.")
                )
                % {
                    "municipality": special.municipality,
                    "year": special.year,
                    "amount": format_kr(special.amount),
                },
            )
            return redirect(costs_url_for("special_amounts", offer))
    amounts = (
        SpecialAnnualAmount.objects.filter(offer=offer)
        .select_related("municipality", "set_by")
        .order_by("-year", "municipality__name")
    )
    invoiced = set(
        Invoice.objects.filter(agreement__offer=offer)
        .exclude(kind=Kind.CREDIT)
        .exclude(municipality__cost_base_offers=offer)
        .values_list("municipality_id", "year")
    )
    rows = [(a, (a.municipality_id, a.year) in invoiced) for a in amounts]
    return render(
        request,
        "invoicing/costs/special_amounts.html",
        {
            "rows": rows,
            "form": form,
            "can_manage": can_manage,
            **_offer_context(offer, "special_amounts"),
        },
    )


# --- First invoices proposed to finance ---------------------------------------------------------


def _plan(
    year: int, invoice_date: datetime.date, agreement_pk: int | None = None, *, offer: Offer
) -> services.RunPlan:
    """services.plan_run, or an empty plan that says why it could not be made.

    plan_run raises ValueError when an agreement's dates contradict each other (an end before
    the start); one such agreement must not take the finance pages down with it.
    """
    try:
        return services.plan_run(
            year, offer=offer, invoice_date=invoice_date, agreement_pk=agreement_pk
        )
    except ValueError as exc:
        plan = services.RunPlan(year=year, invoice_date=invoice_date, offer=offer)
        plan.errors.append(
            _(
                "Körningen för %(year)s kan inte planeras: ett avtal har motstridiga datum "
                "(%(error)s)."
            )
            % {"year": year, "error": exc}
        )
        return plan


@dataclass
class FirstInvoicesDue:
    """The first invoices of agreements that came into force this year and are not issued yet,
    with the year's run as a whole (for the finance start page)."""

    year: int
    planned: list[services.PlannedInvoice] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    run_count: int = 0
    run_total: Decimal = Decimal(0)
    # What keeps a proposed first invoice from going out as an e-invoice (Peppol).
    einvoice_warnings: list[str] = field(default_factory=list)
    # Every offer's first invoices, of an installation with several: each names its offer.
    several_offers: bool = False


def first_invoices_due(
    today: datetime.date | None = None, *, offer: Offer | None = None
) -> FirstInvoicesDue:
    """What § 6 says is invoiced when signed: plan_run(this year), its "first" invoices; of
    ``offer``, or of every offer's run (one after the other) without one."""
    today = today or timezone.localdate()
    from .einvoice import plan_warnings

    offers = [offer] if offer is not None else list(Offer.objects.order_by("pk"))
    first = FirstInvoicesDue(year=today.year, several_offers=len(offers) > 1)
    for each in offers:
        plan = _plan(today.year, today, offer=each)
        first.planned += [p for p in plan.planned if p.kind == Kind.FIRST]
        # With several offers, each error says whose run it is from.
        first.errors += [f"{each.name}: {e}" if first.several_offers else e for e in plan.errors]
        first.run_count += len(plan.planned)
        first.run_total += plan.total
    first.einvoice_warnings = [w for ws in plan_warnings(first).values() for w in ws]
    return first


def _issued_url(invoices) -> str:
    return (
        reverse("invoicing:run_issued")
        + "?"
        + urlencode([("faktura", invoice.pk) for invoice in invoices])
    )


# --- The invoice run ---------------------------------------------------------------------------


def _ending_in_full(plan) -> list[services.PlannedInvoice]:
    """Planned invoices of agreements given notice that end during the year, after 1 January,
    and so are invoiced for the whole year (§ 6): the preview says so."""
    if not plan:
        return []
    return [p for p in plan.planned if full_year_after_notice(p.agreement) == plan.year]


def _run_page(request, form, *, offer, plan=None, changed=False, date_unconfirmed=False):
    from .einvoice import plan_warnings

    return render(
        request,
        "invoicing/costs/run.html",
        {
            "form": form,
            "plan": plan,
            "changed": changed,
            # An invoice date far back: the confirmation asks for a tick (services.PAST_DATE_DAYS).
            "past_date_problem": services.past_date_problem(plan.invoice_date) if plan else None,
            "date_unconfirmed": date_unconfirmed,
            "first_due": first_invoices_due(offer=offer),
            # Per invoice: what will keep it from being sent as an e-invoice (Peppol).
            "einvoice_warnings": plan_warnings(plan) if plan else {},
            "ending_in_full": _ending_in_full(plan),
            **_offer_context(offer, "run"),
        },
    )


@require_safe
def run(request, offer=None):
    """Choose the year and the invoice date; the preview shows every invoice of the offer due, the
    totals and what stops an invoice; a button confirms the run (run_confirm)."""
    access.require_finance(request.user)
    offer = _offer(offer)
    if "ar" not in request.GET:
        return _run_page(request, RunForm(initial=RunForm.initial_data()), offer=offer)
    form = RunForm(request.GET)
    plan = None
    if form.is_valid():
        data = form.cleaned_data
        plan = _plan(data["ar"], data["fakturadatum"], data["avtal"], offer=offer)
    return _run_page(request, form, plan=plan, offer=offer)


@transaction.non_atomic_requests
@require_POST
def run_confirm(request, offer=None):
    """Issue the previewed run, only if the plan is still what the preview showed.

    Not inside the request's transaction: as services.issue_run intends, each invoice commits
    on its own, so a run that stops half-way keeps whole invoices and running again issues only
    what is still missing.
    """
    access.require_finance(request.user)
    offer = _offer(offer)
    confirm = RunConfirmForm(request.POST)
    if not confirm.is_valid():
        messages.error(request, _("Körningen kunde inte utfärdas: förhandsgranska den först."))
        return _run_page(request, RunForm(initial=RunForm.initial_data()), offer=offer)
    year, invoice_date = confirm.cleaned_data["ar"], confirm.cleaned_data["fakturadatum"]
    agreement_pk = confirm.cleaned_data["avtal"]
    form = RunForm(
        {"ar": year, "fakturadatum": invoice_date.isoformat(), "avtal": agreement_pk or ""}
    )
    form.is_valid()
    plan = _plan(year, invoice_date, agreement_pk, offer=offer)
    if services.past_date_problem(invoice_date) and not confirm.cleaned_data["bekrafta_datum"]:
        return _run_page(request, form, plan=plan, offer=offer, date_unconfirmed=True)
    if (len(plan.planned), plan.total) != (
        confirm.cleaned_data["antal"],
        Decimal(confirm.cleaned_data["summa"]),
    ):
        return _run_page(request, form, plan=plan, offer=offer, changed=True)
    if not plan.planned:
        messages.info(request, _("Inget att utfärda för %(year)s.") % {"year": year})
        return _run_page(request, form, plan=plan, offer=offer)
    try:
        issued, plan = services.issue_run(
            year,
            offer=offer,
            invoice_date=invoice_date,
            by=request.user,
            agreement_pk=agreement_pk,
        )
    except IntegrityError:
        messages.error(
            request,
            _(
                "Körningen avbröts: en annan körning utfärdade fakturor samtidigt. Det som hann "
                "utfärdas finns kvar; förhandsgranska igen för resten."
            ),
        )
        query = {k: v for k, v in form.cleaned_data.items() if v is not None}
        return redirect(costs_url_for("run", offer) + "?" + urlencode(query))
    total = sum((invoice.amount for invoice in issued), Decimal(0))
    messages.success(
        request,
        ngettext(
            "%(count)s faktura utfärdad för %(year)s, summa %(total)s.",
            "%(count)s fakturor utfärdade för %(year)s, summa %(total)s.",
            len(issued),
        )
        % {"count": len(issued), "year": year, "total": format_kr(total)},
    )
    return redirect(_issued_url(issued))


@require_safe
def run_issued(request):
    """What a run (or a first invoice previewed on its own) issued: ?faktura=<id>&faktura=<id>…"""
    access.require_finance(request.user)
    ids = [int(i) for i in request.GET.getlist("faktura") if i.isdigit()]
    invoices = list(
        Invoice.objects.filter(pk__in=ids)
        .select_related("municipality")
        .order_by("series_year", "series_number")
    )
    return render(
        request,
        "invoicing/costs/run_issued.html",
        {"invoices": invoices, "total": sum((i.amount for i in invoices), Decimal(0))},
    )
