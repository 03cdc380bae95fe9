"""Fixtures of the training tests: agreements in force, contacts, sessions and registrations."""

import datetime

import pytest
from django.utils import timezone

from municipalities.models import Municipality
from tests.steering_group.conftest import contact, in_force  # noqa: F401 (shared fixtures)
from training import services
from training.models import Half, Kind, Mode, TrainingSession

TABY, NACKA, JARFALLA, SOLNA = "0160", "0182", "0123", "0184"


@pytest.fixture
def taby(users, in_force):  # noqa: F811 (the shared fixture)
    """Täby, with an agreement in force (kontakt.taby's municipality)."""
    in_force(TABY)
    return Municipality.objects.get(code=TABY)


@pytest.fixture
def make_session(users):
    """make_session(capacity=2, days=30, **fields) → a session planned by the project leader."""

    def make(*, capacity=20, days=30, **fields) -> TrainingSession:
        values = {
            "title": "Utbildningshalvdag om prostitution och människohandel",
            "kind": Kind.HALF_DAY,
            "date": timezone.localdate() + datetime.timedelta(days=days),
            "half": Half.MORNING,
            "mode": Mode.DIGITAL,
            "link": "https://video.example.se/utbildning",
            "capacity": capacity,
            **fields,
        }
        return services.create_session(by=users["project_leader"], **values)

    return make


@pytest.fixture
def register(users):
    """register(session, "Anna") → a registration of Täby's staff by kontakt.taby."""

    def make(session, name, *, by=None, municipality=None, email=None, workplace="Vuxenenheten"):
        by = by or users["contact_taby"]
        return services.register(
            session=session,
            municipality=municipality or by.municipality,
            by=by,
            name=name,
            email=email or f"{name.lower()}@personal.example.se",
            workplace=workplace,
        )

    return make


def hold(session: TrainingSession, *, days_ago: int = 1) -> TrainingSession:
    """Move a session into the past (the pages refuse to plan one there)."""
    TrainingSession.objects.filter(pk=session.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    session.refresh_from_db()
    return session
