"""The personal-data page: the project leader's alone (everyone else 403)."""

from . import FORBIDDEN, LOGIN, PROJECT_LEADER, REDIRECT, ROLES

# An empty POST names nobody: back to the search. Other roles are refused before anything.
ERASE_POST = {**dict.fromkeys(ROLES, FORBIDDEN), "project_leader": REDIRECT, "anonymous": LOGIN}

CASES = {
    "privacy:person": (
        "/personuppgifter/?email=kontakt.taby%40demo.kommunavtal.se",
        PROJECT_LEADER,
        None,
    ),
    "privacy:erase": (
        "/personuppgifter/radera/?email=nobody%40example.se",
        PROJECT_LEADER,
        ERASE_POST,
    ),
}
