"""The arithmetic of § 6 and § 11 (offers/rules.py): pure, no database.

Expected values are literals from the brief and the published table, or are computed independently
here with fractions.Fraction and integer arithmetic, never with the code under test.
"""

import csv
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offers.rules import (
    CostTable,
    InvoiceDue,
    annual_amount,
    cost_table,
    due_date,
    end_date_after_notice,
    first_invoice_twelfths,
    first_invoiced_month,
    invoiced_years,
    pro_rata_amount,
    proposed_pool,
    share_percent,
)

POPULATION_CSV = (
    Path(__file__).resolve().parents[2] / "fixtures/stockholm-county-population-2018.csv"
)
POOL = Decimal("4080000")
COUNTY_TOTAL = 2_344_124


def half_up(value: Fraction) -> int:
    """Independent oracle: round a non-negative fraction half up to an integer, in integers only."""
    assert value >= 0
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def half_up_hundredths(value: Fraction) -> Decimal:
    return Decimal(half_up(value * 100)) / 100


def cost_base_2018() -> dict[str, int]:
    """The 26 municipalities of the 2018 cost base, in file order (Gotland is not in it)."""
    with POPULATION_CSV.open(encoding="utf-8", newline="") as f:
        return {
            row["kommun"]: int(row["folkmangd_2018_12_31"])
            for row in csv.DictReader(f)
            if row["in_cost_base"] == "yes"
        }


# --- annual_amount and share_percent ---------------------------------------------------------------


def test_botkyrka_annual_amount_is_the_published_figure():
    assert annual_amount(pool=POOL, population=93_106, county_total=COUNTY_TOTAL) == Decimal(
        "162053"
    )


def test_annual_amount_is_whole_kronor():
    amount = annual_amount(pool=POOL, population=93_106, county_total=COUNTY_TOTAL)
    assert amount.as_tuple().exponent == 0


def test_exactly_half_a_krona_rounds_up():
    # 4 080 008 × 1 ÷ 16 = 255 000,5 exactly; half-even would give 255 000.
    assert Fraction(4_080_008, 16) == Fraction(510_001, 2)
    assert annual_amount(pool=Decimal("4080008"), population=1, county_total=16) == Decimal(
        "255001"
    )


def test_just_below_half_a_krona_rounds_down_even_with_a_huge_county_total():
    # pool ÷ total = 7 + 1/2 − 1/(2·total): an inexact division with 28 digits (Decimal's default)
    # would round to 7,5 and then up to 8. The exact answer is 7.
    total = 10**40 + 1
    pool = Decimal(7 * total + (total - 1) // 2)
    assert Fraction(int(pool), total) < Fraction(15, 2)
    assert annual_amount(pool=pool, population=1, county_total=total) == Decimal("7")


def test_a_pool_with_ore_is_shared_exactly():
    # 100,50 × 1 ÷ 3 = 33,50 exactly → 34.
    assert annual_amount(pool=Decimal("100.50"), population=1, county_total=3) == Decimal("34")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"pool": POOL, "population": 1, "county_total": 0},
        {"pool": POOL, "population": 1, "county_total": -5},
        {"pool": POOL, "population": -1, "county_total": COUNTY_TOTAL},
        {"pool": Decimal("-1"), "population": 1, "county_total": COUNTY_TOTAL},
        {"pool": Decimal("NaN"), "population": 1, "county_total": COUNTY_TOTAL},
    ],
)
def test_annual_amount_refuses_impossible_inputs(kwargs):
    with pytest.raises(ValueError):
        annual_amount(**kwargs)


@pytest.mark.parametrize("pool", [4080000.0, 4080000])
def test_annual_amount_refuses_money_that_is_not_decimal(pool):
    with pytest.raises(TypeError):
        annual_amount(pool=pool, population=93_106, county_total=COUNTY_TOTAL)


def test_share_percent_of_botkyrka():
    share = share_percent(population=93_106, county_total=COUNTY_TOTAL)
    assert Decimal("3.9718") < share < Decimal("3.9719")
    assert abs(Fraction(share) - Fraction(93_106 * 100, COUNTY_TOTAL)) < Fraction(1, 10**40)


def test_share_percent_is_exact_when_it_terminates():
    assert share_percent(population=1, county_total=8) == Decimal("12.5")


@pytest.mark.parametrize(
    "kwargs",
    [{"population": 1, "county_total": 0}, {"population": -1, "county_total": 10}],
)
def test_share_percent_refuses_impossible_inputs(kwargs):
    with pytest.raises(ValueError):
        share_percent(**kwargs)


@given(
    pool=st.integers(min_value=0, max_value=10**9),
    population=st.integers(min_value=0, max_value=2_000_000),
    extra=st.integers(min_value=0, max_value=2_000_000),
)
def test_annual_amount_equals_the_exact_fraction_rounded_half_up(pool, population, extra):
    total = population + extra
    if total == 0:
        total = 1
    expected = half_up(Fraction(pool * population, total))
    assert annual_amount(pool=Decimal(pool), population=population, county_total=total) == Decimal(
        expected
    )


# --- cost_table: the Bilaga ------------------------------------------------------------------------


def test_the_2018_cost_base_has_26_municipalities_and_the_published_total():
    populations = cost_base_2018()
    assert len(populations) == 26
    assert "Gotland" not in populations
    assert sum(populations.values()) == COUNTY_TOTAL


def test_the_real_cost_table_rounds_every_row_exactly_and_sums_near_the_pool():
    populations = cost_base_2018()
    table = cost_table(pool=POOL, populations=populations)

    assert isinstance(table, CostTable)
    assert table.pool == POOL
    assert table.county_total == COUNTY_TOTAL
    assert [row.key for row in table.rows] == list(populations)  # input order kept
    for row in table.rows:
        assert row.population == populations[row.key]
        exact = Fraction(4_080_000 * row.population, COUNTY_TOTAL)
        assert row.amount == Decimal(half_up(exact)), row.key
        assert row.share_percent == half_up_hundredths(Fraction(row.population * 100, COUNTY_TOTAL))

    expected_sum = sum(half_up(Fraction(4_080_000 * p, COUNTY_TOTAL)) for p in populations.values())
    assert expected_sum == 4_079_999  # one krona short of the pool: rows are rounded one by one
    assert table.rows_sum == Decimal(expected_sum)
    assert abs(table.rows_sum - POOL) <= 2


def test_real_cost_table_published_row_and_a_few_literals():
    rows = {row.key: row for row in cost_table(pool=POOL, populations=cost_base_2018()).rows}
    assert rows["Botkyrka"].amount == Decimal("162053")
    assert rows["Botkyrka"].share_percent == Decimal("3.97")
    assert rows["Stockholm"].amount == Decimal("1674650")
    assert rows["Upplands Väsby"].amount == Decimal("79269")  # 79 268,61 rounds up
    assert rows["Värmdö"].amount == Decimal("77274")


def test_cost_table_rows_are_rounded_one_by_one_not_balanced():
    # Three equal parties: 100 ÷ 3 = 33,33… each → 33; the table does not push a krona anywhere.
    table = cost_table(pool=Decimal("100"), populations={"a": 1, "b": 1, "c": 1})
    assert [row.amount for row in table.rows] == [Decimal("33")] * 3
    assert table.rows_sum == Decimal("99")
    assert table.pool == Decimal("100")
    assert [row.share_percent for row in table.rows] == [Decimal("33.33")] * 3


def test_cost_table_share_rounds_half_up_at_two_decimals():
    # 1 of 8 = 12,5 % exactly; 1 of 16 = 6,25 %; 1 of 32 = 3,125 % → 3,13 (half up, not half even).
    table = cost_table(pool=Decimal("32"), populations={"a": 1, "b": 31})
    assert table.rows[0].share_percent == Decimal("3.13")
    assert table.rows[1].share_percent == Decimal("96.88")  # 96,875 → 96,88


def test_cost_table_without_population_is_refused():
    with pytest.raises(ValueError):
        cost_table(pool=POOL, populations={})
    with pytest.raises(ValueError):
        cost_table(pool=POOL, populations={"a": 0})


@given(
    pool=st.integers(min_value=0, max_value=10**8),
    populations=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30).filter(
        lambda ps: sum(ps) > 0
    ),
)
def test_cost_table_rows_sum_is_within_half_a_krona_per_row_of_the_pool(pool, populations):
    table = cost_table(
        pool=Decimal(pool), populations={f"m{i}": p for i, p in enumerate(populations)}
    )
    assert table.county_total == sum(populations)
    assert len(table.rows) == len(populations)
    assert abs(Fraction(table.rows_sum) - pool) <= Fraction(len(populations), 2)


# --- proposed_pool ---------------------------------------------------------------------------------


def test_proposed_pool_examples():
    assert proposed_pool(previous=Decimal("4000000")) == Decimal("4080000")
    assert proposed_pool(previous=Decimal("4080000")) == Decimal("4161600")


def test_proposed_pool_chain_over_six_years():
    # 2021 … 2026, each year proposed from the previous year's stored, rounded pool.
    expected = {
        2021: 4_080_000,
        2022: 4_161_600,
        2023: 4_244_832,
        2024: 4_329_729,  # 4 329 728,64 → up
        2025: 4_416_324,  # 4 416 323,58 → up
        2026: 4_504_650,  # 4 504 650,48 → down
    }
    previous = Decimal("4000000")
    independent = 4_000_000
    for year in range(2021, 2027):
        independent = half_up(Fraction(independent) * Fraction(102, 100))
        assert independent == expected[year], year
        previous = proposed_pool(previous=previous)
        assert previous == Decimal(expected[year]), year


def test_proposed_pool_rounds_half_up():
    # 25 × 1,02 = 25,50 → 26 (half even would give 26 too, so also check 75 × 1,02 = 76,50 → 77).
    assert proposed_pool(previous=Decimal("25")) == Decimal("26")
    assert proposed_pool(previous=Decimal("75")) == Decimal("77")
    assert proposed_pool(previous=Decimal("175")) == Decimal("179")  # 178,50 → 179, not 178


def test_proposed_pool_refuses_a_negative_pool():
    with pytest.raises(ValueError):
        proposed_pool(previous=Decimal("-1"))


# --- first invoice: which month, how many twelfths -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "first_month", "twelfths"),
    [
        # 31-day month: 16 > 15,5 is the latter half, 15 is not.
        (date(2023, 1, 15), date(2023, 1, 1), 12),
        (date(2023, 1, 16), date(2023, 2, 1), 11),
        (date(2023, 7, 15), date(2023, 7, 1), 6),
        (date(2023, 7, 16), date(2023, 8, 1), 5),
        # 30-day month: 15 > 15 is false; 16 is the latter half.
        (date(2023, 4, 15), date(2023, 4, 1), 9),
        (date(2023, 4, 16), date(2023, 5, 1), 8),
        (date(2023, 11, 15), date(2023, 11, 1), 2),
        (date(2023, 11, 16), date(2023, 12, 1), 1),
        (date(2023, 11, 30), date(2023, 12, 1), 1),
        # February, 28 days: 15 > 14 is the latter half; 14 is not.
        (date(2023, 2, 14), date(2023, 2, 1), 11),
        (date(2023, 2, 15), date(2023, 3, 1), 10),
        # February, 29 days (leap year): 15 > 14,5 is the latter half; 14 is not.
        (date(2024, 2, 14), date(2024, 2, 1), 11),
        (date(2024, 2, 15), date(2024, 3, 1), 10),
        (date(2024, 2, 29), date(2024, 3, 1), 10),
        # The first and last day of a month.
        (date(2023, 3, 1), date(2023, 3, 1), 10),
        (date(2023, 3, 31), date(2023, 4, 1), 9),
        # January: a 1 January start covers the whole year.
        (date(2023, 1, 1), date(2023, 1, 1), 12),
        # December: the first half gives one twelfth, the latter half none.
        (date(2023, 12, 1), date(2023, 12, 1), 1),
        (date(2023, 12, 15), date(2023, 12, 1), 1),
        (date(2023, 12, 16), None, 0),
        (date(2023, 12, 31), None, 0),
        # The brief's example.
        (date(2021, 6, 10), date(2021, 6, 1), 7),
    ],
)
def test_first_invoiced_month_and_twelfths(start, first_month, twelfths):
    assert first_invoiced_month(start=start) == first_month
    assert first_invoice_twelfths(start=start) == twelfths


def test_leap_year_february_15_is_latter_half_in_both_kinds_of_year():
    # 2 × 15 = 30 > 29 and > 28; 2 × 14 = 28 is not > 28 nor > 29.
    assert first_invoice_twelfths(start=date(2024, 2, 15)) == 10
    assert first_invoice_twelfths(start=date(2023, 2, 15)) == 10
    assert first_invoice_twelfths(start=date(2024, 2, 14)) == 11
    assert first_invoice_twelfths(start=date(2023, 2, 14)) == 11


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(start=dates)
def test_twelfths_are_always_between_0_and_12(start):
    assert 0 <= first_invoice_twelfths(start=start) <= 12


@given(start=dates)
def test_twelfths_match_an_independent_description_of_the_halves(start):
    # Day 1–14 is always the first half and day 16–31 always the latter (2 × 16 > 31). Day 15 is
    # the latter half only in February (30 > 28 or 29), never in a 30- or 31-day month.
    if start.day <= 14 or (start.day == 15 and start.month != 2):
        expected = 13 - start.month
    else:
        expected = 12 - start.month
    assert first_invoice_twelfths(start=start) == expected
    first = first_invoiced_month(start=start)
    if expected == 0:
        assert first is None
    else:
        assert first == date(start.year, 13 - expected, 1)


@given(
    year=st.integers(min_value=1900, max_value=2200), month=st.integers(min_value=1, max_value=12)
)
def test_a_start_on_the_first_of_month_m_gives_13_minus_m_twelfths(year, month):
    assert first_invoice_twelfths(start=date(year, month, 1)) == 13 - month


# --- pro_rata_amount -------------------------------------------------------------------------------


def test_the_briefs_pro_rata_example():
    assert pro_rata_amount(annual=Decimal("85320"), twelfths=7) == Decimal("49770")
    twelfths = first_invoice_twelfths(start=date(2021, 6, 10))
    assert pro_rata_amount(annual=Decimal("85320"), twelfths=twelfths) == Decimal("49770")


def test_pro_rata_rounds_half_up():
    # 162 053 × 6 ÷ 12 = 81 026,5 → 81 027 (half even would give 81 026).
    assert pro_rata_amount(annual=Decimal("162053"), twelfths=6) == Decimal("81027")
    # 162 053 × 1 ÷ 12 = 13 504,41… → 13 504.
    assert pro_rata_amount(annual=Decimal("162053"), twelfths=1) == Decimal("13504")
    # 162 053 × 7 ÷ 12 = 94 530,91… → 94 531.
    assert pro_rata_amount(annual=Decimal("162053"), twelfths=7) == Decimal("94531")


def test_pro_rata_with_zero_twelfths_is_nothing():
    assert pro_rata_amount(annual=Decimal("162053"), twelfths=0) == Decimal("0")


@pytest.mark.parametrize("twelfths", [-1, 13, 24])
def test_pro_rata_refuses_twelfths_outside_0_to_12(twelfths):
    with pytest.raises(ValueError):
        pro_rata_amount(annual=Decimal("162053"), twelfths=twelfths)


def test_pro_rata_refuses_a_negative_or_float_annual_amount():
    with pytest.raises(ValueError):
        pro_rata_amount(annual=Decimal("-12"), twelfths=6)
    with pytest.raises(TypeError):
        pro_rata_amount(annual=85320.0, twelfths=6)


whole_kronor = st.integers(min_value=0, max_value=10**10)


@given(annual=whole_kronor, twelfths=st.integers(min_value=0, max_value=12))
def test_pro_rata_equals_the_exact_fraction_rounded_half_up(annual, twelfths):
    expected = half_up(Fraction(annual * twelfths, 12))
    assert pro_rata_amount(annual=Decimal(annual), twelfths=twelfths) == Decimal(expected)


@given(annual=whole_kronor)
def test_pro_rata_with_12_twelfths_is_the_annual_amount(annual):
    assert pro_rata_amount(annual=Decimal(annual), twelfths=12) == Decimal(annual)


@given(
    year=st.integers(min_value=1900, max_value=2200),
    pool=st.integers(min_value=0, max_value=10**9),
    population=st.integers(min_value=0, max_value=2_000_000),
    extra=st.integers(min_value=1, max_value=2_000_000),
)
def test_a_1_january_start_always_invoices_the_full_annual_amount(year, pool, population, extra):
    total = population + extra
    annual = annual_amount(pool=Decimal(pool), population=population, county_total=total)
    start = date(year, 1, 1)
    twelfths = first_invoice_twelfths(start=start)
    assert twelfths == 12
    assert pro_rata_amount(annual=annual, twelfths=twelfths) == annual
    assert annual == Decimal(half_up(Fraction(pool * population, total)))


# --- invoiced_years --------------------------------------------------------------------------------


def test_a_1_january_start_gets_one_invoice_for_its_year_never_two():
    due = invoiced_years(start=date(2022, 1, 1), end=None, through_year=2024)
    assert due == [
        InvoiceDue(year=2022, kind="first", twelfths=12),
        InvoiceDue(year=2023, kind="annual", twelfths=12),
        InvoiceDue(year=2024, kind="annual", twelfths=12),
    ]
    assert [d.year for d in due].count(2022) == 1


def test_a_1_january_start_in_its_own_year():
    assert invoiced_years(start=date(2022, 1, 1), end=None, through_year=2022) == [
        InvoiceDue(year=2022, kind="first", twelfths=12)
    ]


def test_a_start_in_june_gets_the_remaining_twelfths_then_annual_invoices():
    assert invoiced_years(start=date(2021, 6, 10), end=None, through_year=2023) == [
        InvoiceDue(year=2021, kind="first", twelfths=7),
        InvoiceDue(year=2022, kind="annual", twelfths=12),
        InvoiceDue(year=2023, kind="annual", twelfths=12),
    ]


def test_a_start_in_the_latter_half_of_december_gets_no_first_invoice():
    assert invoiced_years(start=date(2021, 12, 16), end=None, through_year=2023) == [
        InvoiceDue(year=2022, kind="annual", twelfths=12),
        InvoiceDue(year=2023, kind="annual", twelfths=12),
    ]
    assert invoiced_years(start=date(2021, 12, 16), end=None, through_year=2021) == []


def test_a_start_on_15_december_gets_one_twelfth():
    assert invoiced_years(start=date(2021, 12, 15), end=None, through_year=2022) == [
        InvoiceDue(year=2021, kind="first", twelfths=1),
        InvoiceDue(year=2022, kind="annual", twelfths=12),
    ]


def test_the_end_date_is_the_last_day_in_force():
    start = date(2021, 3, 1)
    first = InvoiceDue(year=2021, kind="first", twelfths=10)
    annual_2022 = InvoiceDue(year=2022, kind="annual", twelfths=12)
    annual_2023 = InvoiceDue(year=2023, kind="annual", twelfths=12)
    # Ending on 1 January 2023: in force that day, so 2023 is invoiced.
    assert invoiced_years(start=start, end=date(2023, 1, 1), through_year=2025) == [
        first,
        annual_2022,
        annual_2023,
    ]
    # Ending on 31 December 2022: not in force on 1 January 2023.
    assert invoiced_years(start=start, end=date(2022, 12, 31), through_year=2025) == [
        first,
        annual_2022,
    ]
    # Ending mid-year 2023: 2023 was already invoiced on 1 January and is not refunded.
    assert invoiced_years(start=start, end=date(2023, 6, 30), through_year=2025) == [
        first,
        annual_2022,
        annual_2023,
    ]


def test_notice_on_1_december_versus_30_november():
    start = date(2021, 3, 1)
    # Notice 1 December 2022 → ends 1 January 2023 → in force on 1 January → 2023 invoiced.
    end = end_date_after_notice(notice_date=date(2022, 12, 1))
    assert end == date(2023, 1, 1)
    assert [d.year for d in invoiced_years(start=start, end=end, through_year=2024)] == [
        2021,
        2022,
        2023,
    ]
    # Notice 30 November 2022 → ends 30 December 2022 → 2023 not invoiced.
    end = end_date_after_notice(notice_date=date(2022, 11, 30))
    assert end == date(2022, 12, 30)
    assert [d.year for d in invoiced_years(start=start, end=end, through_year=2024)] == [
        2021,
        2022,
    ]


def test_an_agreement_ended_within_its_start_year_keeps_its_first_invoice():
    assert invoiced_years(start=date(2021, 3, 1), end=date(2021, 4, 1), through_year=2023) == [
        InvoiceDue(year=2021, kind="first", twelfths=10)
    ]


def test_a_late_december_start_ended_in_january_owes_that_years_annual_invoice():
    end = end_date_after_notice(notice_date=date(2021, 12, 20))
    assert invoiced_years(start=date(2021, 12, 20), end=end, through_year=2023) == [
        InvoiceDue(year=2022, kind="annual", twelfths=12)
    ]


def test_nothing_is_due_before_the_start_year():
    assert invoiced_years(start=date(2024, 5, 1), end=None, through_year=2023) == []


def test_an_end_before_the_start_is_refused():
    with pytest.raises(ValueError):
        invoiced_years(start=date(2024, 5, 2), end=date(2024, 5, 1), through_year=2025)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    length=st.one_of(st.none(), st.integers(min_value=0, max_value=20 * 366)),
    through_year=st.integers(min_value=1995, max_value=2060),
)
def test_invoiced_years_properties(start, length, through_year):
    end = None if length is None else start + timedelta(days=length)
    due = invoiced_years(start=start, end=end, through_year=through_year)
    years = [d.year for d in due]

    assert len(years) == len(set(years))  # never a year twice
    assert all(start.year <= y <= through_year for y in years)  # never before the start
    assert years == sorted(years)
    for d in due:
        if d.year == start.year:
            assert d.kind == "first"
            assert 1 <= d.twelfths <= 12
        else:
            assert (d.kind, d.twelfths) == ("annual", 12)

    # Independently: which later years are in force on 1 January (end inclusive)?
    expected_annual = [
        y for y in range(start.year + 1, through_year + 1) if end is None or end >= date(y, 1, 1)
    ]
    assert [y for y in years if y != start.year] == expected_annual
    has_first = through_year >= start.year and not (start.month == 12 and start.day >= 16)
    assert (start.year in years) == has_first


# --- end_date_after_notice -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "end"),
    [
        (date(2023, 1, 31), date(2023, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        (date(2024, 1, 29), date(2024, 2, 29)),
        (date(2023, 1, 29), date(2023, 2, 28)),
        (date(2023, 11, 30), date(2023, 12, 30)),
        (date(2023, 12, 15), date(2024, 1, 15)),  # across a new year
        (date(2023, 12, 31), date(2024, 1, 31)),
        (date(2023, 3, 31), date(2023, 4, 30)),
        (date(2023, 2, 28), date(2023, 3, 28)),
        (date(2024, 2, 29), date(2024, 3, 29)),
        (date(2023, 6, 10), date(2023, 7, 10)),
    ],
)
def test_end_date_after_notice(notice, end):
    assert end_date_after_notice(notice_date=notice) == end


@given(notice=st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 12, 31)))
def test_end_date_is_in_the_next_calendar_month_28_to_31_days_later(notice):
    end = end_date_after_notice(notice_date=notice)
    assert end > notice
    assert 28 <= (end - notice).days <= 31
    assert (end.year * 12 + end.month) - (notice.year * 12 + notice.month) == 1
    assert end.day <= notice.day
    if end.day < notice.day:  # clamped: only when the next month is shorter, to its last day
        assert (end + timedelta(days=1)).day == 1


# --- due_date --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoice_date", "due"),
    [
        (date(2023, 6, 10), date(2023, 7, 10)),
        (date(2023, 1, 31), date(2023, 3, 2)),
        (date(2024, 1, 31), date(2024, 3, 1)),  # leap year
        (date(2023, 12, 15), date(2024, 1, 14)),
    ],
)
def test_due_date_is_30_days_after_the_invoice_date(invoice_date, due):
    assert due_date(invoice_date=invoice_date) == due
