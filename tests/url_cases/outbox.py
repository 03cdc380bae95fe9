"""URLs of the outbox of mails (see tests/url_cases/__init__.py for the format): the project
leader's alone, as the history is."""

from tests.conftest import ROLES

from . import CHANGED, FORBIDDEN, LOGIN, POST_ONLY, PROJECT_LEADER

CASES = {
    "outbox": ("/utkorg/", PROJECT_LEADER, None),
    "outbox_retry": (
        "/utkorg/skicka-igen/",
        POST_ONLY,
        {**dict.fromkeys(ROLES, FORBIDDEN), "project_leader": CHANGED, "anonymous": LOGIN},
    ),
}
