"""The invoice PDF: what it says, PDF/A, stored once with its SHA-256 and served byte for byte."""

import hashlib
import re
import zlib
from decimal import Decimal
from fractions import Fraction

import pytest

from invoicing import documents, services
from invoicing.models import ImmutableInvoiceError, Invoice
from tests.pdf_text import check_pdf, words
from tests.url_cases.invoicing_invoices import HANINGE, TABY, issue_invoice

from .conftest import D

NBSP = "\u00a0"
TABY_POPULATION, COUNTY_TOTAL = 71_397, 2_344_124
LINES = ("Beskrivning", "Belopp")  # the column headers of the invoice's table


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def kr(amount) -> str:
    return f"{int(amount):,}".replace(",", NBSP) + f"{NBSP}kr"


@pytest.fixture
def taby_2025(pools, users):
    """Täby starts 10 June 2025: 7 twelfths of the 2025 annual amount."""
    return issue_invoice(TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12))


def test_the_html_shows_the_ocr_the_line_of_section_6_and_the_calculation(taby_2025, pools):
    invoice = taby_2025
    pool = pools[2025]
    annual = half_up(Fraction(int(pool)) * TABY_POPULATION / COUNTY_TOTAL)
    amount = half_up(Fraction(annual * 7, 12))
    assert (invoice.annual_amount, invoice.amount) == (annual, amount)

    html = documents.render_invoice_html(invoice)

    assert invoice.ocr in html and invoice.number in html
    assert (
        "Avtal om nyttjande av insatser vid Mikamottagningen, KAST och regionkoordinatorer "
        f"2025: 7/12 av {kr(annual)}" in html
    )
    assert "Så har beloppet beräknats" in html
    formula = f"71{NBSP}397 ÷ 2{NBSP}344{NBSP}124 × {kr(pool)} = {kr(annual)}"
    assert formula in html
    assert f"{kr(annual)} × 7/12 = {kr(amount)}" in html
    assert "31 december 2018" in html  # the population's reference date
    assert "Er referens" in html and "REF-0160" in html  # the buyer's reference, from § 1
    assert "Fakturaskanning" in html  # the billing address from the snapshot
    assert "2025-06-12" in html and "2025-07-12" in html  # invoice date, due date (30 days)


def test_the_seller_vat_and_payment_terms_come_from_settings(taby_2025, settings):
    settings.INVOICE_SELLER_BANKGIRO = "5555-1234"
    settings.INVOICE_SELLER_VAT_NUMBER = "SE212000014201"
    settings.INVOICE_VAT_EXEMPTION_REASON = "Undantaget från moms enligt testet."
    html = documents.render_invoice_html(taby_2025)
    assert "Stockholms stad, Socialförvaltningen" in html
    assert "212000-0142" in html and "SE212000014201" in html
    assert "5555-1234" in html
    assert "Moms 0 %" in html and "Undantaget från moms enligt testet." in html
    assert "30 dagar netto" in html


def test_the_document_is_swedish_whatever_the_reader_chose(taby_2025):
    from django.utils import translation

    with translation.override("en"):
        html = documents.render_invoice_html(taby_2025)
    assert 'lang="sv"' in html and "Förfallodatum" in html


def test_a_credit_note_points_at_the_invoice_with_its_reason_and_asks_for_no_payment(
    taby_2025,
):
    note = services.credit(taby_2025, reason="Force majeure § 10", percent=Decimal("25"))
    html = documents.render_invoice_html(note)
    assert "Kreditfaktura" in html
    assert f"Kreditering av faktura {taby_2025.number}" in html
    assert "Force majeure § 10" in html
    assert f"25{NBSP}% av fakturans belopp" in html
    assert "ska inte betalas" in html
    assert note.ocr not in html  # nothing to pay: no OCR


@pytest.mark.parametrize(
    ("entered", "printed"), [("12.5", "12,5"), ("12.50", "12,5"), ("33.33", "33,33"), ("40", "40")]
)
def test_a_credit_note_prints_the_percentage_as_entered(taby_2025, entered, printed):
    note = services.credit(taby_2025, reason="Delvis levererat", percent=Decimal(entered))
    # The PDF's text, one line with single spaces (words() splits at no-break spaces too).
    text = words(check_pdf(documents.render_invoice_pdf(note), column_headers=[LINES]).text)
    assert f"{printed} % av fakturans belopp" in text
    assert f"({printed} % av " in text  # the calculation box
    assert text.count(" % av ") == 2


@pytest.fixture
def full_seller(settings):
    """The seller block as long as it gets: reference person, e-mail, a bankgiro, and two address
    lines more than the city's, for a line or two more in the seller block ("Vår referens")."""
    settings.INVOICE_SELLER_ADDRESS = (
        "Avdelningen för stöd\nEkonomienheten\nBox 44\n104 20 Stockholm"
    )
    settings.INVOICE_SELLER_BANKGIRO = "5050-1055"
    settings.INVOICE_SELLER_REFERENCE = "Karin Kostnadsdotter-Lindqvist"
    settings.INVOICE_SELLER_EMAIL = "fakturafragor.socialforvaltningen@stockholm.se"


@pytest.mark.parametrize("first_year", [True, False], ids=["first year", "whole year"])
def test_an_ordinary_invoice_is_one_a4_page_with_the_payment_box(
    pools, users, full_seller, first_year
):
    """One page, with Bankgiro, OCR, amount and due date on it."""
    if first_year:  # starts in June: the line and the calculation say "7 av 12"
        invoice = issue_invoice(
            TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12)
        )
    else:
        invoice = issue_invoice(HANINGE, users, year=2026, invoice_date=D(2026, 1, 15))
    found = check_pdf(documents.render_invoice_pdf(invoice), column_headers=[LINES], pages=1)
    page = words(found.pages[0])
    for label, value in (
        ("Bankgiro", "5050-1055"),
        ("OCR-nummer", invoice.ocr),
        ("Belopp", words(documents.money(invoice.amount))),
        ("Förfallodatum", invoice.due_date.isoformat()),
    ):
        assert f"{label} " in page and value in page, label
    assert "Betalning" in page and "Så har beloppet beräknats" in page
    assert "Vår referens" in page and "Karin Kostnadsdotter" in page


def pdf_streams(data: bytes) -> bytes:
    """Every stream of the PDF, inflated where it is compressed, one after the other."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return b"\n".join(out)


def test_the_pdf_is_pdf_a_3a_with_the_invoice_as_title(taby_2025):
    data = documents.render_invoice_pdf(taby_2025)
    assert data.startswith(b"%PDF-")
    metadata = pdf_streams(data)
    assert b'pdfaid:part="3" pdfaid:conformance="A"' in metadata
    assert f"Faktura {taby_2025.number}".encode() in metadata


def test_the_pdf_is_stored_once_and_every_download_serves_the_same_bytes(
    taby_2025, client_for, monkeypatch
):
    invoice = taby_2025
    assert invoice.pdf_sha256 == ""
    client = client_for("finance")
    url = f"/fakturering/{invoice.pk}/faktura.pdf"

    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert "attachment" in first["Content-Disposition"]
    body = first.content
    assert body.startswith(b"%PDF")
    invoice.refresh_from_db()
    assert invoice.pdf_sha256 == hashlib.sha256(body).hexdigest()
    with invoice.pdf.open("rb") as stored:
        assert stored.read() == body

    # From now on nothing is rendered again: the stored bytes are served.
    def refuse(_invoice):
        raise AssertionError("rendered again")

    monkeypatch.setattr(documents, "render_invoice_pdf", refuse)
    second = client_for("contact_taby").get(url)
    assert second.status_code == 200
    assert second.content == body
    assert second["ETag"] == f'"{invoice.pdf_sha256}"'


def test_a_second_store_keeps_the_first_pdf(taby_2025):
    first = documents.ensure_pdf(taby_2025)
    again = documents.store_pdf(Invoice.objects.get(pk=taby_2025.pk), b"%PDF-other bytes")
    assert again == first
    stored = Invoice.objects.get(pk=taby_2025.pk)
    assert stored.pdf_sha256 == hashlib.sha256(first).hexdigest()
    stored.pdf_sha256 = "0" * 64
    with pytest.raises(ImmutableInvoiceError):
        stored.save()


def test_a_stored_pdf_that_no_longer_matches_is_never_served(taby_2025, client_for):
    documents.ensure_pdf(taby_2025)
    invoice = Invoice.objects.get(pk=taby_2025.pk)
    with open(invoice.pdf.path, "ab") as stored:
        stored.write(b"tampered")
    with pytest.raises(documents.StoredPdfMismatch):
        documents.ensure_pdf(invoice)


def test_the_reminder_shows_what_is_left_and_how_long_it_is_overdue(taby_2025):
    services.record_payment(taby_2025, paid_on=D(2025, 7, 1), amount=Decimal("1000"))
    html = documents.render_reminder_html(
        taby_2025,
        today=D(2025, 8, 1),
        paid=Decimal("1000"),
        credited=Decimal("0"),
        balance=taby_2025.amount - 1000,
    )
    assert "Påminnelse" in html
    assert "20 dagar sedan" in html  # due 12 July, today 1 August
    assert kr(taby_2025.amount - 1000) in html
    assert taby_2025.ocr in html
    data = documents.render_reminder_pdf(taby_2025, today=D(2025, 8, 1))
    assert data.startswith(b"%PDF")


def test_amounts_with_ore_are_written_the_swedish_way():
    assert documents.money(Decimal("162053.00")) == f"162{NBSP}053{NBSP}kr"
    assert documents.money(Decimal("1234.5")) == f"1{NBSP}234,50{NBSP}kr"
    assert documents.money(Decimal("-32969")) == f"−32{NBSP}969{NBSP}kr"
    assert documents.money(Decimal("-0.50")) == f"−0,50{NBSP}kr"


def test_a_special_annual_amount_is_explained_without_the_population_key(reference_data, users):
    from municipalities.models import Municipality
    from offers.models import SpecialAnnualAmount

    SpecialAnnualAmount.objects.create(
        municipality=Municipality.objects.get(code="0980"),
        year=2021,
        amount=Decimal("120000"),
        note="Beslut i styrgruppen",
    )
    invoice = issue_invoice("0980", users)
    html = documents.render_invoice_html(invoice)
    assert "ingår inte i befolkningsnyckeln" in html
    assert kr(120000) in html and "Beslut i styrgruppen" in html
    assert "÷" not in html


def test_haninge_and_taby_get_their_own_snapshot(reference_data, users):
    taby, haninge = issue_invoice(TABY, users), issue_invoice(HANINGE, users)
    assert "Täby" in documents.render_invoice_html(taby)
    assert "Haninge" in documents.render_invoice_html(haninge)
    assert documents.pdf_filename(haninge) == f"faktura-{haninge.number}-haninge.pdf"
