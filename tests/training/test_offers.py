"""Two offers side by side: each offer with training has its own sessions, the list shows them
per offer, staff are registered only for an offer the municipality has joined, and the mails are
signed with the session's offer."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.clock import on
from tests.offers.second_offer import in_force as offer_in_force
from tests.offers.second_offer import second_offer

from .conftest import TABY

pytestmark = [pytest.mark.django_db, on("2026-05-12")]


@pytest.fixture
def second(reference_data):
    return second_offer()


@pytest.fixture
def sessions(second, make_session):
    return (
        make_session(title="Halvdag om prostitution", date=datetime.date(2026, 6, 1)),
        make_session(
            title="Halvdag om hedersrelaterat våld", date=datetime.date(2026, 6, 2), offer=second
        ),
    )


def titles(response) -> list[str]:
    return [s.title for s in response.context["page"].object_list]


def test_the_sessions_are_listed_per_offer(sessions, second, client_for):
    client = client_for("project_leader")
    both = client.get("/utbildning/")
    assert titles(both) == ["Halvdag om prostitution", "Halvdag om hedersrelaterat våld"]
    assert "Resurscentrum mot hedersrelaterat våld" in both.content.decode()
    assert titles(client.get("/utbildning/?erbjudande=resurscentrum")) == [
        "Halvdag om hedersrelaterat våld"
    ]
    first = client.get("/utbildning/?erbjudande=mikamottagningen-kast-regionkoordinatorer")
    assert titles(first) == ["Halvdag om prostitution"]
    assert client.get("/utbildning/?erbjudande=finns-inte").status_code == 404


def test_a_session_belongs_to_its_offer_and_only_one_with_training(
    second, make_session, reference_data
):
    first = make_session()
    assert first.offer.slug == "mikamottagningen-kast-regionkoordinatorer"
    second.has_training = False
    second.save()
    with pytest.raises(ValidationError, match="har ingen utbildning"):
        make_session(offer=second)


def test_staff_are_registered_only_for_an_offer_the_municipality_has_joined(
    sessions, taby, users, register, client_for
):
    first, other = sessions
    register(first, "Anna")
    with pytest.raises(ValidationError, match="inget gällande avtal"):
        register(other, "Bo")
    assert client_for("contact_taby").get(f"/utbildning/{other.pk}/anmal/").status_code == 403
    offer_in_force(TABY, other.offer, users["project_leader"])
    assert register(other, "Bo").session == other


def test_the_mail_is_signed_with_the_sessions_offer(
    sessions, taby, users, register, mailoutbox, django_capture_on_commit_callbacks
):
    offer_in_force(TABY, sessions[1].offer, users["project_leader"])
    with django_capture_on_commit_callbacks(execute=True):
        register(sessions[0], "Anna")
        register(sessions[1], "Bo")
    first, other = (m.body for m in mailoutbox)
    assert first.rstrip().endswith("Mikamottagningen, KAST och regionkoordinatorer")
    assert other.rstrip().endswith("Resurscentrum mot hedersrelaterat våld")


def test_the_project_leader_plans_a_session_for_either_offer(second, client_for):
    client = client_for("project_leader")
    assert 'name="offer"' in client.get("/utbildning/ny/").content.decode()
    response = client.post(
        "/utbildning/ny/",
        {
            "offer": second.pk,
            "title": "Halvdag om hedersrelaterat våld",
            "kind": "halvdag",
            "date": "2026-06-02",
            "half": "formiddag",
            "mode": "digital",
            "link": "https://video.example.se/heder",
            "capacity": 20,
        },
    )
    assert response.status_code == 302
    assert second.training_sessions.get().title == "Halvdag om hedersrelaterat våld"


def test_participants_and_registrations_can_be_shown_per_offer(
    sessions, taby, users, register, client_for
):
    offer_in_force(TABY, sessions[1].offer, users["project_leader"])
    register(sessions[0], "Anna")
    register(sessions[1], "Bo")
    register(sessions[1], "Cecilia")
    client = client_for("project_leader")
    every = client.get("/utbildning/deltagare/?ar=2026").context["totals"]
    second = client.get("/utbildning/deltagare/?ar=2026&erbjudande=resurscentrum")
    assert (every["unrecorded"], second.context["totals"]["unrecorded"]) == (3, 2)
    listed = client.get("/utbildning/anmalningar/?erbjudande=resurscentrum").context["page"]
    assert sorted(r.name for r in listed.object_list) == ["Bo", "Cecilia"]
