"""The login lockout (django-axes) beyond tests/accounts/test_login.py: it ends after the
cool-off, it locks a user name from one address only, and a success clears the count."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings

from tests.conftest import PASSWORD

LOCKED = "Inloggningen är tillfälligt spärrad"


def login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        "/konto/logga-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def lock(client, username, address="10.0.0.1"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, username, "fel-lösenord", address)


def test_the_lock_ends_after_the_cool_off(client, users):
    lock(client, "ekonomi")
    assert LOCKED in login(client, "ekonomi").content.decode()
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - cool_off - datetime.timedelta(1)
    )
    assert login(client, "ekonomi")["Location"] == "/"


def test_the_lock_holds_for_that_address_only(client, users):
    lock(client, "ekonomi", address="10.0.0.1")
    assert login(client, "ekonomi", address="10.0.0.1").status_code == 429
    assert login(client, "ekonomi", address="10.0.0.2")["Location"] == "/"


def test_a_success_before_the_limit_clears_the_count(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "ekonomi", "fel-lösenord")
    assert login(client, "ekonomi")["Location"] == "/"
    client.logout()
    login(client, "ekonomi", "fel-lösenord")  # one failure, not the limit
    assert login(client, "ekonomi")["Location"] == "/"
