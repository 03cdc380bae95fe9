"""Every document the product makes is a tagged PDF that a screen reader can use: PDF/A-3a (the
accessible level of PDF/A, which WeasyPrint offers; it cannot combine PDF/UA with PDF/A), marked
as tagged with a structure tree, its language set, and its title in the document information and
the XMP metadata, shown by readers instead of the file name.

The documents served by a URL are found in the URL × role table (tests/url_cases/), so a new PDF
page is checked as soon as it is there; the stand-in files that the table's placeholders store
(scans, papers, stored documents) are made by no renderer of ours and are left out. Documents that
are stored once (signed agreement, minutes) or made by an action (credit note) are rendered here.
"""

import io
import re
from decimal import Decimal
from urllib.parse import urlsplit

from pypdf import PdfReader

from agreements.documents import pdf_title, render_agreement_pdf
from agreements.models import Agreement
from invoicing import documents as invoice_documents
from invoicing import services as invoicing_services
from invoicing.models import Invoice
from steering_group.documents import minutes_title, render_minutes_pdf
from steering_group.models import Minutes
from tests.test_urls_by_role import CASES, fill  # noqa: F401  (fill is the table's fixture)
from tests.url_cases import OK

STAND_IN = b"% url cases"  # what the placeholders store instead of a real document

# The title a reader sees, for the documents served by a URL (the placeholders' objects).
TITLES = {
    "invoicing:invoice_pdf": lambda: invoice_documents.invoice_title(taby_invoice()),
    "invoicing:reminder_pdf": lambda: re.compile(r"^Påminnelse om faktura \d{4}-\d{4}$"),
    "invoicing:cost_table_pdf": lambda: "Kostnadsfördelning 2025",
    "agreements:residents_letter": lambda: "Invånare från Vallentuna som mötts av verksamheterna",
    "agreements:quote": lambda: "Offert till Täby",
}


def taby_invoice() -> Invoice:
    return Invoice.objects.filter(municipality__code="0160", credited_invoice=None).latest("pk")


def accessibility(data: bytes) -> dict:
    """What a PDF tells assistive technology about itself."""
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    metadata = catalog["/Metadata"].get_object().get_data()
    return {
        "lang": str(catalog.get("/Lang", "")),
        "marked": bool(catalog.get("/MarkInfo", {}).get("/Marked")),
        "structure_tree": "/StructTreeRoot" in catalog,
        "shows_title": bool(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "pdf_a_3a": b'pdfaid:part="3"' in metadata and b'pdfaid:conformance="A"' in metadata,
        "title": str((reader.metadata or {}).get("/Title", "")),
        "xmp_title": (xmp.dc_title or {}).get("x-default", "") if xmp else "",
    }


def assert_accessible(data: bytes, title, label: str) -> None:
    found = accessibility(data)
    expected = {
        "lang": "sv",
        "marked": True,
        "structure_tree": True,
        "shows_title": True,
        "pdf_a_3a": True,
    }
    assert {key: found[key] for key in expected} == expected, label
    if title is None:  # a document this test does not know: it has a title all the same
        assert found["title"].strip(), label
    elif isinstance(title, re.Pattern):
        assert title.match(found["title"]), (label, found["title"])
    else:
        assert found["title"] == title, label
    assert found["xmp_title"] == found["title"], label


def test_every_pdf_a_page_serves_is_tagged_with_language_and_title(client_for, fill):  # noqa: F811
    checked = set()
    for name, (path, get, _post) in sorted(CASES.items()):
        if not urlsplit(path).path.endswith(".pdf"):
            continue
        role = next(role for role, status in get.items() if status == OK)
        response = client_for(role).get(fill(path))
        assert response.status_code == 200, name
        data = b"".join(response.streaming_content) if response.streaming else response.content
        if STAND_IN in data[:64]:
            continue
        assert_accessible(data, TITLES[name]() if name in TITLES else None, name)
        checked.add(name)
    assert set(TITLES) <= checked, "a document of the table was not checked"


def test_credit_notes_signed_agreements_and_minutes_are_tagged_with_language_and_title(
    fill,  # noqa: F811
):
    fill("")  # the placeholders' objects
    invoice = taby_invoice()
    note = invoicing_services.credit(invoice, reason="Fel belopp", percent=Decimal("100"))
    assert_accessible(
        invoice_documents.render_invoice_pdf(note), invoice_documents.invoice_title(note), "credit"
    )

    agreement = Agreement.objects.filter(municipality__code="0120").get()  # Värmdö, in force
    assert_accessible(render_agreement_pdf(agreement), pdf_title(agreement), "agreement")

    minutes = Minutes.objects.exclude(locked_at=None).get()
    assert_accessible(render_minutes_pdf(minutes), minutes_title(minutes), "minutes")
