"""Two offers side by side: each offer with a steering group has its own group per year, with
its own applications, rotation and chair; the year pages of the second offer carry its slug."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from offers.models import Offer
from steering_group import documents, meetings, minutes, selectors, services
from steering_group.models import Seat, Term
from tests.clock import on
from tests.offers.second_offer import in_force as offer_in_force
from tests.offers.second_offer import second_offer

from .conftest import NACKA, TABY

pytestmark = [pytest.mark.django_db, on("2026-05-12")]


@pytest.fixture
def offers(reference_data):
    return Offer.objects.default(), second_offer()


@pytest.fixture
def terms(offers, users, today):
    first, second = offers
    leader = users["project_leader"]
    return (
        services.create_term(year=today.year, by=leader),
        services.create_term(year=today.year, by=leader, offer=second),
    )


def test_each_offer_has_its_own_group_of_the_same_year(offers, terms, users, today):
    first, second = offers
    assert [(t.offer, t.year) for t in terms] == [(first, today.year), (second, today.year)]
    with pytest.raises(ValidationError, match="finns redan"):
        services.create_term(year=today.year, by=users["project_leader"], offer=second)
    assert Term.objects.filter(year=today.year).count() == 2


def test_the_second_offers_year_pages_carry_its_slug(offers, terms, client_for, today):
    client = client_for("project_leader")
    index = client.get("/styrgrupp/").content.decode()
    assert f'href="/styrgrupp/resurscentrum/{today.year}/"' in index
    assert f'href="/styrgrupp/mikamottagningen-kast-regionkoordinatorer/{today.year}/"' in index
    page = client.get(f"/styrgrupp/resurscentrum/{today.year}/").content.decode()
    assert f'href="/styrgrupp/resurscentrum/{today.year}/ledamoter/"' in page
    assert "<p>Resurscentrum mot hedersrelaterat våld</p>" in page
    # The short address is still the first offer's group.
    assert client.get(f"/styrgrupp/{today.year}/").context["term"] == terms[0]
    assert client.get(f"/styrgrupp/resurscentrum/{today.year}/").context["term"] == terms[1]
    assert client.get(f"/styrgrupp/okant-erbjudande/{today.year}/").status_code == 404


def test_a_municipality_applies_to_both_groups(offers, terms, users, in_force):
    first, second = offers
    in_force(TABY)
    offer_in_force(TABY, second, users["project_leader"])
    contact = users["contact_taby"]
    for term in terms:
        services.submit_application(
            term=term,
            municipality=contact.municipality,
            by=contact,
            representative_name="Tove Täbysson",
            representative_role="avdelningschef",
            representative_email="tove@taby.example.se",
        )
    assert [t.applications.get().municipality.code for t in terms] == [TABY, TABY]
    # Both groups can choose her: the rotation and the one-per-municipality rule are per group.
    for term in terms:
        chosen = services.choose_applications(
            term=term, applications=list(term.applications.all()), by=users["project_leader"]
        )
        assert [m.email for m in chosen.chosen] == ["tove@taby.example.se"]


def test_only_an_agreement_of_the_offer_opens_its_group(offers, terms, users, in_force, today):
    in_force(NACKA)  # Nacka has joined the first offer only
    nacka = users["contact_nacka"]
    with pytest.raises(ValidationError, match="inget gällande avtal"):
        services.submit_application(
            term=terms[1],
            municipality=nacka.municipality,
            by=nacka,
            representative_name="Nils Nackasson",
            representative_role="socialchef",
            representative_email="nils@nacka.example.se",
        )


def test_the_pages_refuse_an_application_without_the_offers_agreement(
    offers, terms, in_force, client_for, today
):
    in_force(NACKA)
    client = client_for("contact_nacka")
    assert client.get(f"/styrgrupp/{today.year}/intresseanmalan/").status_code == 200
    assert client.get(f"/styrgrupp/resurscentrum/{today.year}/intresseanmalan/").status_code == 403
    index = client.get("/styrgrupp/").content.decode()
    assert f"/styrgrupp/resurscentrum/{today.year}/intresseanmalan/" not in index


def test_another_municipalitys_application_to_the_second_group_answers_404(
    offers, terms, users, client_for
):
    first, second = offers
    offer_in_force(TABY, second, users["project_leader"])
    contact = users["contact_taby"]
    application = services.submit_application(
        term=terms[1],
        municipality=contact.municipality,
        by=contact,
        representative_name="Tove Täbysson",
        representative_role="avdelningschef",
        representative_email="tove@taby.example.se",
    )
    assert (
        client_for("contact_taby").get(f"/styrgrupp/intresseanmalan/{application.pk}/").status_code
        == 200
    )
    assert (
        client_for("contact_nacka").get(f"/styrgrupp/intresseanmalan/{application.pk}/").status_code
        == 404
    )


def test_rotation_and_the_chair_carry_over_within_one_offer(offers, users, today):
    first, second = offers
    leader = users["project_leader"]
    last_year = services.create_term(year=today.year - 1, by=leader)
    services.add_member(
        term=last_year,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email="stina@stockholm.se",
        organisation="Stockholms stad",
        by=leader,
    )
    this_year_first = services.create_term(year=today.year, by=leader)
    this_year_second = services.create_term(year=today.year, by=leader, offer=second)
    assert selectors.chair(this_year_first).email == "stina@stockholm.se"
    assert selectors.chair(this_year_second) is None  # the first offer's chair stays there
    assert selectors.sat_last_year(this_year_first, "stina@stockholm.se")
    assert not selectors.sat_last_year(this_year_second, "stina@stockholm.se")


def test_an_offer_without_a_steering_group_has_none(reference_data, users, client_for, today):
    offer = second_offer(has_steering_group=False)
    with pytest.raises(ValidationError, match="har ingen styrgrupp"):
        services.create_term(year=today.year, by=users["project_leader"], offer=offer)
    page = client_for("project_leader").get("/styrgrupp/resurscentrum/")
    assert "Resurscentrum mot hedersrelaterat våld har ingen styrgrupp." in page.content.decode()
    assert (
        client_for("project_leader").get(f"/styrgrupp/resurscentrum/{today.year}/").status_code
        == 404
    )


def test_the_invitation_and_the_minutes_name_the_groups_offer(offers, terms, users, today):
    starts = timezone.make_aware(datetime.datetime(today.year, 12, 30, 10))
    meeting = meetings.schedule_meeting(
        term=terms[1],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        place="Rådhuset",
        video_link="",
        agenda=["Mötets öppnande"],
        by=users["project_leader"],
    )
    assert documents.invitation_summary(meeting) == (
        "Styrgruppsmöte: Resurscentrum mot hedersrelaterat våld"
    )
    draft = minutes.create_minutes(meeting, by=users["project_leader"])
    html = render_to_string(documents.MINUTES_TEMPLATE, documents.minutes_context(draft))
    assert "Styrgruppen för Resurscentrum mot hedersrelaterat våld – protokoll" in html
    assert "Mikamottagningen" not in html
