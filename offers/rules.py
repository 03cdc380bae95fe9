"""The arithmetic of § 6 (cost sharing and invoicing) and § 11 (notice): pure functions.

No database, no models: callers (services, views, the admin, management commands) pass plain
values in and store what comes out. Money is ``Decimal`` and is rounded only by
:func:`core.money.round_kr` (half up to whole kronor).

Exactness: a quotient such as 4 080 000 × 93 106 ÷ 2 344 124 is computed by
:func:`exact_quotient` in a local decimal context with high precision that *truncates* (rounds
toward zero); the follow-up's cost per inhabitant uses it too. For a non-negative
exact value, truncation never crosses a point that is itself representable, such as x,5 kr or
x,xx5 %, so rounding the truncated value half up gives the same result as rounding the exact
fraction half up. A value of exactly x,5 kr is represented exactly and goes up.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

from core.money import round_kr

__all__ = [
    "DAYS",
    "FIRST_YEAR_RULES",
    "FULL_YEAR",
    "INDEXATION_PERCENT",
    "MONTHS_PER_YEAR",
    "PAYMENT_TERM_DAYS",
    "TWELFTHS",
    "CostRow",
    "CostTable",
    "InvoiceDue",
    "annual_amount",
    "cost_table",
    "days_amount",
    "days_in_year",
    "due_amount",
    "due_date",
    "end_date_after_notice",
    "exact_quotient",
    "first_invoice_days",
    "first_invoice_twelfths",
    "first_invoiced_month",
    "invoiced_years",
    "pro_rata_amount",
    "proposed_pool",
    "share_percent",
]

MONTHS_PER_YEAR = 12
# Today's offer: its values are the defaults, so a call without them gives today's behaviour. An
# offer passes its own (offers.models.Offer: indexation_percent, payment_term_days,
# first_year_rule).
PAYMENT_TERM_DAYS = 30
INDEXATION_PERCENT = Decimal("2.00")
TWELFTHS, FULL_YEAR, DAYS = "twelfths", "full_year", "days"
FIRST_YEAR_RULES = (TWELFTHS, FULL_YEAR, DAYS)
SHARE_QUANTUM = Decimal("0.01")

# Significant digits for intermediate results. Amounts have at most ~15 integer digits, so 60 leaves
# more than 40 digits after the decimal point; truncation (see the module docstring) makes the exact
# number of digits irrelevant to the rounding result as long as x,5 itself is representable.
_PRECISION = 60


def _require_money(value: Decimal, *, name: str) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite amount, not {value}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


def _require_population(*, population: int, county_total: int) -> None:
    if county_total <= 0:
        raise ValueError(f"county total must be positive, got {county_total}")
    if population < 0:
        raise ValueError(f"population must not be negative, got {population}")


def exact_quotient(numerator: Decimal, denominator: int) -> Decimal:
    """numerator ÷ denominator (both non-negative), truncated at 60 significant digits.

    Truncation keeps half-up rounding of the result exact; see the module docstring.
    """
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.rounding = ROUND_DOWN
        return ctx.divide(numerator, Decimal(denominator))


def _product(*factors: Decimal | int) -> Decimal:
    """The exact product of the factors (60 significant digits is far more than money needs)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.rounding = ROUND_DOWN
        result = Decimal(1)
        for factor in factors:
            result = ctx.multiply(result, Decimal(factor))
        return result


# --- Cost sharing (§ 6, Bilaga) -------------------------------------------------------------------


def annual_amount(*, pool: Decimal, population: int, county_total: int) -> Decimal:
    """A municipality's annual amount for a year.

    Rule (BRIEF, "Annual amount"): "pool(Y) × population ÷ county total, rounded half up to whole
    kronor." The quotient is exact before rounding, so 4 080 000 × 93 106 ÷ 2 344 124
    = 162 053,07… gives 162 053 kr, as published.

    Raises ValueError for a non-positive county total, a negative population or a negative pool,
    and TypeError for a pool that is not a Decimal (never a float).
    """
    _require_money(pool, name="pool")
    _require_population(population=population, county_total=county_total)
    return round_kr(exact_quotient(_product(pool, population), county_total))


def share_percent(*, population: int, county_total: int) -> Decimal:
    """population × 100 ÷ county total, unrounded (60 significant digits, truncated).

    Rule (§ 6): the cost "fördelas utifrån samtliga länskommuners befolkningsmängd". Display
    rounding is :func:`core.money.format_percent`'s business; :func:`cost_table` rounds to two
    decimals as the Bilaga publishes.
    """
    _require_population(population=population, county_total=county_total)
    return exact_quotient(_product(population, 100), county_total)


@dataclass(frozen=True, slots=True)
class CostRow:
    """One row of the Bilaga: a party, its population, its share (two decimals) and its amount."""

    key: str
    population: int
    share_percent: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class CostTable:
    """The Bilaga "Kostnadsfördelning" for one pool.

    ``rows_sum`` is the sum of the individually rounded amounts and may differ from ``pool`` by a
    krona or two; the published sum row ("Summa") shows ``pool`` and ``county_total``.
    """

    pool: Decimal
    county_total: int
    rows: tuple[CostRow, ...]
    rows_sum: Decimal


def cost_table(*, pool: Decimal, populations: Mapping[str, int]) -> CostTable:
    """Share the pool among all parties in proportion to population, one row per party.

    Rule (BRIEF, "Annual amount"): "Rows are rounded one by one; their sum may differ from the pool
    by a krona or two, and the table's sum row shows the pool." The county total is the sum of the
    given populations (all 26 municipalities of the 2018 cost base, signed or not). Rows keep the
    input order; the share is rounded half up to two decimals, as published ("3,97%").
    Raises ValueError when there is no population at all or a population is negative.
    """
    _require_money(pool, name="pool")
    county_total = sum(populations.values())
    _require_population(population=0, county_total=county_total)
    rows = tuple(
        CostRow(
            key=key,
            population=population,
            share_percent=share_percent(population=population, county_total=county_total).quantize(
                SHARE_QUANTUM, rounding=ROUND_HALF_UP
            ),
            amount=annual_amount(pool=pool, population=population, county_total=county_total),
        )
        for key, population in populations.items()
    )
    return CostTable(
        pool=pool,
        county_total=county_total,
        rows=rows,
        rows_sum=sum((row.amount for row in rows), Decimal(0)),
    )


def proposed_pool(
    *, previous: Decimal, indexation_percent: Decimal = INDEXATION_PERCENT
) -> Decimal:
    """The pool proposed for a new year: the previous year's raised by the offer's indexation
    percentage (2 % by default), rounded half up to whole kronor.

    Rule (§ 6): "Kostnaden uppräknas med 2 % varje år." The project leader confirms or overrides the
    proposal; each year is proposed from the previous year's stored (rounded) pool, so 4 000 000
    → 4 080 000 → 4 161 600 → 4 244 832 → 4 329 729.
    """
    _require_money(previous, name="previous pool")
    _require_money(indexation_percent, name="indexation percentage")
    factor = Decimal(1) + exact_quotient(indexation_percent, 100)
    return round_kr(_product(previous, factor))


# --- The first invoice (§ 6, "återstående tolftedelar") --------------------------------------------
#
# An offer chooses one of three first-year rules (offers.models.FirstYearRule): the remaining
# twelfths with the latter-half-of-month rule (TWELFTHS, the agreement of today's offer), the full
# year (FULL_YEAR) or the remaining days of the year (DAYS).


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _is_latter_half(day: date) -> bool:
    """A day after the middle of its month: day > days-in-month ÷ 2, compared exactly as 2·day > n.

    31-day month: 16 is latter half, 15 is not. 30-day month: 16 is, 15 is not. February with
    28 days: 15 is, 14 is not. February with 29 days: 15 is, 14 is not.
    """
    return day.day * 2 > _days_in_month(day.year, day.month)


def _require_rule(rule: str) -> None:
    if rule not in FIRST_YEAR_RULES:
        raise ValueError(f"unknown first-year rule {rule!r}")


def first_invoiced_month(*, start: date, rule: str = TWELFTHS) -> date | None:
    """The first day of the first month the first invoice covers, or None if there is none.

    Rule (§ 6): "Om avtalet tecknas under senare hälften av en månad faktureras från och med
    efterföljande månad." A start in the latter half of December gives no month in the start year
    (None): billing begins with the next year's annual invoice. Under the full-year rule the first
    invoice covers the year from 1 January; under the days rule, from the start day itself.
    """
    _require_rule(rule)
    if rule == FULL_YEAR:
        return date(start.year, 1, 1)
    if rule == DAYS:
        return start
    if not _is_latter_half(start):
        return start.replace(day=1)
    if start.month == 12:
        return None
    return date(start.year, start.month + 1, 1)


def first_invoice_twelfths(*, start: date, rule: str = TWELFTHS) -> int:
    """The twelfths of the start year that the first invoice covers: 0 to 12.

    Rule (§ 6): "Om avtal tecknas under året faktureras återstående tolftedelar av året", counted
    from the start month, or from the following month when the start is in the latter half of the
    month. Start 10 June → June to December → 7. Start 16 December → 0. Under the full-year rule
    always 12. The days rule counts days, not twelfths (:func:`first_invoice_days`): ValueError.
    """
    _require_rule(rule)
    if rule == FULL_YEAR:
        return MONTHS_PER_YEAR
    if rule == DAYS:
        raise ValueError("the days rule counts days, not twelfths")
    first = first_invoiced_month(start=start)
    if first is None:
        return 0
    return MONTHS_PER_YEAR - first.month + 1


def pro_rata_amount(*, annual: Decimal, twelfths: int) -> Decimal:
    """annual × twelfths ÷ 12, rounded half up to whole kronor.

    Rule (BRIEF, "First invoice"): "Amount = annual amount × months ÷ 12, rounded half up to whole
    kronor. Example: annual amount 85 320 kr, start 10 June → 7 twelfths → 49 770 kr."
    Raises ValueError unless 0 <= twelfths <= 12.
    """
    _require_money(annual, name="annual amount")
    if not 0 <= twelfths <= MONTHS_PER_YEAR:
        raise ValueError(f"twelfths must be between 0 and 12, got {twelfths}")
    return round_kr(exact_quotient(_product(annual, twelfths), MONTHS_PER_YEAR))


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def first_invoice_days(*, start: date) -> int:
    """The days of the start year the first invoice covers under the days rule: from the start day
    through 31 December, both included. 1 January → the whole year (365, or 366 in a leap year);
    31 December → 1."""
    return (date(start.year, 12, 31) - start).days + 1


def days_amount(*, annual: Decimal, days: int, year: int) -> Decimal:
    """annual × days ÷ the days of the year, rounded half up to whole kronor (the days rule).

    Raises ValueError unless 0 <= days <= the days of ``year``.
    """
    _require_money(annual, name="annual amount")
    if not 0 <= days <= days_in_year(year):
        raise ValueError(f"days must be between 0 and {days_in_year(year)}, got {days}")
    return round_kr(exact_quotient(_product(annual, days), days_in_year(year)))


# --- Which invoices are due (§ 6, § 11) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvoiceDue:
    """An invoice the agreement calls for: the first invoice of the start year or a year's annual one."""

    year: int
    kind: Literal["first", "annual"]
    twelfths: int
    # Under the days rule the first invoice covers days, not twelfths (then ``twelfths`` is 0).
    days: int | None = None


def due_amount(*, annual: Decimal, due: InvoiceDue) -> Decimal:
    """The amount of an invoice the agreement calls for, from the year's annual amount: the
    twelfths it covers (:func:`pro_rata_amount`) or, under the days rule, its days
    (:func:`days_amount`)."""
    if due.days is not None:
        return days_amount(annual=annual, days=due.days, year=due.year)
    return pro_rata_amount(annual=annual, twelfths=due.twelfths)


def invoiced_years(
    *, start: date, end: date | None, through_year: int, rule: str = TWELFTHS
) -> list[InvoiceDue]:
    """The invoices an agreement calls for from its start year through ``through_year``, in order.

    Rules (§ 6, BRIEF "First invoice" and "Annual invoice"):

    - The start year gets a "first" invoice for the remaining twelfths
      (:func:`first_invoice_twelfths`); none at all when that is 0 (a start in the latter half of
      December). It is due when the agreement starts, whatever the end date: "Stockholms stad
      fakturerar hela beloppet i samband med att avtalet undertecknas" and nothing is refunded.
    - An agreement that starts on 1 January gets exactly one invoice for that year: the "first"
      invoice with 12 twelfths (issued when signed). No separate "annual" invoice for the start year
      is ever listed, so it can never be invoiced twice.
    - Every later year Y (start.year < Y <= through_year) in which the agreement is in force on
      1 January gets an "annual" invoice with 12 twelfths.
    - Decision: ``end`` is the *last day in force* (inclusive). The agreement is in force on
      1 January of Y iff ``end is None or end >= date(Y, 1, 1)``. So an agreement ending on
      1 January (notice given on 1 December) is in force that day and owes that year's annual
      invoice; one ending on 31 December does not.
    - Under the offer's other first-year rules the first invoice covers the whole start year
      (FULL_YEAR, 12 twelfths) or its remaining days (DAYS, :func:`first_invoice_days`, never 0).

    Raises ValueError if ``end`` is before ``start`` or the rule is unknown.
    """
    _require_rule(rule)
    if end is not None and end < start:
        raise ValueError(f"end {end} is before start {start}")
    due: list[InvoiceDue] = []
    if through_year < start.year:
        return due
    if rule == DAYS:
        due.append(
            InvoiceDue(
                year=start.year, kind="first", twelfths=0, days=first_invoice_days(start=start)
            )
        )
    else:
        twelfths = first_invoice_twelfths(start=start, rule=rule)
        if twelfths > 0:
            due.append(InvoiceDue(year=start.year, kind="first", twelfths=twelfths))
    for year in range(start.year + 1, through_year + 1):
        if end is not None and end < date(year, 1, 1):
            break
        due.append(InvoiceDue(year=year, kind="annual", twelfths=MONTHS_PER_YEAR))
    return due


def end_date_after_notice(*, notice_date: date) -> date:
    """The end date after notice: one calendar month after the notice date.

    Rule (§ 11): "Båda parter kan säga upp avtalet med en månads varsel." The same day number in the
    next month; if that month has no such day, its last day. 31 January → 28 February (29 in a leap
    year); 30 November → 30 December; 15 December → 15 January of the next year.
    """
    year, month = (
        (notice_date.year + 1, 1)
        if notice_date.month == 12
        else (notice_date.year, notice_date.month + 1)
    )
    return date(year, month, min(notice_date.day, _days_in_month(year, month)))


def due_date(*, invoice_date: date, payment_term_days: int = PAYMENT_TERM_DAYS) -> date:
    """The due date of an invoice: the offer's payment term (30 days) after the invoice date.

    Rule (§ 6): "Fakturering sker med betalning 30 dagar efter erhållen faktura."
    """
    return invoice_date + timedelta(days=payment_term_days)
