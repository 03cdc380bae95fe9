"""Every URL of the project, for every role: the status a user of that role gets.

The table must name every URL pattern of the project (a test below enforces it), so a new page
cannot be added without deciding who may see it. 404 for objects of another municipality is
deliberate: it tells nothing about what exists.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import ROLES

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405
LOGIN = "login-redirect"  # anonymous: 302 to the login page

ALL = dict.fromkeys(ROLES, OK)


def only(*roles, other=FORBIDDEN, anonymous=LOGIN):
    table = dict.fromkeys(ROLES, other)
    table.update(dict.fromkeys(roles, OK))
    table["anonymous"] = anonymous
    return table


LOGGED_IN = only(
    "project_leader", "finance", "signatory", "contact_taby", "contact_nacka", "steering_member"
)
PROJECT_LEADER = only("project_leader")

POST_ONLY = {**dict.fromkeys(ROLES, NOT_ALLOWED), "anonymous": LOGIN}
CHANGED = REDIRECT  # a POST that worked answers with a redirect

# url name → (path, {role: status of GET}, {role: status of an empty POST} or None).
# Paths use Täby (0160) and Nacka (0182); {role} is replaced by that role's user id.
CASES = {
    "home": ("/", LOGGED_IN, None),
    "login": (
        "/konto/logga-in/",
        {**dict.fromkeys(ROLES, REDIRECT), "anonymous": OK},
        {**dict.fromkeys(ROLES, REDIRECT), "anonymous": OK},
    ),
    "logout": (
        "/konto/logga-ut/",
        POST_ONLY,
        {**dict.fromkeys(ROLES, CHANGED), "anonymous": LOGIN},
    ),
    "password_change": ("/konto/losenord/byt/", LOGGED_IN, LOGGED_IN),
    "password_change_done": ("/konto/losenord/byt/klart/", LOGGED_IN, None),
    "password_reset": ("/konto/losenord/aterstall/", ALL, ALL),
    "password_reset_done": ("/konto/losenord/aterstall/skickat/", ALL, None),
    "password_reset_confirm": ("/konto/losenord/aterstall/MQ/bad-token/", ALL, ALL),
    "password_reset_complete": ("/konto/losenord/aterstall/klart/", ALL, None),
    "set_language": ("/sprak/", dict.fromkeys(ROLES, REDIRECT), dict.fromkeys(ROLES, REDIRECT)),
    "accounts:user_list": ("/anvandare/", PROJECT_LEADER, None),
    "accounts:user_create": ("/anvandare/ny/", PROJECT_LEADER, PROJECT_LEADER),
    "accounts:user_edit": ("/anvandare/{contact_nacka}/", PROJECT_LEADER, PROJECT_LEADER),
    "accounts:user_send_reset": (
        "/anvandare/{contact_nacka}/losenordslank/",
        POST_ONLY,
        {**PROJECT_LEADER, "project_leader": CHANGED},
    ),
    "municipalities:list": ("/kommuner/", LOGGED_IN, None),
    "municipalities:detail": ("/kommuner/0182/", {**LOGGED_IN, "contact_taby": NOT_FOUND}, None),
    "municipalities:population_upload": (
        "/kommuner/folkmangd/importera/",
        PROJECT_LEADER,
        PROJECT_LEADER,
    ),
    "municipalities:population_confirm": (
        "/kommuner/folkmangd/bekrafta/",
        POST_ONLY,
        {**PROJECT_LEADER, "project_leader": CHANGED},
    ),
}

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


def test_every_url_is_in_the_table():
    assert project_url_names() - set(CASES) == set(), "add the new URL to CASES"
    assert set(CASES) - project_url_names() == set(), "CASES names a URL that no longer exists"


def check(response, want, label):
    if want == LOGIN:
        assert response.status_code == 302, label
        assert response["Location"].startswith("/konto/logga-in/?next="), label
    else:
        assert response.status_code == want, label


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_get_by_role(name, role, client_for, users):
    path, expected, _post = CASES[name]
    path = path.format(**{r: u.pk for r, u in users.items()})
    check(client_for(role).get(path), expected[role], f"{role} GET {path}")


POST_CASES = sorted(name for name, (_p, _g, post) in CASES.items() if post is not None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", POST_CASES)
def test_post_by_role(name, role, client_for, users):
    """Every URL that changes data, for every role, with an empty form."""
    path, _get, expected = CASES[name]
    path = path.format(**{r: u.pk for r, u in users.items()})
    check(client_for(role).post(path, {}), expected[role], f"{role} POST {path}")


def test_views_without_post_refuse_it(client_for, users):
    """A page that only shows things does not accept a POST from the one who may see it."""
    client = client_for("project_leader")
    for name, (path, _get, post) in CASES.items():
        if post is None:
            path = path.format(**{r: u.pk for r, u in users.items()})
            response = client.post(path, {})
            assert response.status_code in (405, 403), (name, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(role, client_for):
    response = client_for(role).get("/admin/")
    # No demo user is Django staff: the admin sends everyone to its own login.
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "/konto/logga-in/" in response["Location"]
