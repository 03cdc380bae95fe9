"""Reads that pages and reports need: each does a constant number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from core.collation import swedish_key

from .models import Municipality, PopulationFigure

HUNDRED = Decimal(100)


def cost_base_date() -> datetime.date:
    """The reference date of the population key of § 6 (31 December 2018)."""
    return settings.COST_BASE_POPULATION_DATE


def county_total(reference_date: datetime.date | None = None) -> int:
    """The population of the cost base on a date: always summed from the figures, never typed in."""
    reference_date = reference_date or cost_base_date()
    total = PopulationFigure.objects.filter(
        reference_date=reference_date, municipality__in_cost_base=True
    ).aggregate(total=Sum("population"))["total"]
    return total or 0


@dataclass(frozen=True)
class MunicipalityRow:
    municipality: Municipality
    population: int | None
    share_percent: Decimal | None  # unrounded; templates round for display


def municipality_rows(municipalities, reference_date: datetime.date | None = None):
    """Each municipality with its population on the date and its share of the county in percent.

    Two queries whatever the number of municipalities: the figures and the county total.
    """
    reference_date = reference_date or cost_base_date()
    municipalities = sorted(municipalities, key=lambda m: swedish_key(m.name))
    figures = dict(
        PopulationFigure.objects.filter(
            reference_date=reference_date, municipality__in=municipalities
        ).values_list("municipality_id", "population")
    )
    total = county_total(reference_date)
    rows = []
    for m in municipalities:
        population = figures.get(m.pk)
        share = None
        if population is not None and total and m.in_cost_base:
            share = Decimal(population) * HUNDRED / Decimal(total)
        rows.append(MunicipalityRow(m, population, share))
    return rows, total
