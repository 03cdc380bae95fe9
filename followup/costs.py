"""The cost of a municipality for a period of the follow-up report.

Decision: the cost is the municipality's share of the cost table (Bilaga) of each year, that is
its annual amount pool × population 31 December 2018 ÷ county total, rounded to whole kronor
(offers.costs.cost_table, the same figures as the published table), or the special annual
amount set for a municipality outside the cost base (Gotland). A half-year costs 6/12 of the
year's amount, rounded half up with core.money.round_kr (offers.rules.pro_rata_amount); a
range of years costs the sum of the years.

Why not what was invoiced: invoices follow the agreement (a first year is invoiced by remaining
twelfths, a municipality without an agreement is not invoiced at all, and a credit note may come
long after), while the cost table gives every municipality of the county a comparable cost for
every year, the same one that the steering group sees in the Bilaga. A year whose pool is not yet
confirmed uses the proposal (last year's pool × 1,02), and the report says so.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from core.money import round_kr
from offers.costs import PoolNotConfirmed, cost_table
from offers.models import Offer, SpecialAnnualAmount
from offers.rules import exact_quotient, pro_rata_amount

from . import scope
from .periods import Period

HALF_YEAR_TWELFTHS = 6


@dataclass
class PeriodCosts:
    """Annual amounts by municipality id and year, and what the report must say about them."""

    annual: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    proposed_years: list[int] = field(default_factory=list)  # pool only proposed
    missing_years: list[int] = field(default_factory=list)  # no pool at all

    def cost(self, municipality_id: int, period: Period) -> Decimal | None:
        """The municipality's cost for the period; None when a year's amount is not known."""
        amounts = self.annual.get(municipality_id, {})
        if any(year not in amounts for year in period.years):
            return None
        if period.is_half_year:
            return pro_rata_amount(annual=amounts[period.first_year], twelfths=HALF_YEAR_TWELFTHS)
        return sum((amounts[year] for year in period.years), Decimal(0))


def period_costs(period: Period, *, offer: Offer | None = None) -> PeriodCosts:
    """The annual amounts of every municipality in the offer (the first with follow-up when
    none is given) for each year of the period: three or four queries a year, whatever the
    number of municipalities."""
    offer = scope.offer_or_first(offer)
    costs = PeriodCosts()
    for year in period.years:
        try:
            table = cost_table(year, allow_proposal=True, offer=offer)
        except PoolNotConfirmed:
            costs.missing_years.append(year)
            continue
        if not table.confirmed:
            costs.proposed_years.append(year)
        for row in table.rows:
            costs.annual.setdefault(row.municipality.pk, {})[year] = row.amount
        for special in SpecialAnnualAmount.objects.filter(offer=offer, year=year):
            costs.annual.setdefault(special.municipality_id, {})[year] = round_kr(special.amount)
    return costs


def per_inhabitant(cost: Decimal | None, population: int | None) -> Decimal | None:
    """Cost ÷ population, to two decimals (öre), rounded half up."""
    if cost is None or not population:
        return None
    return round_kr(exact_quotient(cost * 100, population)).scaleb(-2)


def per_individual(cost: Decimal | None, individuals: int) -> Decimal | None:
    """Cost ÷ individuals supported, in whole kronor; None (shown as –) when none was supported."""
    if cost is None or not individuals:
        return None
    return round_kr(exact_quotient(cost, individuals))
