"""Shared fixtures: the reference data and one user per role."""

import io
import os

import pytest
import time_machine
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, load_demo_users
from accounts.models import User
from agreements.demo import fill_demo_city_contacts
from tests.clock import moment

PASSWORD = DEMO_PASSWORD

# Role fixture name → demo user name. "anonymous" is no user at all.
ROLE_USERS = {
    "project_leader": "projektledare",
    "finance": "ekonomi",
    "signatory": "socialdirektor",
    "contact_taby": "kontakt.taby",
    "contact_nacka": "kontakt.nacka",
    "steering_member": "styrgrupp",
}
ROLES = [*ROLE_USERS, "anonymous"]

# CI runs the suite a second and a third time with the clock set to an awkward day (the last days
# of a year, 29 February of a leap year): KOMMUNAVTAL_TEST_TODAY=2027-12-31 moves the whole run to
# noon of that day in Stockholm, and the clock ticks on from there. A test that needs a date of its
# own sets it with tests.clock.on, which nests inside this one.
TEST_TODAY = os.environ.get("KOMMUNAVTAL_TEST_TODAY", "").strip()
_clock = None


def pytest_configure(config):
    global _clock
    if TEST_TODAY:
        _clock = time_machine.travel(moment(TEST_TODAY, hour=12), tick=True)
        _clock.start()


def pytest_unconfigure(config):
    if _clock is not None:
        _clock.stop()


def pytest_report_header(config):
    if TEST_TODAY:
        return f"clock set to {TEST_TODAY} 12:00 Europe/Stockholm (KOMMUNAVTAL_TEST_TODAY)"
    return None


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Documents a test stores (PDFs, scans, papers) go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reference_data(db):
    """The reference data, with Stockholm city's contact persons of each agreement version filled
    in as the demo does (the reference data leaves them to the project leader), so that agreements
    can be sent and signed."""
    call_command("load_reference_data", stdout=io.StringIO())
    fill_demo_city_contacts()


@pytest.fixture
def users(reference_data) -> dict[str, User]:
    """One user per role, keyed as in ROLE_USERS, with the demo password."""
    by_name = {u.username: u for u in load_demo_users()}
    return {role: by_name[username] for role, username in ROLE_USERS.items()}


@pytest.fixture
def client_for(client, users):
    """client_for("contact_taby") → a test client logged in as that role (or anonymous)."""

    def make(role: str):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return make
