"""With the database unavailable, every page answers a friendly Swedish 503 with Retry-After,
not a traceback: for an anonymous visitor and for a logged-in user.

Two ways to lose the database: in this process, every cursor the connection opens raises
OperationalError (as psycopg and sqlite3 do when the server goes away); and, in a fresh process,
settings that point at a PostgreSQL port where nothing listens and at an SQLite file in a folder
that does not exist, so Django cannot even connect.
"""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from core.errors import is_database_unavailable

FRIENDLY = "kommunavtal är tillfälligt otillgängligt"
TRACES = ("Traceback", "OperationalError", "Server Error (500)", 'File "')


def assert_friendly_503(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert FRIENDLY in html and "Försök igen om en stund" in html
    assert response["Retry-After"] == "30"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    for trace in TRACES:
        assert trace not in html


def database_gone():
    return mock.patch.object(
        connection, "cursor", side_effect=OperationalError("server closed the connection")
    )


@pytest.fixture
def client_without_traceback():
    """The test client re-raises view exceptions by default; a browser sees the response."""
    return Client(raise_request_exception=False)


def test_a_logged_in_user_gets_the_friendly_page(client_without_traceback, users):
    client = client_without_traceback
    client.force_login(users["finance"])
    assert client.get("/").status_code == 200
    with database_gone():
        for path in ["/", "/fakturering/", "/kommuner/0160/", "/finns-inte/"]:
            assert_friendly_503(client.get(path))
        assert_friendly_503(client.post("/konto/logga-ut/"))


def test_an_anonymous_visitor_gets_the_friendly_page(client_without_traceback, users):
    client = client_without_traceback
    with database_gone():
        assert_friendly_503(
            client.post("/konto/logga-in/", {"username": "ekonomi", "password": "kommunavtal-demo"})
        )
        assert_friendly_503(client.post("/avtal/verifiera/", {"fingerprint": "0" * 64}))


def test_other_errors_stay_a_plain_500(client_without_traceback, users, monkeypatch):
    client = client_without_traceback
    client.force_login(users["finance"])
    monkeypatch.setattr("config.views.render", mock.Mock(side_effect=ValueError("bug")))
    response = client.get("/")
    assert response.status_code == 500
    assert FRIENDLY not in response.content.decode()


def test_a_lost_database_is_recognised_behind_other_exceptions():
    try:
        try:
            raise OperationalError("could not connect to server")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as outer:
        assert is_database_unavailable(outer)
    assert not is_database_unavailable(ValueError("no"))
    assert not is_database_unavailable(None)


CHILD = r"""
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.conf import settings
from django.test import Client

client = Client(raise_request_exception=False)
login = client.post("/konto/logga-in/", {"username": "ekonomi", "password": "x"})
client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key-of-a-logged-in-user"
home = client.get("/")
for response in (login, home):
    print(response.status_code, response.get("Retry-After"), response.content.decode().count(
        "kommunavtal är tillfälligt otillgängligt"), "Traceback" in response.content.decode())
"""


@pytest.mark.parametrize(
    "database_url",
    [
        "postgres://kommunavtal:x@127.0.0.1:9/kommunavtal",  # nothing listens on port 9
        "sqlite:////nonexistent-folder-kommunavtal/db.sqlite3",
    ],
    ids=["postgresql-refused", "sqlite-unopenable"],
)
def test_a_database_that_cannot_be_reached_at_all(database_url):
    environment = {**os.environ, "DATABASE_URL": database_url}
    environment["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["503 30 1 False", "503 30 1 False"]
    # The operators still get the traceback, in the log.
    assert "OperationalError" in result.stderr
