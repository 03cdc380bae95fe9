"""Every URL of the project, for every role: the status a user of that role gets.

The table must name every URL pattern of the project (a test below enforces it), so a new page
cannot be added without deciding who may see it. 404 for objects of another municipality is
deliberate: it tells nothing about what exists.
"""

import importlib
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.demo import load_demo_users
from accounts.models import User
from agreements.demo import fill_demo_city_contacts

from . import url_cases
from .conftest import ROLE_USERS, ROLES
from .url_cases import LOGIN, OK

# The Django admin is its own world (staff only); it is covered by a test of its own below.
EXCLUDED_PREFIXES = ("admin:",)


def project_url_names():
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(namespace + p.name)

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith(EXCLUDED_PREFIXES)}


def load_cases():
    cases, setups = {}, []
    for name in url_cases.MODULES:
        module = importlib.import_module(f"tests.url_cases.{name}")
        overlap = set(cases) & set(module.CASES)
        assert not overlap, f"{name} repeats {overlap}"
        cases.update(module.CASES)
        if hasattr(module, "placeholders"):
            setups.append(module.placeholders)
    return cases, setups


CASES, SETUPS = load_cases()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The reference data, the users and every object the table's paths name, made once for the
    module (as the conftest's reference_data and users fixtures and each module's placeholders
    make them) in a transaction rolled back at its end. Each test runs in a savepoint inside it
    and rolls back to it, as Django's TestCase.setUpTestData does: every test sees the same
    database, without making it again (which cost a second a test)."""
    media = tmp_path_factory.mktemp("url-cases-media")
    atomic = transaction.atomic()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic.__enter__()
        try:
            call_command("load_reference_data", stdout=io.StringIO())
            fill_demo_city_contacts()
            by_name = {u.username: u for u in load_demo_users()}
            users = {role: by_name[username] for role, username in ROLE_USERS.items()}
            values = {role: user.pk for role, user in users.items()}
            for setup in SETUPS:
                values.update(setup(users))
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield SimpleNamespace(media=media, values=values)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def media_root(settings, world):
    """The documents the world's objects stored (PDFs) stay where they were stored."""
    settings.MEDIA_ROOT = world.media
    return settings.MEDIA_ROOT


@pytest.fixture
def users(world, db) -> dict[str, User]:
    """The world's users, read afresh for each test (a test may change one in memory)."""
    by_name = {u.username: u for u in User.objects.filter(username__in=ROLE_USERS.values())}
    return {role: by_name[username] for role, username in ROLE_USERS.items()}


@pytest.fixture
def path_for(world, db):
    """Turns a path with {placeholders} into a real one, naming the world's objects."""
    return lambda path: path.format(**world.values)


@pytest.fixture
def fill(users):
    """The same for a test of another module (the PDF sweeps import it): the objects are made
    for that test alone."""
    values = {role: user.pk for role, user in users.items()}
    for setup in SETUPS:
        values.update(setup(users))
    return lambda path: path.format(**values)


def check(response, want, label):
    if want == LOGIN:
        assert response.status_code == 302, label
        assert response["Location"].startswith("/konto/logga-in/?next="), label
    else:
        assert response.status_code == want, label


def test_every_url_is_in_the_table():
    assert project_url_names() - set(CASES) == set(), "add the new URL to tests/url_cases/"
    assert set(CASES) - project_url_names() == set(), "CASES names a URL that no longer exists"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_get_by_role(name, role, client_for, path_for):
    path, expected, _post = CASES[name]
    path = path_for(path)
    check(client_for(role).get(path), expected[role], f"{role} GET {path}")


POST_CASES = sorted(name for name, (_p, _g, post) in CASES.items() if post is not None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", POST_CASES)
def test_post_by_role(name, role, client_for, path_for):
    """Every URL that changes data, for every role, with an empty form."""
    path, _get, expected = CASES[name]
    path = path_for(path)
    check(client_for(role).post(path, {}), expected[role], f"{role} POST {path}")


def test_views_without_post_refuse_it(client_for, path_for):
    """A page that only shows things does not accept a POST, even from one who may see it."""
    client = client_for("project_leader")
    for name, (path, get, post) in CASES.items():
        if post is None and get["project_leader"] == OK:
            response = client.post(path_for(path), {})
            assert response.status_code == 405, (name, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(role, client_for):
    response = client_for(role).get("/admin/")
    # No demo user is Django staff: the admin sends everyone to its own login.
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
