"""Cost pools and the cost table (Bilaga) read from the database, computed by billing.py."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from core.collation import swedish_key
from municipalities.models import Municipality, PopulationFigure

from . import billing
from .models import CostPool


class PoolNotConfirmed(Exception):
    def __init__(self, year: int, proposed: Decimal | None):
        self.year, self.proposed = year, proposed
        super().__init__(year, proposed)


def proposal(year: int) -> Decimal | None:
    """The proposed pool of a year without one: the nearest earlier pool, indexed by 2 % a year."""
    earlier = CostPool.objects.filter(year__lt=year).order_by("-year").first()
    if earlier is None:
        return None
    amount = earlier.amount
    for _year in range(earlier.year + 1, year + 1):
        amount = billing.proposed_pool(previous=amount)
    return amount


def confirmed_pool(year: int) -> Decimal:
    pool = CostPool.objects.filter(year=year).values_list("amount", flat=True).first()
    if pool is None:
        raise PoolNotConfirmed(year, proposal(year))
    return pool


def latest_confirmed_year(up_to: int) -> int | None:
    """The latest year, ``up_to`` or before, whose pool is confirmed; None if there is none."""
    return (
        CostPool.objects.filter(year__lte=up_to)
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


def cost_table(year: int, *, allow_proposal: bool = False) -> CostTableView:
    """The Bilaga of a year: every municipality in the cost base, in Swedish alphabetical order.

    Raises PoolNotConfirmed for a year without a confirmed pool, unless ``allow_proposal``, when
    the proposed pool is used and the table says so (for quotes and previews, never invoices).
    """
    confirmed = True
    try:
        pool = confirmed_pool(year)
    except PoolNotConfirmed as exc:
        if not allow_proposal or exc.proposed is None:
            raise
        pool, confirmed = exc.proposed, False
    reference_date = settings.COST_BASE_POPULATION_DATE
    figures = PopulationFigure.objects.filter(
        reference_date=reference_date, municipality__in_cost_base=True
    ).select_related("municipality")
    figures = sorted(figures, key=lambda f: swedish_key(f.municipality.name))
    by_code = {f.municipality.code: f for f in figures}
    table = billing.cost_table(
        pool=pool, populations={code: f.population for code, f in by_code.items()}
    )
    rows = [
        CostTableRow(by_code[r.key].municipality, r.population, r.share_percent, r.amount)
        for r in table.rows
    ]
    return CostTableView(year, pool, reference_date, table.county_total, rows, confirmed)
