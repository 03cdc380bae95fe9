"""Two registrations at the same moment cannot both take the last place: every change of a
session's places first locks the session's row. SQLite has no row locks (it writes one
transaction at a time), so these run on PostgreSQL, as CI does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from training import services

pytestmark = pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="the database has no row locks"
)


def locks_the_session(queries) -> bool:
    return any(
        q["sql"].lstrip().upper().startswith("SELECT")
        and 'FROM "training_trainingsession"' in q["sql"]
        and "FOR UPDATE" in q["sql"]
        for q in queries
    )


def test_registering_locks_the_session_before_counting_places(taby, make_session, register):
    session = make_session(capacity=1)
    with CaptureQueriesContext(connection) as context:
        register(session, "Anna")
    assert locks_the_session(context.captured_queries)


def test_cancelling_locks_the_session_before_moving_the_waiting_list_up(
    taby, users, make_session, register
):
    session = make_session(capacity=1)
    anna = register(session, "Anna")
    register(session, "Bo")
    with CaptureQueriesContext(connection) as context:
        services.cancel_registration(registration=anna, by=users["contact_taby"])
    assert locks_the_session(context.captured_queries)
