"""Attendance is recorded by the project leader once the session is over, for the confirmed
participants only; before that the page and the service refuse."""

import re

import pytest
from django.core.exceptions import ValidationError

from training import services
from training.models import RegistrationStatus

from .conftest import hold


@pytest.fixture
def booked(taby, make_session, register):
    """A session with two places: Anna and Bo confirmed, Cecilia waiting."""
    session = make_session(capacity=2)
    people = {name: register(session, name) for name in ("Anna", "Bo", "Cecilia")}
    return session, people


def test_attendance_is_refused_before_the_session_is_over(booked, users, client_for):
    session, people = booked
    with pytest.raises(ValidationError, match="först när utbildningen är över"):
        services.record_attendance(
            session, attended={people["Anna"].pk}, by=users["project_leader"]
        )

    client = client_for("project_leader")
    page = client.get(f"/utbildning/{session.pk}/narvaro/", follow=True).content.decode()
    assert "Närvaron kan registreras först när utbildningen är över." in page
    response = client.post(
        f"/utbildning/{session.pk}/narvaro/", {"attended": [people["Anna"].pk]}, follow=True
    )
    assert "först när utbildningen är över" in response.content.decode()
    session.refresh_from_db()
    assert session.attendance_recorded_at is None
    assert set(session.registrations.values_list("attended", flat=True)) == {None}


def test_the_project_leader_ticks_who_attended_after_the_session(booked, client_for):
    session, people = booked
    hold(session)
    client = client_for("project_leader")

    form = client.get(f"/utbildning/{session.pk}/narvaro/").content.decode()
    assert "Anna" in form and "Bo" in form
    assert "Cecilia" not in form  # still waiting: she never had a place

    response = client.post(
        f"/utbildning/{session.pk}/narvaro/", {"attended": [str(people["Anna"].pk)]}, follow=True
    )
    assert "Närvaron är sparad." in response.content.decode()
    attended = dict(session.registrations.values_list("name", "attended"))
    assert attended == {"Anna": True, "Bo": False, "Cecilia": None}
    session.refresh_from_db()
    assert session.attendance_recorded_at is not None

    # Corrected later: the form shows what was recorded, and a new POST replaces it.
    again = client.get(f"/utbildning/{session.pk}/narvaro/").content.decode()
    assert re.search(rf'value="{people["Anna"].pk}"[^>]*checked', again)
    assert not re.search(rf'value="{people["Bo"].pk}"[^>]*checked', again)
    client.post(f"/utbildning/{session.pk}/narvaro/", {"attended": [str(people["Bo"].pk)]})
    attended = dict(session.registrations.values_list("name", "attended"))
    assert attended == {"Anna": False, "Bo": True, "Cecilia": None}


def test_only_confirmed_participants_can_be_marked(booked, users):
    session, people = booked
    hold(session)
    with pytest.raises(ValueError):
        services.record_attendance(
            session, attended={people["Cecilia"].pk}, by=users["project_leader"]
        )
    assert people["Cecilia"].status == RegistrationStatus.WAITING


def test_a_contact_cannot_record_attendance(booked, client_for):
    session, people = booked
    hold(session)
    client = client_for("contact_taby")
    assert (
        client.post(
            f"/utbildning/{session.pk}/narvaro/", {"attended": [people["Anna"].pk]}
        ).status_code
        == 403
    )
    assert session.registrations.filter(attended__isnull=False).count() == 0


def test_a_held_session_can_no_longer_be_changed_or_booked(booked, client_for):
    session, _people = booked
    hold(session)
    leader = client_for("project_leader")
    page = leader.get(f"/utbildning/{session.pk}/andra/", follow=True).content.decode()
    assert "Utbildningen har redan börjat och kan inte ändras." in page
    contact = client_for("contact_taby")
    page = contact.get(f"/utbildning/{session.pk}/anmal/", follow=True).content.decode()
    assert "Anmälan är stängd." in page
