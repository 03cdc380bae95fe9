"""The report of a period: the arithmetic of cost per inhabitant and per individual, who sees
which municipality, the chart and its text alternative, and a constant number of queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from agreements.models import Status
from followup import costs
from followup.periods import Period
from followup.report import build_report
from municipalities.models import Municipality, PopulationFigure
from tests.agreements.conftest import make_agreement  # noqa: F401  (fixture)

from .conftest import NACKA, TABY, TABY_ANNUAL, YEAR

TABY_POPULATION = 71397


# --- The arithmetic ---------------------------------------------------------------------------


def test_cost_per_inhabitant_is_in_ore_rounded_half_up():
    assert costs.per_inhabitant(TABY_ANNUAL, TABY_POPULATION) == Decimal("1.71")
    assert costs.per_inhabitant(Decimal("60916"), TABY_POPULATION) == Decimal("0.85")
    assert costs.per_inhabitant(Decimal("1"), 200) == Decimal("0.01")  # 0,005 goes up
    assert costs.per_inhabitant(Decimal("1"), 201) == Decimal("0.00")
    assert costs.per_inhabitant(None, TABY_POPULATION) is None
    assert costs.per_inhabitant(TABY_ANNUAL, None) is None


def test_cost_per_individual_is_whole_kronor_and_none_without_individuals():
    assert costs.per_individual(TABY_ANNUAL, 12) == Decimal("10153")  # 10 152,58…
    assert costs.per_individual(Decimal("5"), 2) == Decimal("3")  # 2,5 goes up
    assert costs.per_individual(TABY_ANNUAL, 0) is None
    assert costs.per_individual(None, 3) is None


def test_a_half_year_costs_six_twelfths_rounded_and_years_add_up():
    period_costs = costs.PeriodCosts(annual={1: {2024: TABY_ANNUAL, 2025: Decimal("100")}})
    assert period_costs.cost(1, Period(2024, 2024, 1)) == Decimal("60916")  # 60 915,5 → up
    assert period_costs.cost(1, Period(2024, 2024)) == TABY_ANNUAL
    assert period_costs.cost(1, Period(2024, 2025)) == TABY_ANNUAL + 100
    assert period_costs.cost(1, Period(2024, 2026)) is None  # 2026 is not known
    assert period_costs.cost(2, Period(2024, 2024)) is None


def test_periods_refuse_nonsense():
    with pytest.raises(ValueError):
        Period(2024, 2025, 1)
    with pytest.raises(ValueError):
        Period(2025, 2024)
    with pytest.raises(ValueError):
        Period(2020, 2020)
    assert Period(2024, 2024, 2).label == "2024, andra halvåret"
    assert Period(2021, 2023).label == "åren 2021–2023"


# --- The report from the database ---------------------------------------------------------------


def test_report_sums_the_period_per_service_and_in_total(pool, figures):
    figures(TABY, {"mikamottagningen": (5, 20, 1, 0), "kast": (3, 9, 0, 4)}, half=1)
    figures(TABY, {"kast": (4, 6, 2, 0)}, half=2)
    report = build_report(Period(YEAR, YEAR), Municipality.objects.all())
    (row,) = report.rows  # no other municipality has figures or an agreement
    assert row.municipality.code == TABY and row.population == TABY_POPULATION
    by_service = {line.service.code: line.counts.as_tuple() for line in row.lines}
    assert by_service == {
        "mikamottagningen": (5, 20, 1, 0),
        "kast": (7, 15, 2, 4),
        "regionkoordinatorer": (0, 0, 0, 0),
    }
    assert row.total.as_tuple() == (12, 35, 3, 4)
    assert row.cost == TABY_ANNUAL
    assert row.cost_per_inhabitant == Decimal("1.71")
    assert row.cost_per_individual == Decimal("10153")
    half = build_report(Period(YEAR, YEAR, 2), Municipality.objects.all()).rows[0]
    assert half.cost == Decimal("60916") and half.cost_per_individual == Decimal("15229")


def test_a_municipality_with_an_agreement_but_no_figures_shows_a_dash(
    client_for,
    pool,
    make_agreement,  # noqa: F811
):
    make_agreement(NACKA, status=Status.ACTIVE, start=datetime.date(2023, 1, 1))
    html = client_for("project_leader").get(f"/uppfoljning/?ar={YEAR}").content.decode()
    assert "Nacka" in html
    assert "176\u00a0878\u00a0kr" in html  # Nacka's share of 4 000 000 kr
    assert "1,71\u00a0kr" in html  # per inhabitant
    # Cost per individual supported: – when nobody was supported.
    report = build_report(Period(YEAR, YEAR), Municipality.objects.all())
    assert report.rows[0].cost_per_individual is None
    assert "Inga siffror är rapporterade för helåret 2024 ännu." in html


def test_the_page_says_what_the_cost_is_and_when_the_pool_is_only_proposed(client_for, figures):
    figures(TABY, {"kast": (1, 1, 1, 1)}, year=2025)  # no pool for 2025: proposed from 2021
    html = client_for("finance").get("/uppfoljning/?ar=2025").content.decode()
    assert "Kostnaden är kommunens andel enligt kostnadsfördelningen" in html
    assert "Kostnadsramen för 2025 är inte fastställd" in html


def test_contact_sees_only_their_own_municipality_and_404_for_another(client_for, pool, figures):
    figures(TABY, {"kast": (3, 4, 5, 6)})
    figures(NACKA, {"kast": (70, 80, 90, 99)})
    client = client_for("contact_taby")
    response = client.get(f"/uppfoljning/?ar={YEAR}&halvar=1")
    assert [r.municipality.code for r in response.context["report"].rows] == [TABY]
    html = response.content.decode()
    assert "Täby" in html and "Nacka" not in html and "99" not in html
    assert client.get(f"/uppfoljning/kommun/{NACKA}/").status_code == 404
    assert client.get(f"/uppfoljning/kommun/{TABY}/").status_code == 200
    assert client.get("/uppfoljning/kommun/9999/").status_code == 404
    xlsx = client.get(f"/uppfoljning/rapport.xlsx?ar={YEAR}").content
    sheet = load_workbook(io.BytesIO(xlsx))["Sammanställning"]
    names = [r[1] for r in sheet.iter_rows(values_only=True)]
    assert names == ["Kommun", "Täby"]
    # Members and city staff see both.
    for role in ("steering_member", "signatory"):
        rows = client_for(role).get(f"/uppfoljning/?ar={YEAR}").context["report"].rows
        assert [r.municipality.code for r in rows] == [NACKA, TABY]


def test_the_chart_is_svg_with_a_text_alternative(client_for, pool, figures):
    figures(TABY, {"mikamottagningen": (5, 1, 1, 1), "kast": (3, 1, 1, 1)})
    figures(NACKA, {"regionkoordinatorer": (2, 1, 1, 1)})
    html = client_for("steering_member").get(f"/uppfoljning/?ar={YEAR}&halvar=1").content.decode()
    assert '<figure class="usage-chart" role="img" aria-labelledby="usage-chart-title"' in html
    assert "<svg" in html and "<script" not in html
    assert (
        '<title id="usage-chart-title">Stödda individer per kommun och verksamhet, '
        "2024, första halvåret</title>"
    ) in html
    assert "Nacka 2 (Regionkoordinatorer 2). Täby 8 (Mikamottagningen 5, KAST 3)." in html
    assert html.count("<rect") == 3 + 3  # the legend's three, then one per service with a count


def test_the_report_does_the_same_number_of_queries_for_many_municipalities(
    client_for, pool, figures
):
    client = client_for("project_leader")
    figures(TABY, {"kast": (1, 2, 3, 4)})

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/uppfoljning/?ar={YEAR}").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for code in ("0114", "0115", "0117", "0120", "0123", "0125", NACKA, "0184"):
        figures(code, {"mikamottagningen": (2, 3, 4, 5), "kast": (1, 1, 1, 1)}, half=2)
    for i in range(10):
        extra = Municipality.objects.create(code=f"2{i:03d}", name=f"Extra {i}", county="Test")
        PopulationFigure.objects.create(
            municipality=extra, reference_date="2018-12-31", population=1000 + i
        )
        figures(extra.code, {"regionkoordinatorer": (1, 0, 0, 0)})
    response_rows = client.get(f"/uppfoljning/?ar={YEAR}").context["report"].rows
    assert len(response_rows) == 19
    assert count() == before


@pytest.mark.parametrize("role", ["contact_nacka", "steering_member", "finance"])
def test_the_menu_leads_readers_to_the_follow_up(client_for, role):
    html = client_for(role).get("/styrgrupp/" if role != "finance" else "/").content.decode()
    assert '<a href="/uppfoljning/"' in html and ">Uppföljning</a>" in html
