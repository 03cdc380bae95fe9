"""The vocabulary of the URL × role table, and the list of its parts.

Each module here names the URLs of one part of the product in ``CASES``:
``url name → (path, {role: status of GET}, {role: status of an empty POST} or None)``.
A path may hold ``{placeholders}``: a role name gives that user's id, and a module may define
``placeholders(users) -> dict`` to create the objects its paths need (e.g. Nacka's agreement).
"""

from tests.conftest import ROLES

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

MODULES = [
    "foundation",
    "offers",
    "agreements_signing",
    "agreements_paper",
    "agreements_pipeline",
    "agreements_templates",
    "invoicing_invoices",
    "invoicing_costs",
    "steering_group",
    "training",
    "followup",
    "audit",
    "outbox",
    "privacy",
    "accessibility",
]
