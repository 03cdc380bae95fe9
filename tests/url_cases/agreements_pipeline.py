"""URLs of agreements_pipeline (see tests/url_cases/__init__.py for the format).

Project leader only; every other role gets 403 before anything is looked up. Täby (0160) and
Vallentuna (0115) have no agreement in the reference data, so the letter is theirs to get.
"""

from . import LOGIN, NOT_ALLOWED, PROJECT_LEADER, ROLES

BAD_REQUEST = 400

# A page that only shows things refuses a POST (405) from every logged-in role.
GET_ONLY = {**dict.fromkeys(ROLES, NOT_ALLOWED), "anonymous": LOGIN}

CASES = {
    "agreements:pipeline": ("/avtal/anslutning/", PROJECT_LEADER, GET_ONLY),
    # An empty POST names no form: 400 for the project leader, 403 for everyone else.
    "agreements:pipeline_detail": (
        "/avtal/anslutning/0160/",
        PROJECT_LEADER,
        {**PROJECT_LEADER, "project_leader": BAD_REQUEST},
    ),
    "agreements:residents_letter": ("/avtal/anslutning/0115/brev.pdf", PROJECT_LEADER, GET_ONLY),
    "agreements:quote_form": ("/avtal/anslutning/0160/offert/", PROJECT_LEADER, GET_ONLY),
    "agreements:quote": (
        "/avtal/anslutning/0160/offert.pdf?datum=2026-06-10",
        PROJECT_LEADER,
        GET_ONLY,
    ),
}
