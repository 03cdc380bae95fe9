"""URLs of agreements_paper (see tests/url_cases/__init__.py for the format).

The placeholders are paper agreements for Solna (with a scan) and Sundbyberg (without), so they
do not clash with the agreements other parts create for Täby and Nacka. Neither demo contact
belongs to them, so both contacts get 404; a contact downloading their own municipality's scan is
tested in tests/agreements/test_paper.py.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from agreements import paper

from . import CHANGED, FORBIDDEN, LOGIN, NOT_FOUND, OK, POST_ONLY, PROJECT_LEADER

SCAN_NAME = "agreements/scans/url-cases-solna.pdf"

# Acting on an agreement: city staff who may look but not act get 403; those who may not see it 404.
ATTACH = {
    "project_leader": OK,
    "finance": FORBIDDEN,
    "signatory": FORBIDDEN,
    "contact_taby": NOT_FOUND,
    "contact_nacka": NOT_FOUND,
    "steering_member": NOT_FOUND,
    "anonymous": LOGIN,
}
SEE = {**ATTACH, "finance": OK, "signatory": OK}


def placeholders(users):
    rows, errors = paper.check_table(
        [
            (1, list(paper.COLUMNS)),
            (2, ["0184", "2021-03-01", "2021-02-15", "", ""]),
            (3, ["0183", "2021-01-01", "", "", ""]),
        ],
    )
    assert not errors, errors
    solna, sundbyberg = paper.import_rows(rows, by=users["project_leader"])
    if not default_storage.exists(SCAN_NAME):
        default_storage.save(SCAN_NAME, ContentFile(b"%PDF-1.4\n% url cases\n"))
    solna.scan.name = SCAN_NAME
    solna.save(update_fields=["scan"])
    return {"solna_paper": solna.pk, "sundbyberg_paper": sundbyberg.pk}


CASES = {
    "agreements:paper_import": ("/avtal/papper/importera/", PROJECT_LEADER, PROJECT_LEADER),
    "agreements:paper_confirm": (
        "/avtal/papper/bekrafta/",
        POST_ONLY,
        {**PROJECT_LEADER, "project_leader": CHANGED},
    ),
    "agreements:paper_scan": ("/avtal/papper/{sundbyberg_paper}/skanning/", ATTACH, ATTACH),
    "agreements:paper_scan_download": ("/avtal/papper/{solna_paper}/skanning.pdf", SEE, None),
}
