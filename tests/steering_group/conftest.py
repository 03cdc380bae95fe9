"""Fixtures of the steering-group tests: agreements in force, a term, members and meetings."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agreements import services as agreement_services
from agreements.models import Status
from municipalities.models import Municipality
from steering_group import meetings, services
from steering_group.models import Application, Seat, Term

# Municipalities of the county that are not the host, for groups of many members.
CODES = [
    "0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128", "0136", "0138",
    "0139", "0140", "0160", "0162", "0163", "0181", "0182", "0183", "0184", "0186", "0187",
]  # fmt: skip
TABY, NACKA = "0160", "0182"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def in_force(users):
    """in_force("0160") → an agreement in force since ``start`` (two months ago by default),
    walked through the real transitions; ``status`` may be NOTICE_GIVEN or ENDED, ``end`` sets
    the end date."""

    def make(code, *, start=None, status=Status.ACTIVE, end=None):
        leader = users["project_leader"]
        municipality = Municipality.objects.get(code=code)
        agreement = agreement_services.prepare_agreement(municipality=municipality, by=leader)
        agreement.transition(Status.SENT, by=leader)
        agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=leader)
        agreement.start_date = start or timezone.localdate() - datetime.timedelta(days=60)
        agreement.transition(Status.ACTIVE, by=leader)
        if status != Status.ACTIVE:
            agreement.end_date = end
            agreement.transition(status, by=leader)
        return agreement

    return make


@pytest.fixture
def term(users, today):
    return services.create_term(year=today.year, by=users["project_leader"])


@pytest.fixture
def contact():
    """contact("0163") → a new municipal contact of that municipality."""

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
def apply(users):
    """apply(term, "0163") → an application (created as a row: the agreement check is tested
    through services.submit_application on its own)."""

    def make(term, code, *, email=None, name=None):
        municipality = Municipality.objects.get(code=code)
        return Application.objects.create(
            term=term,
            municipality=municipality,
            representative_name=name or f"Representant {municipality.name}",
            representative_role="socialchef",
            representative_email=email or f"rep.{code}@kommun.example.se",
        )

    return make


@pytest.fixture
def chair(term, users):
    return services.add_member(
        term=term,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email=users["steering_member"].email,
        organisation="Stockholms stad",
        by=users["project_leader"],
    )


@pytest.fixture
def schedule(users):
    """schedule(term, when) → a meeting of two hours at ``when`` (an aware datetime)."""

    def make(term: Term, when: datetime.datetime, agenda=("Mötets öppnande", "Uppföljning")):
        return meetings.schedule_meeting(
            term=term,
            starts_at=when,
            ends_at=when + datetime.timedelta(hours=2),
            place="Socialförvaltningen, Swedenborgsgatan 20, Stockholm",
            agenda=list(agenda),
            by=users["project_leader"],
        )

    return make


def local(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())
