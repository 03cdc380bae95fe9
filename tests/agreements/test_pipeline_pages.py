"""The pipeline pages, the letter, the quote, the start page and the municipality list."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.forms_pipeline import ResidentsMetForm
from agreements.models import Status
from agreements.models_pipeline import ContactNote, ContactStage, ResidentsMet
from municipalities.models import Municipality, PopulationFigure
from offers.models import CostPool, Service
from tests.conftest import ROLES

# From the published 2018 cost base (BRIEF): not read from the application.
COUNTY_TOTAL = 2_344_124
TABY_POPULATION = 71_397
FIRST_POOL = (2021, 4_000_000)

PAGES = [
    "/avtal/anslutning/",
    "/avtal/anslutning/0115/",
    "/avtal/anslutning/0115/brev.pdf",
    "/avtal/anslutning/0160/offert/",
    "/avtal/anslutning/0160/offert.pdf?datum=2026-06-10",
]


def half_up(value: Fraction) -> int:
    """Round a non-negative fraction half up to an integer, independently of the application."""
    return int(value + Fraction(1, 2))


def pool_for(year: int) -> int:
    """The pool of ``year`` proposed from the first one: × 1,02 a year, rounded each year."""
    first_year, pool = FIRST_POOL
    for _year in range(first_year + 1, year + 1):
        pool = half_up(Fraction(pool) * Fraction(102, 100))
    return pool


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


@pytest.fixture
def vallentuna(reference_data):
    return Municipality.objects.get(code="0115")


@pytest.fixture
def pl(client_for):
    return client_for("project_leader")


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("project_leader", "anonymous")])
@pytest.mark.parametrize("path", PAGES)
def test_only_the_project_leader_gets_in(role, path, client_for):
    assert client_for(role).get(path).status_code == 403


def test_unknown_municipality_is_404_for_the_project_leader_and_403_for_others(client_for):
    assert client_for("project_leader").get("/avtal/anslutning/9999/").status_code == 404
    assert client_for("finance").get("/avtal/anslutning/9999/").status_code == 403


# --- The list ----------------------------------------------------------------------------------


def test_list_shows_status_last_contact_and_residents_met(pl, vallentuna, make_agreement, users):
    today = timezone.localdate()
    ContactNote.objects.create(
        municipality=vallentuna, date=today, stage=ContactStage.INTEREST, text="Möte"
    )
    ResidentsMet.objects.create(
        municipality=vallentuna, date=today, service=Service.objects.get(code="kast"), count=4
    )
    make_agreement("0182", status=Status.ACTIVE)
    response = pl.get("/avtal/anslutning/")
    html = response.content.decode()
    rows = {r.municipality.name: r for r in response.context["page"].object_list}
    assert rows["Vallentuna"].state.label == "intresseanmälan"
    assert rows["Vallentuna"].last_contact == today
    assert rows["Vallentuna"].residents_met == 4
    assert rows["Nacka"].state.label == "ansluten"
    assert rows["Stockholm"].state.label == "värdkommun"
    assert html.count("<h1>") == 1
    assert '<th scope="col">' in html and '<label for="status">' in html


def test_list_filters_by_status(pl, vallentuna, make_agreement):
    ContactNote.objects.create(
        municipality=vallentuna, date=timezone.localdate(), stage=ContactStage.IN_DIALOGUE, text="x"
    )
    make_agreement("0182", status=Status.ACTIVE)
    names = [
        r.municipality.name
        for r in pl.get("/avtal/anslutning/?status=i_dialog").context["page"].object_list
    ]
    assert names == ["Vallentuna"]
    html = pl.get("/avtal/anslutning/?status=intresseanmalan").content.decode()
    assert "Inga kommuner har den statusen." in html
    # An unknown status shows everything.
    assert len(pl.get("/avtal/anslutning/?status=nej").context["page"].object_list) == 27


# --- The detail page: notes and residents met -------------------------------------------------


def test_a_note_is_logged_with_its_author_and_moves_the_status(pl, vallentuna, users):
    response = pl.post(
        "/avtal/anslutning/0115/",
        {
            "form": "note",
            "note-date": "2026-03-02",
            "note-stage": ContactStage.INTEREST,
            "note-text": "Socialchefen vill ha en offert.",
        },
    )
    assert response.status_code == 302
    note = ContactNote.objects.get()
    assert (note.municipality, note.created_by, note.stage) == (
        vallentuna,
        users["project_leader"],
        ContactStage.INTEREST,
    )
    html = pl.get("/avtal/anslutning/0115/").content.decode()
    assert "Socialchefen vill ha en offert." in html
    assert "2026-03-02" in html and "Petra Projektsson" in html
    assert "intresseanmälan" in html


def test_residents_met_are_recorded_as_counts(pl, vallentuna, users):
    kast = Service.objects.get(code="kast")
    today = timezone.localdate()
    response = pl.post(
        "/avtal/anslutning/0115/",
        {"form": "met", "met-date": today.isoformat(), "met-service": kast.pk, "met-count": 3},
    )
    assert response.status_code == 302
    met = ResidentsMet.objects.get()
    assert (met.municipality, met.service, met.count, met.created_by) == (
        vallentuna,
        kast,
        3,
        users["project_leader"],
    )


def test_residents_met_refuses_zero_and_the_future(pl, vallentuna):
    kast = Service.objects.get(code="kast")
    today = timezone.localdate()
    form = ResidentsMetForm({"date": today, "service": kast.pk, "count": 0})
    assert not form.is_valid() and "count" in form.errors
    form = ResidentsMetForm(
        {"date": today + datetime.timedelta(days=1), "service": kast.pk, "count": 1}
    )
    assert not form.is_valid() and "date" in form.errors
    response = pl.post(
        "/avtal/anslutning/0115/",
        {"form": "met", "met-date": today.isoformat(), "met-service": kast.pk, "met-count": 0},
    )
    assert response.status_code == 200
    assert response.context["met_form"].errors["count"]
    assert not ResidentsMet.objects.exists()


def test_residents_met_has_no_field_about_a_person():
    assert set(ResidentsMetForm.base_fields) == {"date", "service", "count"}
    fields = {f.name for f in ResidentsMet._meta.get_fields()}
    assert fields == {"id", "municipality", "date", "service", "count", "created_by", "created_at"}
    help_text = str(ResidentsMet._meta.get_field("count").help_text)
    assert "aldrig namn" in help_text


def test_detail_page_is_accessible_and_links_to_letter_and_quote(pl, vallentuna):
    html = pl.get("/avtal/anslutning/0115/").content.decode()
    assert html.count("<h1>") == 1
    assert "/avtal/anslutning/0115/brev.pdf" in html
    assert "/avtal/anslutning/0115/offert/" in html
    assert "Inga anteckningar ännu." in html
    assert "Inga mötta invånare är registrerade" in html
    assert 'for="id_met-count"' in html and 'for="id_note-text"' in html
    assert "aldrig namn" in html


def test_a_post_without_a_known_form_is_refused(pl, vallentuna):
    assert pl.post("/avtal/anslutning/0115/", {"form": "other"}).status_code == 400


def test_a_long_log_is_paginated(pl, vallentuna):
    ContactNote.objects.bulk_create(
        ContactNote(
            municipality=vallentuna, date=datetime.date(2025, 1, 1), stage="i_dialog", text=f"n{i}"
        )
        for i in range(45)
    )
    response = pl.get("/avtal/anslutning/0115/?sida=3")
    assert len(response.context["notes"].object_list) == 5
    assert "Sida 3 av 3" in response.content.decode()


# --- The letter ----------------------------------------------------------------------------------


def test_letter_is_a_pdf_with_counts_per_service_for_the_period(pl, vallentuna):
    mika, kast = Service.objects.get(code="mikamottagningen"), Service.objects.get(code="kast")
    for day, service, count in [
        (datetime.date(2026, 2, 1), mika, 2),
        (datetime.date(2026, 3, 1), mika, 1),
        (datetime.date(2026, 3, 31), kast, 4),
        (datetime.date(2026, 4, 1), kast, 50),  # outside the period
    ]:
        ResidentsMet.objects.create(municipality=vallentuna, date=day, service=service, count=count)
    response = pl.get("/avtal/anslutning/0115/brev.pdf?fran=2026-01-01&till=2026-03-31")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    counts = {c.service.code: c.count for c in response.context["counts"]}
    assert counts == {"mikamottagningen": 3, "kast": 4, "regionkoordinatorer": 0}
    assert response.context["total"] == 7


def test_letter_offers_this_years_amount_and_the_first_invoice_of_today(pl, vallentuna):
    today = timezone.localdate()
    response = pl.get("/avtal/anslutning/0115/brev.pdf")
    assert (response.context["first"], response.context["last"]) == (
        datetime.date(today.year, 1, 1),
        today,
    )
    offer = response.context["offer"]
    annual = half_up(Fraction(pool_for(today.year) * 33_432, COUNTY_TOTAL))
    assert offer.annual == Decimal(annual)
    assert offer.start == today
    twelfths = 12 - today.month + 1 - (1 if today.day * 2 > _days_in_month(today) else 0)
    assert offer.twelfths == twelfths
    assert offer.first_amount == Decimal(half_up(Fraction(annual * twelfths, 12)))


def _days_in_month(day):
    following = day.replace(day=28) + datetime.timedelta(days=4)
    return (following - datetime.timedelta(days=following.day)).day


def test_letter_for_gotland_says_the_amount_is_agreed_separately(pl, client_for, monkeypatch):
    html = _pdf_html(monkeypatch, pl, "/avtal/anslutning/0980/brev.pdf")
    assert "särskild överenskommelse" in html
    assert "tolftedel" not in html


def test_no_letter_to_a_municipality_with_an_agreement_in_force_or_the_host(pl, make_agreement):
    make_agreement("0115", status=Status.ACTIVE)
    response = pl.get("/avtal/anslutning/0115/brev.pdf")
    assert response.status_code == 302
    assert response["Location"] == "/avtal/anslutning/0115/"
    assert pl.get("/avtal/anslutning/0180/brev.pdf").status_code == 302


def test_letter_refuses_a_period_that_ends_before_it_starts(pl, vallentuna):
    assert (
        pl.get("/avtal/anslutning/0115/brev.pdf?fran=2026-05-01&till=2026-04-01").status_code == 400
    )
    assert pl.get("/avtal/anslutning/0115/brev.pdf?fran=inte-ett-datum").status_code == 400


def _pdf_html(monkeypatch, client, path):
    """The HTML a PDF view hands to the renderer (the PDF itself is tested elsewhere)."""
    from django.template.loader import render_to_string

    from agreements import views_pipeline

    seen = {}

    def fake_render_pdf(template_name, context, *, title, **_kwargs):
        seen["html"] = render_to_string(template_name, {**context, "pdf_title": title})
        return b"%PDF-test"

    monkeypatch.setattr(views_pipeline, "render_pdf", fake_render_pdf)
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return seen["html"]


# --- The quote -----------------------------------------------------------------------------------


def test_quote_for_taby_signed_on_10_june_2026(pl, reference_data):
    """7 twelfths of Täby's 2026 amount, computed here from the table formula with fractions."""
    response = pl.get("/avtal/anslutning/0160/offert/?datum=2026-06-10")
    offer = response.context["offer"]
    annual_2026 = half_up(Fraction(pool_for(2026) * TABY_POPULATION, COUNTY_TOTAL))
    annual_2027 = half_up(Fraction(pool_for(2027) * TABY_POPULATION, COUNTY_TOTAL))
    first = half_up(Fraction(annual_2026 * 7, 12))
    assert offer.twelfths == 7
    assert offer.first_month == datetime.date(2026, 6, 1)
    assert offer.annual == Decimal(annual_2026)
    assert offer.first_amount == Decimal(first)
    assert offer.next_annual == Decimal(annual_2027)
    html = response.content.decode()
    assert kr(first) in html and kr(annual_2026) in html and kr(annual_2027) in html
    assert "7 tolftedelar (från och med juni)" in html
    # No pool is confirmed for 2026 or 2027 in the reference data: the quote says so.
    assert "Preliminära belopp." in html and "preliminär: kostnadsramen" in html
    assert html.count("<h1>") == 1
    assert "/avtal/anslutning/0160/offert.pdf?datum=2026-06-10" in html


def test_quote_with_confirmed_pools_is_not_preliminary(pl, reference_data):
    CostPool.objects.create(year=2026, amount=Decimal("4400000"))
    CostPool.objects.create(year=2027, amount=Decimal("4500000"))
    response = pl.get("/avtal/anslutning/0160/offert/?datum=2026-06-10")
    offer = response.context["offer"]
    assert not offer.preliminary
    assert offer.annual == Decimal(half_up(Fraction(4_400_000 * TABY_POPULATION, COUNTY_TOTAL)))
    assert "Preliminära belopp." not in response.content.decode()


def test_quote_in_the_latter_half_of_december_has_no_first_invoice(pl, reference_data):
    response = pl.get("/avtal/anslutning/0160/offert/?datum=2026-12-16")
    offer = response.context["offer"]
    assert offer.twelfths == 0 and offer.first_amount == Decimal(0)
    assert "ingen faktura för året" in response.content.decode()


def test_quote_form_defaults_to_today_and_validates_the_date(pl, reference_data):
    response = pl.get("/avtal/anslutning/0160/offert/")
    assert response.context["offer"].start == timezone.localdate()
    for bad in ["inte-ett-datum", "2019-05-01", f"{timezone.localdate().year + 6}-01-01"]:
        response = pl.get(f"/avtal/anslutning/0160/offert/?datum={bad}")
        assert response.context["offer"] is None
        assert response.context["form"].errors["datum"]
    assert pl.get("/avtal/anslutning/0160/offert.pdf?datum=2019-05-01").status_code == 400


def test_quote_pdf_has_the_figures_and_the_bilaga(pl, reference_data, monkeypatch):
    response = pl.get("/avtal/anslutning/0160/offert.pdf?datum=2026-06-10")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert 'filename="offert-taby-2026-06-10.pdf"' in response["Content-Disposition"]
    html = _pdf_html(monkeypatch, pl, "/avtal/anslutning/0160/offert.pdf?datum=2026-06-10")
    annual_2026 = half_up(Fraction(pool_for(2026) * TABY_POPULATION, COUNTY_TOTAL))
    assert kr(half_up(Fraction(annual_2026 * 7, 12))) in html
    assert "Bilaga: Kostnadsfördelning 2026" in html
    assert "Preliminär kostnadsfördelning." in html
    assert kr(pool_for(2026)) in html  # the sum row shows the pool
    assert "nämndens beslut" in html


def test_quote_for_gotland_is_agreed_separately(pl, reference_data):
    response = pl.get("/avtal/anslutning/0980/offert/?datum=2026-06-10")
    assert response.context["offer"].annual is None
    html = response.content.decode()
    assert "särskild överenskommelse" in html and "Första faktura" not in html


def test_no_quote_for_the_host(pl, reference_data):
    assert pl.get("/avtal/anslutning/0180/offert/").status_code == 302
    assert pl.get("/avtal/anslutning/0180/offert.pdf").status_code == 302


# --- The start page --------------------------------------------------------------------------


def test_project_leader_home_shows_the_pipeline_signatures_endings_and_history(
    client_for, make_agreement
):
    today = timezone.localdate()
    sent = make_agreement("0160", status=Status.SENT)
    signed = make_agreement("0115", status=Status.SIGNED_BY_MUNICIPALITY)
    make_agreement("0182", status=Status.ACTIVE)
    ending = make_agreement(
        "0114",
        status=Status.NOTICE_GIVEN,
        notice_date=today,
        end_date=today + datetime.timedelta(days=30),
    )
    make_agreement(
        "0120", status=Status.ACTIVE, latest_end_date=today + datetime.timedelta(days=200)
    )
    response = client_for("project_leader").get("/")
    html = response.content.decode()
    assert (response.context["pipeline"].joined, response.context["pipeline"].not_joined) == (
        3,
        27 - 3 - 1,
    )
    assert "/avtal/anslutning/?status=ansluten" in html
    assert list(response.context["awaiting_signature"]) == [sent, signed]
    assert "Täby (kommunens underskrift)" in html
    assert "Socialdirektören (kontrasignering)" in html
    assert f'href="/avtal/{sent.pk}/"' in html
    assert response.context["ending_soon"] == [ending]
    assert (today + datetime.timedelta(days=30)).isoformat() in html
    assert len(response.context["recent_history"]) == 10
    assert html.count("<h1>") == 1


def test_home_history_is_the_latest_ten_changes(client_for, make_agreement):
    make_agreement("0182", status=Status.ACTIVE)  # 3 changes
    last = make_agreement("0160", status=Status.SENT)  # 1 change, the latest
    history = list(client_for("project_leader").get("/").context["recent_history"])
    assert len(history) == 4
    assert history[0].agreement == last and history[0].to_status == Status.SENT


def test_project_leader_home_empty_states(client_for, reference_data):
    html = client_for("project_leader").get("/").content.decode()
    assert "Inga avtal väntar på underskrift." in html
    assert "Inga avtal upphör de närmaste månaderna." in html
    assert "Inga avtal har ändrat status ännu." in html


def test_signatory_home_lists_agreements_to_countersign(client_for, make_agreement):
    make_agreement("0160", status=Status.SENT)
    signed = make_agreement("0115", status=Status.SIGNED_BY_MUNICIPALITY)
    html = client_for("signatory").get("/").content.decode()
    assert f'<a href="/avtal/{signed.pk}/kontrasignera/">Avtalet med Vallentuna väntar' in html
    assert "Täby" not in html.split("Att göra")[1]


def test_project_leader_home_uses_the_same_number_of_queries_whatever_the_data(
    client_for, make_agreement
):
    client = client_for("project_leader")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    make_agreement("0182", status=Status.ACTIVE)
    before = count()
    for i in range(20):
        m = Municipality.objects.create(code=f"2{i:03d}", name=f"Extra {i}", county="Test")
        PopulationFigure.objects.create(municipality=m, reference_date="2018-12-31", population=9)
    make_agreement("0160", status=Status.SENT)
    make_agreement("0115", status=Status.SIGNED_BY_MUNICIPALITY)
    make_agreement(
        "0114",
        status=Status.NOTICE_GIVEN,
        end_date=timezone.localdate() + datetime.timedelta(days=9),
    )
    assert count() == before


# --- The municipality list shows the pipeline status ------------------------------------------


def test_municipality_list_shows_the_pipeline_status(client_for, vallentuna, make_agreement):
    ContactNote.objects.create(
        municipality=vallentuna, date=timezone.localdate(), stage=ContactStage.INTEREST, text="x"
    )
    make_agreement("0182", status=Status.ACTIVE)
    html = client_for("project_leader").get("/kommuner/").content.decode()
    assert "intresseanmälan" in html and "ansluten" in html
    assert "/avtal/anslutning/0115/" in html
    # Others see the agreements, not the project leader's notes.
    for role in ("finance", "steering_member"):
        html = client_for(role).get("/kommuner/").content.decode()
        assert "intresseanmälan" not in html and "ansluten" in html
        assert "inget avtal registrerat" in html
        assert "/avtal/anslutning/" not in html
    html = client_for("contact_taby").get("/kommuner/").content.decode()
    assert "inget avtal registrerat" in html and "Nacka" not in html
