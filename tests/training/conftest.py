"""Fixtures of the training tests: agreements in force, contacts, sessions and registrations."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agreements import services as agreement_services
from agreements.models import Status
from municipalities.models import Municipality
from training import services
from training.models import Half, Kind, Mode, TrainingSession

TABY, NACKA, JARFALLA, SOLNA = "0160", "0182", "0123", "0184"


@pytest.fixture
def in_force(users):
    """in_force("0160") → an agreement in force since two months ago, through the real steps."""

    def make(code):
        leader = users["project_leader"]
        municipality = Municipality.objects.get(code=code)
        agreement = agreement_services.prepare_agreement(municipality=municipality, by=leader)
        agreement.transition(Status.SENT, by=leader)
        agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=leader)
        agreement.start_date = timezone.localdate() - datetime.timedelta(days=60)
        agreement.transition(Status.ACTIVE, by=leader)
        return agreement

    return make


@pytest.fixture
def taby(users, in_force):
    """Täby, with an agreement in force (kontakt.taby's municipality)."""
    in_force(TABY)
    return Municipality.objects.get(code=TABY)


@pytest.fixture
def contact():
    """contact("0123") → a new municipal contact of that municipality."""

    def make(code, username=None):
        municipality = Municipality.objects.get(code=code)
        user = User.objects.create_user(
            username=username or f"kontakt.{code}",
            email=f"{username or code}@kommun.example.se",
            first_name="Kim",
            last_name=f"Kontakt {municipality.name}",
            municipality=municipality,
        )
        user.groups.set([Group.objects.get(name=Role.MUNICIPAL_CONTACT.value)])
        return user

    return make


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
