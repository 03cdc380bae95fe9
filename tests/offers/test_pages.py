"""The offer pages: the project leader creates and changes offers and their services; city staff
read them; a municipal contact reads only the offers their municipality has an agreement of."""

import datetime
import re
from decimal import Decimal

import pytest

from agreements import services
from agreements.models import Status
from core.money import format_amount
from followup.models import UsageFigure
from municipalities.models import Municipality
from offers.access import AGREEMENT_DRAFT
from offers.models import FirstYearRule, Offer, Service
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

TODAY_SLUG = "mikamottagningen-kast-regionkoordinatorer"


def offer_form(**overrides):
    """A complete POST of the offer form: a second offer over Täby, Nacka and Gotland."""
    base = [m.pk for m in Municipality.objects.filter(code__in=["0160", "0182", "0980"])]
    data = {
        "name": "Resurscentrum mot hedersrelaterat våld",
        "slug": "",
        "host_party": "Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
        "indexation_percent": "2.5",
        "population_date": "2019-12-31",
        "cost_base": base,
        "payment_term_days": "20",
        "first_year_rule": FirstYearRule.DAYS,
        "has_steering_group": "on",
        "has_training": "on",
    }
    data.update(overrides)
    return data


def test_the_project_leader_creates_an_offer_and_it_appears_in_the_list(client_for, users):
    client = client_for("project_leader")
    form = client.get("/erbjudanden/nytt/").content.decode()
    # Every field has a label; each first-year rule says what it means.
    assert '<label for="id_name">' in form and 'for="id_population_date"' in form
    assert "hela årsbeloppet, vilken dag avtalet än börjar" in form
    assert "senare hälften av en månad räknas från nästa månad" in form
    assert "Gotland" in form  # a checkbox per municipality

    response = client.post("/erbjudanden/nytt/", offer_form())
    offer = Offer.objects.get(name="Resurscentrum mot hedersrelaterat våld")
    assert response["Location"] == f"/erbjudanden/{offer.slug}/"
    assert offer.slug == "resurscentrum-mot-hedersrelaterat-vald"
    assert (offer.indexation_percent, offer.payment_term_days) == (Decimal("2.50"), 20)
    assert offer.first_year_rule == FirstYearRule.DAYS
    assert (offer.has_steering_group, offer.has_followup, offer.has_training) == (
        True,
        False,
        True,
    )
    assert sorted(offer.cost_base.values_list("code", flat=True)) == ["0160", "0182", "0980"]

    listing = client.get("/erbjudanden/").content.decode()
    assert "Resurscentrum mot hedersrelaterat våld" in listing
    assert "Mikamottagningen, KAST och regionkoordinatorer" in listing
    assert "2 erbjudanden" in listing


def test_a_refused_offer_form_shows_its_errors_and_writes_nothing(client_for, users):
    client = client_for("project_leader")
    response = client.post(
        "/erbjudanden/nytt/",
        offer_form(indexation_percent="150", name="Mikamottagningen, KAST och regionkoordinatorer"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rätta följande" in html
    assert Offer.objects.count() == 1

    today = Offer.objects.get(slug=TODAY_SLUG)
    response = client.post(
        f"/erbjudanden/{TODAY_SLUG}/andra/",
        offer_form(name="Ändrat namn", payment_term_days="", cost_base=[]),
    )
    assert response.status_code == 200
    today.refresh_from_db()
    assert today.name == "Mikamottagningen, KAST och regionkoordinatorer"
    assert today.payment_term_days == 30 and today.cost_base.count() == 26


def test_the_project_leader_edits_an_offer_but_not_its_short_name(client_for, users):
    client = client_for("project_leader")
    edit = client.get(f"/erbjudanden/{TODAY_SLUG}/andra/")
    assert "slug" not in edit.context["form"].fields
    html = edit.content.decode()
    boxes = re.findall(r'<input type="checkbox" name="cost_base"[^>]*>', html)
    assert len(boxes) == 27 and sum("checked" in box for box in boxes) == 26  # not Gotland
    names = [n.strip() for n in re.findall(r'id="id_cost_base_\d+"[^>]*>([^<]+)</label>', html)]
    assert names[:2] == ["Botkyrka", "Danderyd"] and names[-2:] == ["Värmdö", "Österåker"]
    response = client.post(
        f"/erbjudanden/{TODAY_SLUG}/andra/",
        offer_form(name="Mikamottagningen, KAST och regionkoordinatorer", slug="nytt-kortnamn"),
    )
    assert response["Location"] == f"/erbjudanden/{TODAY_SLUG}/"
    offer = Offer.objects.get(slug=TODAY_SLUG)
    assert offer.payment_term_days == 20 and offer.cost_base.count() == 3


def test_the_list_of_a_contact_whose_municipality_has_no_agreement_is_empty(client_for, users):
    html = client_for("contact_nacka").get("/erbjudanden/").content.decode()
    assert "Er kommun har inget avtal om något erbjudande ännu." in html


def test_a_contact_reads_only_the_offers_of_their_municipalitys_agreements(client_for, users):
    second = make_offer()
    nacka, taby = (Municipality.objects.get(code=c) for c in ("0182", "0160"))
    draft = services.prepare_agreement(
        municipality=nacka, by=users["project_leader"], template=second.templates.get()
    )
    nacka_client = client_for("contact_nacka")
    # A draft is the city's own work: the offer is not shown yet.
    assert nacka_client.get("/erbjudanden/resurscentrum/").status_code == 404
    draft.transition(Status.SENT, by=users["project_leader"])
    page = nacka_client.get("/erbjudanden/resurscentrum/").content.decode()
    assert "Rådgivningen" in page and "Utbildningsteamet" in page
    assert "base-heading" not in page and "pools-heading" not in page  # the city's own
    assert nacka_client.get(f"/erbjudanden/{TODAY_SLUG}/").status_code == 404
    listing = nacka_client.get("/erbjudanden/").content.decode()
    assert "Resurscentrum" in listing and "Mikamottagningen" not in listing

    services.prepare_agreement(municipality=taby, by=users["project_leader"]).transition(
        Status.SENT, by=users["project_leader"]
    )
    taby_client = client_for("contact_taby")
    assert taby_client.get(f"/erbjudanden/{TODAY_SLUG}/").status_code == 200
    assert taby_client.get("/erbjudanden/resurscentrum/").status_code == 404
    assert taby_client.get("/erbjudanden/resurscentrum/andra/").status_code == 404
    assert taby_client.get(f"/erbjudanden/{TODAY_SLUG}/andra/").status_code == 403


def test_the_draft_status_the_offers_name_is_the_agreements():
    assert AGREEMENT_DRAFT == Status.DRAFT


def test_services_are_added_edited_and_removed(client_for, users):
    offer = make_offer(services=[])
    client = client_for("project_leader")
    form = client.get("/erbjudanden/resurscentrum/verksamheter/ny/").content.decode()
    assert 'for="id_positions"' in form and 'for="id_description"' in form
    response = client.post(
        "/erbjudanden/resurscentrum/verksamheter/ny/",
        {"name": "Stödlinjen", "positions": "3", "description": "Råd per telefon.", "order": "1"},
    )
    assert response["Location"] == "/erbjudanden/resurscentrum/"
    service = offer.services.get()
    assert (service.code, service.positions) == ("stodlinjen", 3)

    # Two services of one offer never share a code.
    again = client.post(
        "/erbjudanden/resurscentrum/verksamheter/ny/",
        {"name": "Stödlinjen", "positions": "1", "description": "", "order": "2"},
    )
    assert again.status_code == 200 and "redan en verksamhet med koden" in again.content.decode()
    assert offer.services.count() == 1

    client.post(
        f"/erbjudanden/resurscentrum/verksamheter/{service.pk}/",
        {"name": "Stödlinjen", "positions": "4", "description": "Dygnet runt.", "order": "1"},
    )
    service.refresh_from_db()
    assert (service.positions, service.description) == (4, "Dygnet runt.")
    assert "Dygnet runt." in client.get("/erbjudanden/resurscentrum/").content.decode()

    confirm = client.get(f"/erbjudanden/resurscentrum/verksamheter/{service.pk}/ta-bort/")
    assert "Ta bort verksamheten Stödlinjen?" in confirm.content.decode()
    assert offer.services.exists()  # the confirmation page changes nothing
    response = client.post(f"/erbjudanden/resurscentrum/verksamheter/{service.pk}/ta-bort/")
    assert response["Location"] == "/erbjudanden/resurscentrum/"
    assert not offer.services.exists()


def test_a_service_with_follow_up_figures_is_not_removed(client_for, users):
    mika = Service.objects.get(code="mikamottagningen")
    UsageFigure.objects.create(
        municipality=Municipality.objects.get(code="0160"),
        service=mika,
        year=2024,
        half=1,
        individuals_supported=3,
    )
    client = client_for("project_leader")
    response = client.post(
        f"/erbjudanden/{TODAY_SLUG}/verksamheter/{mika.pk}/ta-bort/", follow=True
    )
    html = response.content.decode()
    assert "Verksamheten Mikamottagningen kan inte tas bort" in html
    assert "nyttjandesiffror" in html
    assert Service.objects.filter(pk=mika.pk).exists()


def test_only_the_project_leader_changes_offers(client_for, users):
    finance = client_for("finance")
    page = finance.get(f"/erbjudanden/{TODAY_SLUG}/").content.decode()
    assert "Ändra erbjudandet" not in page and "Lägg till en verksamhet" not in page
    assert "26 kommuner:" in page and format_amount(Decimal("4000000")) in page  # the 2021 pool
    assert finance.post("/erbjudanden/nytt/", offer_form()).status_code == 403
    assert Offer.objects.count() == 1
    leader = client_for("project_leader").get(f"/erbjudanden/{TODAY_SLUG}/").content.decode()
    assert "Ändra erbjudandet" in leader and "Lägg till en verksamhet" in leader


def test_the_population_date_is_shown_as_stored(client_for, users):
    html = client_for("signatory").get(f"/erbjudanden/{TODAY_SLUG}/").content.decode()
    assert datetime.date(2018, 12, 31).isoformat() in html


def test_an_offers_changes_are_in_the_history_with_who_made_them(client_for, users):
    client = client_for("project_leader")
    client.post(
        f"/erbjudanden/{TODAY_SLUG}/andra/",
        offer_form(name="Mikamottagningen, KAST och regionkoordinatorer"),
    )
    html = client.get("/historik/?typ=erbjudanden").content.decode()
    assert "Mikamottagningen, KAST och regionkoordinatorer" in html
    assert "betalningsvillkor (dagar)" in html and "kommuner i befolkningsnyckeln" in html
    assert "Petra Projektsson" in html
    client.post(
        "/erbjudanden/mikamottagningen-kast-regionkoordinatorer/verksamheter/"
        f"{Service.objects.get(code='kast').pk}/",
        {"name": "KAST", "positions": "2", "description": "Stöd.", "order": "2"},
    )
    html = client.get("/historik/?typ=verksamheter").content.decode()
    assert "Mikamottagningen, KAST och regionkoordinatorer: KAST" in html
    assert "antal anställningar" in html


def test_a_new_offer_gets_its_first_version_from_the_first_offers_newest(client_for, users):
    offer = make_offer(template=False)
    client = client_for("project_leader")
    page = client.get("/erbjudanden/resurscentrum/").content.decode()
    assert "Erbjudandet har ingen avtalsversion ännu." in page
    link = re.search(r'href="(/avtal/versioner/\d+/ny-version/\?erbjudande=resurscentrum)"', page)
    assert link, "a link to copy the first version"
    form = client.get(link.group(1)).context["form"]
    assert form.fields["offer"].initial == offer.pk
    # "2023" is taken in today's offer only: the new offer may use the label.
    response = client.post(
        link.group(1), {"version": "2023", "valid_from": "2024-01-01", "offer": offer.pk}
    )
    version = offer.templates.get()
    assert response["Location"] == f"/avtal/versioner/{version.pk}/"
    assert version.title == f"Avtal om nyttjande av insatser vid {offer.name}"
    assert version.sections.exists()
    assert (
        "Förbered ett avtal om erbjudandet"
        in client.get("/erbjudanden/resurscentrum/").content.decode()
    )
