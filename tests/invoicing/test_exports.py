"""The register as XLSX (one row per invoice, the right numbers) and the ZIP of a year's PDFs."""

import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from invoicing import exports, services
from invoicing.models import Invoice
from tests.url_cases.invoicing_invoices import HANINGE, TABY, issue_invoice

from .conftest import D

EKERO = "0125"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year_2025(pools, users):
    """Täby (7 twelfths, partly paid, a quarter credited), Haninge (paid) and Nacka (unpaid) for
    2025, and an Ekerö invoice for 2021 that the 2025 exports must leave out."""
    old = issue_invoice(EKERO, users, year=2021)
    services.record_payment(old, paid_on=D(2021, 2, 1), amount=old.amount)
    # In date order: invoice dates never go backwards within a number series.
    haninge = issue_invoice(HANINGE, users, year=2025, invoice_date=D(2025, 1, 15))
    nacka = issue_invoice("0182", users, year=2025, invoice_date=D(2025, 1, 15))
    taby = issue_invoice(TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12))
    services.record_payment(taby, paid_on=D(2025, 7, 1), amount=Decimal("10000.50"))
    note = services.credit(
        taby, reason="Force majeure", percent=Decimal("25"), invoice_date=D(2025, 9, 1)
    )
    services.record_payment(haninge, paid_on=D(2025, 2, 1), amount=haninge.amount)
    return {"taby": taby, "haninge": haninge, "nacka": nacka, "note": note, "old": old}


def sheet_rows(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    return sheet, header, [dict(zip(header, row, strict=True)) for row in body]


def test_the_register_of_a_year_has_one_row_per_invoice_with_the_right_numbers(
    year_2025, client_for
):
    response = client_for("finance").get("/fakturering/register.xlsx?ar=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="fakturaregister-2025.xlsx"' in response["Content-Disposition"]

    sheet, header, rows = sheet_rows(response.content)
    assert len(header) == len(exports.COLUMNS)
    by_number = {row["Fakturanummer"]: row for row in rows}
    inv = year_2025
    assert set(by_number) == {
        inv[k].number for k in ("taby", "haninge", "nacka", "note")
    }  # one row per invoice of 2025, credit note included, 2021 left out
    taby = by_number[inv["taby"].number]
    assert taby["Kommun"] == "Täby" and taby["Kommunkod"] == "0160"
    assert taby["Tolftedelar"] == 7
    assert Decimal(str(taby["Belopp"])) == inv["taby"].amount
    assert Decimal(str(taby["Årsbelopp"])) == inv["taby"].annual_amount
    assert Decimal(str(taby["Betalt"])) == Decimal("10000.50")
    assert Decimal(str(taby["Krediterat"])) == inv["note"].amount
    assert Decimal(str(taby["Återstår"])) == (
        inv["taby"].amount + inv["note"].amount - Decimal("10000.50")
    )
    assert taby["OCR-nummer"] == inv["taby"].ocr
    assert taby["Er referens"] == "REF-0160"
    assert taby["Folkmängd"] == 71_397 and taby["Länets folkmängd"] == 2_344_124
    assert taby["Fakturadatum"].date() == D(2025, 6, 12)
    assert taby["Förfallodatum"].date() == D(2025, 7, 12)
    assert taby["Senaste betalning"].date() == D(2025, 7, 1)
    note = by_number[inv["note"].number]
    assert note["Krediterar faktura"] == inv["taby"].number
    assert note["Skäl till kreditering"] == "Force majeure"
    assert Decimal(str(note["Belopp"])) == inv["note"].amount < 0
    assert by_number[inv["haninge"].number]["Status"] == "betald"
    # Swedish formats: thousands grouped, kronor, ISO dates.
    body = sheet.iter_rows(min_row=2, max_row=2)
    first = next(body)
    formats = {header[i]: cell.number_format for i, cell in enumerate(first)}
    assert formats["Belopp"] == exports.MONEY_FORMAT
    assert formats["Fakturadatum"] == exports.DATE_FORMAT
    assert formats["Folkmängd"] == exports.INTEGER_FORMAT


def test_the_register_follows_the_lists_filters_and_has_every_year_without_one(
    year_2025, client_for
):
    client = client_for("finance")
    _, _, rows = sheet_rows(client.get("/fakturering/register.xlsx").content)
    assert len(rows) == 5  # both years
    _, _, rows = sheet_rows(client.get("/fakturering/register.xlsx?ar=2025&kommun=0136").content)
    assert [row["Kommun"] for row in rows] == ["Haninge"]


def test_text_from_a_municipality_never_becomes_a_formula(pools, users):
    issue_invoice(TABY, users, year=2025, buyer_reference='=HYPERLINK("http://x","y")')
    _, _, rows = sheet_rows(exports.register_xlsx_bytes(2025))
    assert rows[0]["Er referens"] == '=HYPERLINK("http://x","y")'
    workbook = load_workbook(io.BytesIO(exports.register_xlsx_bytes(2025)))
    cell = workbook.worksheets[0]["J2"]
    assert cell.data_type == "s"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_zip_holds_one_stored_pdf_per_invoice_of_the_year(year_2025, workers):
    inv = year_2025
    from invoicing import documents

    documents.ensure_pdf(inv["haninge"])  # one already stored: the ZIP must hold those bytes
    stored_before = Invoice.objects.get(pk=inv["haninge"].pk).pdf_sha256

    data = exports.year_pdf_zip_bytes(2025, workers=workers)

    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    expected = Invoice.objects.filter(year=2025).order_by("series_year", "series_number")
    assert len(names) == 4 == expected.count()
    for invoice, name in zip(expected, names, strict=True):
        body = archive.read(name)
        assert body.startswith(b"%PDF")
        assert name == documents.pdf_filename(invoice)
        assert hashlib.sha256(body).hexdigest() == invoice.pdf_sha256  # stored, and the same
    assert Invoice.objects.get(pk=inv["haninge"].pk).pdf_sha256 == stored_before
    assert not any(inv["old"].number in name for name in names)


def test_the_zip_page_answers_with_the_file(year_2025, client_for):
    response = client_for("finance").get("/fakturering/2025/fakturor.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 4
    assert client_for("finance").get("/fakturering/2019/fakturor.zip").status_code == 404
    assert client_for("project_leader").get("/fakturering/2025/fakturor.zip").status_code == 403
