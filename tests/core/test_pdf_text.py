"""Every kind of PDF the product makes is right as text: every column header of every table is
there, and no character lies outside the page (tests/pdf_text.py reads them).

The documents served by a URL are found in the URL × role table (tests/url_cases/), so a new PDF
page must name its tables' headers here; the stand-in files the table's placeholders store are
made by no renderer of ours and are left out. The documents that are stored once (the signed
agreement, the minutes) or made by an action (the credit note) are made here as a user makes them.
"""

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from agreements import services as agreement_services
from agreements import signing
from agreements.documents import document_fingerprint
from agreements.models import Status
from core.pdf import render_pdf
from invoicing import documents as invoice_documents
from invoicing import services as invoicing_services
from municipalities.models import Municipality
from steering_group.documents import render_minutes_pdf
from steering_group.models import Minutes
from tests.core.test_pdf_accessibility import STAND_IN, taby_invoice
from tests.pdf_text import check_pdf, problems, read_pdf
from tests.test_urls_by_role import CASES, fill  # noqa: F401  (fill is the table's fixture)
from tests.url_cases import OK

COST_TABLE = (
    "Parter",
    "Invånare 31 december 2018",
    "Andel invånare i procent av länets totala invånare",
    "Kostnadsfördelning",
)
LINES = ("Beskrivning", "Belopp")

# The column headers of every table of each document a URL serves, in order.
SERVED = {
    "invoicing:invoice_pdf": [LINES],
    "invoicing:reminder_pdf": [LINES],
    "invoicing:cost_table_pdf": [COST_TABLE],
    "invoicing:offer_cost_table_pdf": [COST_TABLE],
    "agreements:residents_letter": [("Verksamhet", "Antal personer")],
    "agreements:quote": [("Faktura", "Underlag", "Belopp"), COST_TABLE],
    "followup:report_pdf": [
        (
            "Kommun",
            "Invånare 2018",
            "Stödda individer",
            "Kontakter",
            "Konsultationer",
            "Utbildningsdeltagare",
            "Kostnad för perioden",
            "Kostnad per invånare",
            "Kostnad per stödd individ",
        ),
        (
            "Kommun",
            "Verksamhet",
            "Stödda individer",
            "Kontakter",
            "Konsultationer",
            "Utbildningsdeltagare",
        ),
    ],
}

PDF_URLS = sorted(
    name for name, (path, _g, _p) in CASES.items() if urlsplit(path).path.endswith(".pdf")
)


def served(name, client_for, fill) -> bytes:  # noqa: F811
    path, get, _post = CASES[name]
    role = next(role for role, status in get.items() if status == OK)
    response = client_for(role).get(fill(path))
    assert response.status_code == 200, name
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_every_cost_table_cell(found) -> None:
    """Each row of the Bilaga has its name, inhabitants, share in % and amount in kr, on the page."""
    tables = [t for t in found.tables if t.column_headers == COST_TABLE]
    assert tables, "no cost table"
    rows = [row for table in tables for row in table.rows if row not in table.header_rows]
    assert len(rows) >= 27  # 26 municipalities of the cost base and the sum
    for row in rows:
        name, population, share, amount = (cell.text for cell in row)
        assert name and population.replace("\u00a0", "").replace(" ", "").isdigit(), row
        assert share.endswith("%") and amount.endswith("kr"), row


@pytest.mark.parametrize("name", PDF_URLS)
def test_every_served_pdf_has_every_column_header_and_nothing_off_the_page(
    name,
    client_for,
    fill,  # noqa: F811
):
    data = served(name, client_for, fill)
    if STAND_IN in data[:64]:
        return
    assert name in SERVED, f"name the column headers of {name}'s tables in SERVED"
    found = check_pdf(data, column_headers=SERVED[name])
    if COST_TABLE in SERVED[name]:
        assert_every_cost_table_cell(found)


def test_the_credit_note_has_every_column_header_and_nothing_off_the_page(fill):  # noqa: F811
    fill("")
    note = invoicing_services.credit(taby_invoice(), reason="Fel belopp", percent=Decimal("12.5"))
    check_pdf(invoice_documents.render_invoice_pdf(note), column_headers=[LINES], pages=1)


def test_the_minutes_have_nothing_off_the_page(fill):  # noqa: F811
    fill("")
    minutes = Minutes.objects.exclude(locked_at=None).get()
    found = check_pdf(render_minutes_pdf(minutes), column_headers=[])
    assert "Protokoll från styrgruppens möte" in found.text


@pytest.mark.django_db
def test_the_signed_agreement_carries_every_cell_of_its_bilaga(users):
    """Signed by both parties as they do it; the stored PDF is what both keep."""
    by = users["project_leader"]
    with time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC)):
        agreement = agreement_services.prepare_agreement(
            municipality=Municipality.objects.get(code="0182"), by=by
        )
        agreement.transition(Status.SENT, by=by)
        agreement = signing.save_details(
            agreement,
            org_number="2120000167",
            department="Socialtjänsten",
            contact_person="Nils Nackasson",
            contact_details="08-718 80 00, nils.nackasson@nacka.se",
            postal_address="Nacka kommun\n131 81 Nacka",
            invoicing_address="Nacka kommun\nFakturor\n131 81 Nacka",
        )
        fingerprint = document_fingerprint(agreement)
        for party, user, name in (
            (signing.sign_for_municipality, users["contact_nacka"], "Nils Nackasson"),
            (signing.countersign, users["signatory"], "Sara Direktörsdotter"),
        ):
            agreement.refresh_from_db()
            party(
                agreement,
                user=user,
                full_name=name,
                title="Chef",
                fingerprint=fingerprint,
                ip_address="192.0.2.1",
                user_agent="test",
            )
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    found = check_pdf(agreement.pdf.read(), column_headers=[COST_TABLE])
    assert_every_cost_table_cell(found)
    assert "Årlig kostnad för Nacka" in found.text
    assert (
        timezone.localdate(agreement.signatures.get(party="stockholms_stad").signed_at).year == 2026
    )


# --- The checks themselves can fail ---------------------------------------------------------------

TOO_WIDE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{{ pdf_title }}</title>
</head><body><table><thead><tr>
{% for h in headers %}<th scope="col" class="num">{{ h }}</th>{% endfor %}
</tr></thead><tbody><tr>{% for h in headers %}<td class="num">12 345 678 kr</td>{% endfor %}</tr>
</tbody></table></body></html>"""


@pytest.fixture
def test_templates(settings, tmp_path):
    """A template folder of this test's own, searched before the project's."""
    folder = tmp_path / "templates"
    (folder / "tests").mkdir(parents=True)
    settings.TEMPLATES = [
        {**django_settings.TEMPLATES[0], "DIRS": [folder, *django_settings.TEMPLATES[0]["DIRS"]]}
    ]
    return folder / "tests"


def test_a_table_too_wide_for_the_page_is_reported(test_templates):
    (test_templates / "too_wide.html").write_text(TOO_WIDE, encoding="utf-8")
    headers = [f"Kolumn{n}" for n in range(1, 9)]
    data = render_pdf("tests/too_wide.html", {"headers": headers}, title="För bred")

    found = read_pdf(data)
    assert found.off_page  # the last columns lie beyond the right edge of A4
    assert all("page 1" in line for line in found.off_page)
    wrong = problems(found, column_headers=[headers])
    assert any("outside the page" in line for line in wrong)
    assert any("a table cell shows" in line for line in wrong)
    assert any("column headers are" in line for line in wrong)  # the last headers are cut
    with pytest.raises(AssertionError, match="outside the page"):
        check_pdf(data)


def test_a_table_that_fits_passes(test_templates):
    (test_templates / "too_wide.html").write_text(TOO_WIDE, encoding="utf-8")
    headers = ["Kolumn1", "Kolumn2", "Kolumn3"]
    data = render_pdf("tests/too_wide.html", {"headers": headers}, title="Lagom")
    found = check_pdf(data, column_headers=[headers], pages=1)
    assert found.tables[0].rows[1][2].text == "12 345 678 kr"
