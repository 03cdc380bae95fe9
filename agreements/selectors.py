"""Reads for the pipeline, the letters and quotes, and the start page: constant numbers of queries."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import IntegerField, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.collation import swedish_key
from municipalities.models import Municipality
from offers import rules
from offers.costs import CostTableView, cost_table, offer_or_default
from offers.models import Offer, Service

from .models import IN_FORCE_STATUSES, Agreement, NoticeParty, Status, StatusChange
from .models_pipeline import ContactNote, ResidentsMet
from .pipeline import AGREEMENT_PIPELINE_STATUS, PipelineState, pipeline_state

# --- The pipeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineRow:
    municipality: Municipality
    state: PipelineState
    last_contact: datetime.date | None  # the date of the latest contact note
    residents_met: int  # residents met in the current calendar year


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def pipeline_rows(
    municipalities=None,
    *,
    today: datetime.date | None = None,
    include_dialogue: bool = True,
    offer: Offer | None = None,
) -> list[PipelineRow]:
    """Every municipality of ``municipalities`` (a queryset; default all) with its pipeline status:
    of ``offer``'s agreements when one is given, else of the municipality's agreements of any offer.

    Two queries whatever the number of municipalities, agreements and notes: the municipalities
    annotated with their latest note and this year's residents met, and their deciding agreements.
    Without ``include_dialogue`` the project leader's notes and residents met are not read at all
    (the status then comes from agreements only). Sorted in Swedish alphabetical order.
    """
    today = today or timezone.localdate()
    queryset = Municipality.objects.all() if municipalities is None else municipalities
    if include_dialogue:
        latest = ContactNote.objects.filter(municipality=OuterRef("pk")).order_by(
            "-date", "-created_at", "-pk"
        )
        first, last = _year_bounds(today.year)
        met = ResidentsMet.objects.filter(
            municipality=OuterRef("pk"), date__gte=first, date__lte=last
        )
        if offer is not None:
            met = met.filter(service__offer=offer)
        met = met.order_by().values("municipality").annotate(total=Sum("count")).values("total")
        queryset = queryset.annotate(
            latest_stage=Subquery(latest.values("stage")[:1]),
            last_contact=Subquery(latest.values("date")[:1]),
            residents_this_year=Coalesce(
                Subquery(met, output_field=IntegerField()), Value(0), output_field=IntegerField()
            ),
        )
    municipalities = sorted(queryset, key=lambda m: swedish_key(m.name))
    agreements = defaultdict(list)
    deciding = Agreement.objects.filter(
        municipality__in=[m.pk for m in municipalities],
        status__in=list(AGREEMENT_PIPELINE_STATUS),
    )
    if offer is not None:
        deciding = deciding.filter(offer=offer)
    for agreement in deciding:
        agreements[agreement.municipality_id].append(agreement)
    rows = []
    for m in municipalities:
        for agreement in agreements[m.pk]:
            agreement.municipality = m  # already read: no query per row
        state = pipeline_state(
            is_host=m.is_host,
            agreements=agreements[m.pk],
            latest_stage=getattr(m, "latest_stage", None),
            today=today,
        )
        rows.append(
            PipelineRow(
                municipality=m,
                state=state,
                last_contact=getattr(m, "last_contact", None),
                residents_met=getattr(m, "residents_this_year", 0),
            )
        )
    return rows


def pipeline_row(
    municipality: Municipality, *, today: datetime.date | None = None, offer: Offer | None = None
) -> PipelineRow:
    (row,) = pipeline_rows(
        Municipality.objects.filter(pk=municipality.pk), today=today, offer=offer
    )
    return row


@dataclass(frozen=True)
class ResidentsMetCount:
    service: Service
    count: int


def residents_met_by_service(
    municipality: Municipality,
    *,
    first: datetime.date,
    last: datetime.date,
    offer: Offer | None = None,
) -> list[ResidentsMetCount]:
    """Residents met per service of the offer (default: the one offer) from ``first`` to ``last``
    (both included): every service of it, zeros too."""
    offer = offer_or_default(offer)
    totals = dict(
        ResidentsMet.objects.filter(municipality=municipality, date__gte=first, date__lte=last)
        .order_by()
        .values("service")
        .annotate(total=Sum("count"))
        .values_list("service", "total")
    )
    services = Service.objects.filter(offer=offer).order_by("order")
    return [ResidentsMetCount(s, totals.get(s.pk, 0)) for s in services]


# --- What a municipality would pay (§ 6): the letter and the quote -------------------------------


@dataclass(frozen=True)
class CostOffer:
    """What a municipality would pay if the agreement started on ``start``, computed by offers.rules.

    ``annual`` is None for a municipality outside the cost base (Gotland): its amount is agreed
    separately. ``table`` and ``next_table`` may be built from proposed pools (``confirmed`` is
    False on them): a quote is a preview, never an invoice.
    """

    municipality: Municipality
    offer: Offer
    start: datetime.date
    table: CostTableView
    next_table: CostTableView
    annual: Decimal | None
    next_annual: Decimal | None
    twelfths: int
    first_month: datetime.date | None  # the first month the first invoice covers
    first_amount: Decimal | None

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def next_year(self) -> int:
        return self.start.year + 1

    @property
    def in_cost_base(self) -> bool:
        return self.annual is not None

    @property
    def preliminary(self) -> bool:
        return not (self.table.confirmed and self.next_table.confirmed)


def _amount(table: CostTableView, municipality: Municipality) -> Decimal | None:
    """The municipality's annual amount in the table; None outside the offer's cost base."""
    row = table.row_for(municipality)
    return row.amount if row else None


def cost_offer(
    municipality: Municipality, *, start: datetime.date, offer: Offer | None = None
) -> CostOffer:
    """The first invoice of the start year and the annual amount of the next, from the Bilaga of
    ``offer`` (default: the one offer of the installation).

    The first invoice follows the offer's first-year rule (today's offer: remaining twelfths).
    Raises offers.costs.PoolNotConfirmed when no pool can even be proposed for a year (a year
    before the first pool).
    """
    offer = offer_or_default(offer)
    table = cost_table(start.year, allow_proposal=True, offer=offer)
    next_table = cost_table(start.year + 1, allow_proposal=True, offer=offer)
    annual = _amount(table, municipality)
    dues = rules.invoiced_years(
        start=start, end=None, through_year=start.year, rule=offer.first_year_rule
    )
    first = dues[0] if dues else None
    first_amount = None
    if annual is not None:
        first_amount = (
            rules.due_amount(annual=annual, due=first)
            if first
            else rules.pro_rata_amount(annual=annual, twelfths=0)
        )
    return CostOffer(
        municipality=municipality,
        offer=offer,
        start=start,
        table=table,
        next_table=next_table,
        annual=annual,
        next_annual=_amount(next_table, municipality),
        twelfths=first.twelfths if first else 0,
        first_month=rules.first_invoiced_month(start=start, rule=offer.first_year_rule),
        first_amount=first_amount,
    )


# --- The start page ---------------------------------------------------------------------------

ENDING_SOON_MONTHS = 3
RECENT_HISTORY_ROWS = 10


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later, or the last day of that month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PipelineSummary:
    joined: int
    not_joined: int


def pipeline_summary(rows: list[PipelineRow]) -> PipelineSummary:
    """Joined and not joined municipalities; the host is neither."""
    joined = sum(1 for r in rows if r.state.is_joined)
    host = sum(1 for r in rows if r.municipality.is_host)
    return PipelineSummary(joined=joined, not_joined=len(rows) - joined - host)


def awaiting_signature():
    """Agreements waiting for a signature: the municipality's (sent) or the city's (signed by it).

    ``since`` is the time of the latest status change. One query.
    """
    return (
        Agreement.objects.filter(status__in=[Status.SENT, Status.SIGNED_BY_MUNICIPALITY])
        .select_related("municipality")
        .annotate(since=Max("history__at"))
        .order_by("since", "pk")
    )


def awaiting_countersignature():
    return awaiting_signature().filter(status=Status.SIGNED_BY_MUNICIPALITY)


def notices_received(*, today: datetime.date | None = None) -> list[Agreement]:
    """Agreements a municipality has given notice on that are still in force, the earliest last
    day first (for the project leader's start page). One query."""
    today = today or timezone.localdate()
    candidates = Agreement.objects.filter(
        status=Status.NOTICE_GIVEN, notice_party=NoticeParty.MUNICIPALITY
    ).select_related("municipality")
    return sorted(
        (a for a in candidates if not a.has_expired(today)),
        key=lambda a: (a.last_day or datetime.date.max, swedish_key(a.municipality.name)),
    )


def ending_soon(
    *, today: datetime.date | None = None, months: int = ENDING_SOON_MONTHS
) -> list[Agreement]:
    """Agreements in force whose last day (end date or latest end date) is within ``months``."""
    today = today or timezone.localdate()
    limit = add_months(today, months)
    window = Q(end_date__gte=today, end_date__lte=limit) | Q(
        latest_end_date__gte=today, latest_end_date__lte=limit
    )
    candidates = Agreement.objects.filter(window, status__in=IN_FORCE_STATUSES).select_related(
        "municipality"
    )
    return sorted(
        (a for a in candidates if today <= a.last_day <= limit),
        key=lambda a: (a.last_day, swedish_key(a.municipality.name)),
    )


def recent_history(limit: int = RECENT_HISTORY_ROWS):
    return StatusChange.objects.select_related("agreement__municipality", "by").order_by(
        "-at", "-pk"
    )[:limit]


# --- A municipality's organisation number -------------------------------------------------------

# Signed by the municipality (electronically or on paper): its § 1 holds its organisation number.
SIGNED_BY_MUNICIPALITY_STATUSES = [Status.SIGNED_BY_MUNICIPALITY, *IN_FORCE_STATUSES, Status.ENDED]


@dataclass(frozen=True)
class SignedOrgNumber:
    signed: bool  # the municipality has signed an agreement
    org_number: str  # the number in its latest signed agreement's § 1 ("" if none)


def signed_org_number(municipality: Municipality) -> SignedOrgNumber:
    """The organisation number of the municipality's latest signed agreement (one query)."""
    latest = (
        Agreement.objects.filter(
            municipality=municipality, status__in=SIGNED_BY_MUNICIPALITY_STATUSES
        )
        .order_by("-created_at", "-pk")
        .values_list("org_number", flat=True)
        .first()
    )
    return SignedOrgNumber(signed=latest is not None, org_number=latest or "")


# --- A municipality's offers --------------------------------------------------------------------


@dataclass(frozen=True)
class OfferAgreements:
    offer: Offer
    agreements: list[Agreement]  # the newest first

    @property
    def current(self) -> Agreement:
        """The agreement that says where the municipality stands with the offer: the newest."""
        return self.agreements[0]


def agreements_by_offer(agreements) -> list[OfferAgreements]:
    """``agreements`` (a queryset, e.g. what a municipal contact sees) grouped by offer, the offers
    by name. One query."""
    groups: dict[int, list[Agreement]] = defaultdict(list)
    offers: dict[int, Offer] = {}
    for agreement in agreements.select_related("offer").order_by("-created_at", "-pk"):
        groups[agreement.offer_id].append(agreement)
        offers[agreement.offer_id] = agreement.offer
    return [
        OfferAgreements(offers[pk], groups[pk])
        for pk in sorted(groups, key=lambda pk: swedish_key(offers[pk].name))
    ]
