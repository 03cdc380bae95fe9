"""The follow-up report of a period: one row per municipality with its counts per service and in
total, its cost (followup/costs.py) and the key figures. A constant number of queries whatever
the number of municipalities (the cost tables take a few per year of the period).

The same rows feed the HTML table, the chart, the XLSX export and the PDF.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from agreements.models import IN_FORCE_STATUSES, Agreement, Status
from core.collation import swedish_key
from municipalities.models import Municipality, PopulationFigure
from offers.models import Offer, Service

from . import costs, scope
from .models import COUNT_FIELDS, UsageFigure
from .periods import Period


@dataclass
class Counts:
    individuals_supported: int = 0
    contacts: int = 0
    consultations: int = 0
    training_participants: int = 0

    def add(self, other: "Counts") -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return tuple(getattr(self, name) for name in COUNT_FIELDS)


@dataclass
class ServiceLine:
    service: Service
    counts: Counts
    reported: bool  # a figure is stored for this service in the period


@dataclass
class ReportRow:
    municipality: Municipality
    population: int | None
    lines: list[ServiceLine]
    total: Counts
    cost: Decimal | None

    @property
    def reported(self) -> bool:
        return any(line.reported for line in self.lines)

    @property
    def cost_per_inhabitant(self) -> Decimal | None:
        return costs.per_inhabitant(self.cost, self.population)

    @property
    def cost_per_individual(self) -> Decimal | None:
        return costs.per_individual(self.cost, self.total.individuals_supported)


@dataclass
class Report:
    offer: Offer
    period: Period
    services: list[Service]
    rows: list[ReportRow]
    proposed_years: list[int] = field(default_factory=list)
    missing_years: list[int] = field(default_factory=list)
    population_date: object = None

    @property
    def total(self) -> Counts:
        total = Counts()
        for row in self.rows:
            total.add(row.total)
        return total

    @property
    def service_totals(self) -> list[tuple[Service, Counts]]:
        totals = []
        for index, service in enumerate(self.services):
            counts = Counts()
            for row in self.rows:
                counts.add(row.lines[index].counts)
            totals.append((service, counts))
        return totals

    @property
    def total_cost(self) -> Decimal | None:
        amounts = [row.cost for row in self.rows]
        if not amounts or any(a is None for a in amounts):
            return None
        return sum(amounts, Decimal(0))

    @property
    def has_figures(self) -> bool:
        return any(row.reported for row in self.rows)


def agreement_municipality_ids(period: Period, *, offer: Offer | None = None) -> set[int]:
    """Municipalities with an agreement of the offer (the first with follow-up when none is
    given) in force on some day of the period."""
    candidates = Agreement.objects.filter(
        offer=scope.offer_or_first(offer),
        status__in=[*IN_FORCE_STATUSES, Status.ENDED],
        start_date__isnull=False,
        start_date__lte=period.end,
    ).only("municipality_id", "status", "start_date", "end_date", "latest_end_date")
    return {
        a.municipality_id for a in candidates if a.last_day is None or a.last_day >= period.start
    }


def unreported_municipality_ids(
    period: Period, municipality_ids=None, *, offer: Offer | None = None
) -> set[int]:
    """Municipalities with an agreement of the offer (the first with follow-up when none is
    given) in force during ``period`` and no figures of its services for it (the ones to follow
    up), optionally only among ``municipality_ids``. Three queries."""
    offer = scope.offer_or_first(offer)
    expected = agreement_municipality_ids(period, offer=offer)
    if municipality_ids is not None:
        expected &= set(municipality_ids)
    if not expected:
        return set()
    reported = UsageFigure.objects.filter(
        period.figures_q(), municipality_id__in=expected, service__offer=offer
    ).values_list("municipality_id", flat=True)
    return expected - set(reported)


def build_report(
    period: Period, municipalities, *, include_all: bool = False, offer: Offer | None = None
) -> Report:
    """The report of one offer (the first with follow-up when none is given) for ``period`` and
    the given municipalities (a queryset, already limited to what the user may see): the offer's
    services, its population date and its cost tables. A municipality is shown when it has
    figures in the period or had an agreement of the offer in force during it; ``include_all``
    shows every one given (a contact's own)."""
    offer = scope.offer_or_first(offer)
    services = list(offer.services.order_by("order"))
    municipalities = list(municipalities)
    sums = (
        UsageFigure.objects.filter(
            period.figures_q(), municipality__in=municipalities, service__offer=offer
        )
        .values("municipality_id", "service_id")
        .annotate(**{name: Sum(name) for name in COUNT_FIELDS})
        .order_by()
    )
    by_key = {
        (s["municipality_id"], s["service_id"]): Counts(**{n: s[n] for n in COUNT_FIELDS})
        for s in sums
    }
    shown = {m for m, _s in by_key}
    if not include_all:
        shown |= agreement_municipality_ids(period, offer=offer)
    municipalities = [m for m in municipalities if include_all or m.pk in shown]
    municipalities.sort(key=lambda m: swedish_key(m.name))
    population_date = offer.population_date
    populations = dict(
        PopulationFigure.objects.filter(
            reference_date=population_date, municipality__in=municipalities
        ).values_list("municipality_id", "population")
    )
    period_costs = costs.period_costs(period, offer=offer)
    rows = []
    for municipality in municipalities:
        lines, total = [], Counts()
        for service in services:
            counts = by_key.get((municipality.pk, service.pk))
            lines.append(ServiceLine(service, counts or Counts(), counts is not None))
            if counts:
                total.add(counts)
        rows.append(
            ReportRow(
                municipality=municipality,
                population=populations.get(municipality.pk),
                lines=lines,
                total=total,
                cost=period_costs.cost(municipality.pk, period),
            )
        )
    return Report(
        offer=offer,
        period=period,
        services=services,
        rows=rows,
        proposed_years=period_costs.proposed_years,
        missing_years=period_costs.missing_years,
        population_date=population_date,
    )


def municipality_history(
    municipality, *, offer: Offer | None = None
) -> list[tuple[int, int, list[UsageFigure]]]:
    """Every half-year with figures of the offer's services (the first offer with follow-up when
    none is given) for one municipality, newest first: (year, half, figures in service order).
    One query."""
    figures = UsageFigure.objects.filter(
        municipality=municipality, service__offer=scope.offer_or_first(offer)
    ).select_related("service", "entered_by")
    periods: dict[tuple[int, int], list[UsageFigure]] = {}
    for figure in sorted(figures, key=lambda f: (-f.year, -f.half, f.service.order)):
        periods.setdefault((figure.year, figure.half), []).append(figure)
    return [(year, half, rows) for (year, half), rows in periods.items()]
