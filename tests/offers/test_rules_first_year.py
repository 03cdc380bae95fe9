"""The offer's three first-year rules (offers/rules.py): remaining twelfths with the
latter-half-of-month rule (today's offer), the full year, and by days."""

from datetime import date
from decimal import Decimal

import pytest

from offers.rules import (
    DAYS,
    FULL_YEAR,
    TWELFTHS,
    InvoiceDue,
    days_amount,
    due_amount,
    first_invoice_days,
    first_invoice_twelfths,
    first_invoiced_month,
    invoiced_years,
    proposed_pool,
)

ANNUAL = Decimal("85320")


@pytest.mark.parametrize(
    ("start", "twelfths"),
    [
        (date(2021, 1, 1), 12),
        (date(2021, 6, 10), 7),
        (date(2021, 1, 15), 12),  # 31 days: 15 is the first half
        (date(2021, 1, 16), 11),
        (date(2021, 4, 15), 9),  # 30 days: 15 is the first half
        (date(2021, 4, 16), 8),
        (date(2021, 2, 14), 11),  # 28 days: 14 is the first half
        (date(2021, 2, 15), 10),
        (date(2024, 2, 14), 11),  # 29 days: 14 is the first half
        (date(2024, 2, 15), 10),
        (date(2021, 12, 15), 1),
        (date(2021, 12, 16), 0),
    ],
)
def test_the_twelfths_rule_is_todays(start, twelfths):
    assert first_invoice_twelfths(start=start) == twelfths
    assert first_invoice_twelfths(start=start, rule=TWELFTHS) == twelfths


@pytest.mark.parametrize("start", [date(2021, 1, 1), date(2021, 6, 10), date(2021, 12, 31)])
def test_the_full_year_rule_invoices_the_whole_start_year(start):
    (first,) = invoiced_years(start=start, end=None, through_year=start.year, rule=FULL_YEAR)
    assert (first.kind, first.twelfths, first.days) == ("first", 12, None)
    assert due_amount(annual=ANNUAL, due=first) == ANNUAL
    assert first_invoiced_month(start=start, rule=FULL_YEAR) == date(start.year, 1, 1)


@pytest.mark.parametrize(
    ("start", "days"),
    [
        (date(2021, 1, 1), 365),
        (date(2024, 1, 1), 366),  # leap year
        (date(2021, 12, 31), 1),
        (date(2024, 12, 31), 1),
        (date(2021, 2, 28), 307),
        (date(2024, 2, 29), 307),  # leap day: 1 + 306 days of March to December
        (date(2024, 3, 1), 306),
        (date(2021, 12, 16), 16),  # latter half of December still invoices its days
    ],
)
def test_the_days_rule_counts_from_the_start_day_through_31_december(start, days):
    assert first_invoice_days(start=start) == days
    (first, *_rest) = invoiced_years(start=start, end=None, through_year=start.year, rule=DAYS)
    assert (first.kind, first.days, first.twelfths) == ("first", days, 0)


def test_the_days_rule_rounds_half_up_to_whole_kronor():
    # 85 320 × 1 ÷ 365 = 233,75… → 234; × 1 ÷ 366 = 233,11… → 233
    assert days_amount(annual=ANNUAL, days=1, year=2021) == Decimal("234")
    assert days_amount(annual=ANNUAL, days=1, year=2024) == Decimal("233")
    # 730 × 183 ÷ 365 = 366 exactly; 1 × 183 ÷ 366 = 0,5 → 1 (half up)
    assert days_amount(annual=Decimal("730"), days=183, year=2021) == Decimal("366")
    assert days_amount(annual=Decimal("1"), days=183, year=2024) == Decimal("1")
    assert days_amount(annual=ANNUAL, days=365, year=2021) == ANNUAL
    assert days_amount(annual=ANNUAL, days=366, year=2024) == ANNUAL
    with pytest.raises(ValueError):
        days_amount(annual=ANNUAL, days=366, year=2021)


def test_later_years_are_annual_whatever_the_rule():
    for rule in (TWELFTHS, FULL_YEAR, DAYS):
        dues = invoiced_years(start=date(2021, 6, 10), end=None, through_year=2023, rule=rule)
        assert [(d.year, d.kind, d.twelfths) for d in dues[1:]] == [
            (2022, "annual", 12),
            (2023, "annual", 12),
        ]
        assert due_amount(annual=ANNUAL, due=dues[1]) == ANNUAL


def test_the_days_rule_has_no_twelfths_and_an_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        first_invoice_twelfths(start=date(2021, 6, 10), rule=DAYS)
    with pytest.raises(ValueError):
        invoiced_years(start=date(2021, 6, 10), end=None, through_year=2021, rule="halves")


def test_a_due_by_twelfths_is_the_pro_rata_amount():
    due = InvoiceDue(year=2021, kind="first", twelfths=7)
    assert due_amount(annual=ANNUAL, due=due) == Decimal("49770")


def test_the_pool_is_indexed_by_the_offers_percentage():
    assert proposed_pool(previous=Decimal("4000000")) == Decimal("4080000")
    assert proposed_pool(
        previous=Decimal("4000000"), indexation_percent=Decimal("2.00")
    ) == Decimal("4080000")
    assert proposed_pool(previous=Decimal("4000000"), indexation_percent=Decimal("3.5")) == Decimal(
        "4140000"
    )
    # 1 000 × 1,0125 = 1 012,5 → 1 013 (half up)
    assert proposed_pool(previous=Decimal("1000"), indexation_percent=Decimal("1.25")) == Decimal(
        "1013"
    )
