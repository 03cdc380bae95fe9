"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live_server.

Run them alone with ``pytest tests/browser`` or leave them out with ``-m "not browser"``.
"""

import os

import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role
from agreements.models import Status
from offers.costs import proposal
from offers.pools import set_pool
from tests.agreements.conftest import make_agreement  # noqa: F401  (the shared fixture)
from tests.invoicing.conftest import D

# Playwright's sync API runs an event loop in the main thread; without this Django refuses ORM
# calls from the test's own fixtures there (SynchronousOnlyOperation). Set before live_server.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"  # Debian's package; `playwright install` is never needed


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            # The network is closed: no calls home, no updates, no sync, no QUIC probes.
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The product speaks Swedish; Chromium would otherwise ask for en-US.
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative addresses in page.goto() go to the live server (pytest-playwright's option)."""
    return live_server.url


@pytest.fixture
def site(request, django_db_serialized_rollback, transactional_db, live_server) -> str:
    """The live server's address, with the reference data and one demo user per role.

    live_server makes every test transactional: the database is flushed after each one, and
    that empties the role groups too, which a data migration creates. The serialized rollback
    puts back before each test what the migrations made; the groups are ensured all the same,
    so the demo users can be given their roles however the test database was built. Then the
    shared ``users`` fixture (tests/conftest.py) loads the reference data and the demo users.
    """
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    request.getfixturevalue("users")
    return live_server.url


@pytest.fixture
def taby_in_force(site, make_agreement):  # noqa: F811  (the imported fixture)
    """Pools confirmed for 2022–2025 and Täby's agreement in force since 1 March 2024."""
    for year in range(2022, 2026):
        set_pool(year=year, amount=proposal(year), note="", by=None)
    return make_agreement("0160", status=Status.ACTIVE, start=D(2024, 3, 1))


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, whatever its module says."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here + os.sep):
            item.add_marker(pytest.mark.browser)
