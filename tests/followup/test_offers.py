"""Two offers side by side: each offer's follow-up has its own services, population date and
cost, and the figures of one offer never appear in the other's report."""

from decimal import Decimal

import pytest

from followup import importing
from followup.periods import Period
from followup.report import build_report
from municipalities.models import Municipality
from offers.models import Offer, Service
from tests.offers.second_offer import second_offer

from .conftest import TABY, YEAR, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(pool):
    return second_offer(pool_years=[YEAR], pool=Decimal("200000"))


@pytest.fixture
def both_figures(second, figures, users):
    """Täby's figures of both offers in the first half of YEAR."""
    from followup import services

    figures(TABY, {"kast": (3, 4, 5, 6)})
    taby = Municipality.objects.get(code=TABY)
    advice = Service.objects.get(offer=second, code="radgivning")
    services.write_figures(
        [services.Figure(taby.pk, advice.pk, YEAR, 1, (91, 92, 93, 94))],
        by=users["project_leader"],
    )


def test_each_offers_report_has_only_its_own_services_and_figures(second, both_figures):
    municipalities = Municipality.objects.filter(code=TABY)
    period = Period(YEAR, YEAR, 1)
    first_report = build_report(period, municipalities, include_all=True)
    second_report = build_report(period, municipalities, include_all=True, offer=second)
    assert [s.code for s in first_report.services] == [
        "mikamottagningen",
        "kast",
        "regionkoordinatorer",
    ]
    assert [s.code for s in second_report.services] == ["radgivning", "utbildning"]
    assert first_report.total.as_tuple() == (3, 4, 5, 6)
    assert second_report.total.as_tuple() == (91, 92, 93, 94)
    # Each offer's cost is its own pool's share: 200 000 × 71 397 ÷ 2 344 124 = 6 091,5… → 6 092
    # kr a year, half of it for the half-year.
    assert second_report.rows[0].cost == Decimal("3046")


def test_the_report_page_is_chosen_by_offer(second, both_figures, client_for):
    client = client_for("project_leader")
    first = client.get(f"/uppfoljning/?ar={YEAR}&halvar=1").content.decode()
    other = client.get(f"/uppfoljning/?erbjudande=resurscentrum&ar={YEAR}&halvar=1")
    other = other.content.decode()

    def tables(html):  # the report's tables: not the offer menu, not the page footer
        return html.split("<table", 1)[1].split("<footer", 1)[0]

    first_tables, other_tables = tables(first), tables(other)
    assert "KAST" in first_tables and "Rådgivning" not in first_tables
    assert "Rådgivning" in other_tables and "KAST" not in other_tables
    assert "Kommunernas nyttjande av Resurscentrum mot hedersrelaterat våld" in other
    # The downloads keep to the offer.
    assert f"/uppfoljning/rapport.xlsx?erbjudande=resurscentrum&amp;ar={YEAR}" in other


def test_a_contact_sees_only_their_own_figures_of_either_offer(second, both_figures, client_for):
    page = client_for("contact_nacka").get(
        f"/uppfoljning/?erbjudande=resurscentrum&ar={YEAR}&halvar=1"
    )
    assert ">91<" not in page.content.decode()
    assert (
        client_for("contact_nacka")
        .get(f"/uppfoljning/kommun/{TABY}/?erbjudande=resurscentrum")
        .status_code
        == 404
    )


def test_an_offer_without_follow_up_has_no_pages(reference_data, client_for):
    second_offer(has_followup=False)
    client = client_for("project_leader")
    assert client.get("/uppfoljning/?erbjudande=resurscentrum").status_code == 404
    assert client.get("/uppfoljning/?erbjudande=finns-inte").status_code == 404
    assert client.get("/uppfoljning/").status_code == 200


def test_an_import_takes_the_offers_service_codes(second, users):
    rows = [(TABY, "Täby", "radgivning", YEAR, 1, 1, 2, 3, 4)]
    checked, errors = importing.check_file(xlsx_bytes(rows), "fil.xlsx")  # the first offer's
    assert checked == [] and "okänd verksamhet" in str(errors[0])
    checked, errors = importing.check_file(xlsx_bytes(rows), "fil.xlsx", offer=second)
    assert errors == []
    importing.import_rows(checked, by=users["project_leader"], offer=second)
    assert Offer.objects.default().services.filter(usage_figures__isnull=False).count() == 0
    assert second.services.get(code="radgivning").usage_figures.count() == 1
