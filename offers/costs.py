"""An offer's cost pools and its cost table (Bilaga), read from the database and computed by
offers.rules."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.collation import swedish_key
from municipalities.models import Municipality, PopulationFigure

from . import rules
from .models import CostPool, Offer


class PoolNotConfirmed(Exception):
    def __init__(self, year: int, proposed: Decimal | None):
        self.year, self.proposed = year, proposed
        super().__init__(year, proposed)


def offer_or_default(offer: Offer | None) -> Offer:
    """The offer asked for, or the one offer of a single-offer installation."""
    return offer if offer is not None else Offer.objects.default()


def proposal(year: int, *, offer: Offer | None = None) -> Decimal | None:
    """The proposed pool of a year without one: the nearest earlier pool, indexed by the offer's
    percentage (2 %) a year."""
    offer = offer_or_default(offer)
    earlier = CostPool.objects.filter(offer=offer, year__lt=year).order_by("-year").first()
    if earlier is None:
        return None
    amount = earlier.amount
    for _year in range(earlier.year + 1, year + 1):
        amount = rules.proposed_pool(previous=amount, indexation_percent=offer.indexation_percent)
    return amount


def confirmed_pool(year: int, *, offer: Offer | None = None) -> Decimal:
    offer = offer_or_default(offer)
    pool = CostPool.objects.filter(offer=offer, year=year).values_list("amount", flat=True).first()
    if pool is None:
        raise PoolNotConfirmed(year, proposal(year, offer=offer))
    return pool


def latest_confirmed_year(up_to: int, *, offer: Offer | None = None) -> int | None:
    """The latest year, ``up_to`` or before, whose pool is confirmed; None if there is none."""
    return (
        CostPool.objects.filter(offer=offer_or_default(offer), year__lte=up_to)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


@dataclass(frozen=True)
class CostTableRow:
    municipality: Municipality
    population: int
    share_percent: Decimal
    amount: Decimal


@dataclass(frozen=True)
class CostTableView:
    year: int
    pool: Decimal
    reference_date: datetime.date
    county_total: int
    rows: list[CostTableRow]
    confirmed: bool = True  # False: the pool is only a proposal (previous year's × 1,02)

    def row_for(self, municipality) -> CostTableRow | None:
        return next((r for r in self.rows if r.municipality.pk == municipality.pk), None)


def cost_table(
    year: int, *, allow_proposal: bool = False, offer: Offer | None = None
) -> CostTableView:
    """The Bilaga of a year: every municipality in the offer's cost base, in Swedish alphabetical
    order, with its population on the offer's population date.

    Raises PoolNotConfirmed for a year without a confirmed pool, unless ``allow_proposal``, when
    the proposed pool is used and the table says so (for quotes and previews, never invoices).
    """
    offer = offer_or_default(offer)
    confirmed = True
    try:
        pool = confirmed_pool(year, offer=offer)
    except PoolNotConfirmed as exc:
        if not allow_proposal or exc.proposed is None:
            raise
        pool, confirmed = exc.proposed, False
    reference_date = offer.population_date
    figures = PopulationFigure.objects.filter(
        reference_date=reference_date, municipality__cost_base_offers=offer
    ).select_related("municipality")
    figures = sorted(figures, key=lambda f: swedish_key(f.municipality.name))
    by_code = {f.municipality.code: f for f in figures}
    table = rules.cost_table(
        pool=pool, populations={code: f.population for code, f in by_code.items()}
    )
    rows = [
        CostTableRow(by_code[r.key].municipality, r.population, r.share_percent, r.amount)
        for r in table.rows
    ]
    return CostTableView(year, pool, reference_date, table.county_total, rows, confirmed)


def in_cost_base(municipality: Municipality, *, offer: Offer | None = None) -> bool:
    """Whether the municipality is in the offer's cost base (Gotland is not, in today's offer)."""
    return offer_or_default(offer).cost_base.filter(pk=municipality.pk).exists()
