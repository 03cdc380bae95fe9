"""The list pages of training do the same number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from training.models import Registration, RegistrationStatus


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(context)


@pytest.fixture
def grow(taby, users, make_session):
    """grow(n) → n more sessions, each with a confirmed and a waiting Täby registration."""
    made = []

    def make(n):
        for _i in range(n):
            session = make_session(capacity=1, days=10 + len(made))
            for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
                Registration.objects.create(
                    session=session,
                    municipality=taby,
                    name=f"Person {len(made)} {status}",
                    email=f"p{len(made)}-{status}@taby.example.se",
                    workplace="Vuxenenheten",
                    registered_by=users["contact_taby"],
                    status=status,
                )
            made.append(session)
        return made

    return make


LIST_PAGES = [
    (role, path)
    for role in ("project_leader", "contact_taby", "steering_member")
    for path in ("/utbildning/", "/utbildning/anmalningar/", "/utbildning/deltagare/", "/")
    # The steering-group member has no registration list (403).
    if (role, path) != ("steering_member", "/utbildning/anmalningar/")
]


@pytest.mark.parametrize(("role", "path"), LIST_PAGES)
def test_list_pages_take_constant_queries(role, path, grow, client_for):
    client = client_for(role)
    grow(2)
    small = count_queries(client, path)
    grow(8)
    assert count_queries(client, path) == small


@pytest.mark.parametrize("role", ["project_leader", "contact_taby"])
def test_a_session_page_takes_constant_queries(role, taby, users, make_session, client_for):
    session = make_session(capacity=1)
    client = client_for(role)

    def add(n):
        start = session.registrations.count()
        for i in range(start, start + n):
            Registration.objects.create(
                session=session,
                municipality=taby,
                name=f"Person {i}",
                email=f"p{i}@taby.example.se",
                workplace="Vuxenenheten",
                status=RegistrationStatus.CONFIRMED if i < 1 else RegistrationStatus.WAITING,
            )

    add(2)
    small = count_queries(client, f"/utbildning/{session.pk}/")
    add(10)
    assert count_queries(client, f"/utbildning/{session.pk}/") == small
