"""Finance and a municipal contact with the invoices, in headless Chromium: ekonomi opens the list
and an invoice, downloads its PDF and records a payment; kontakt.taby sees Täby's invoice and
not Nacka's (404)."""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from invoicing.models import Invoice, Payment
from tests.url_cases.invoicing_invoices import TABY, issue_invoice

from .helpers import log_in

NACKA = "0182"

pytestmark = pytest.mark.browser


@pytest.fixture
def issued(site, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return {"taby": issue_invoice(TABY, users), "nacka": issue_invoice(NACKA, users)}


def test_finance_downloads_the_pdf_and_records_a_payment(page: Page, site: str, issued):
    taby = issued["taby"]
    log_in(page, "ekonomi")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Fakturor").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Fakturor")
    expect(page.get_by_role("link", name=issued["nacka"].number)).to_be_visible()
    page.get_by_role("link", name=taby.number, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Faktura {taby.number}")
    expect(page.get_by_text("Så har beloppet beräknats")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"faktura-{taby.number}-taby.pdf"
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == Invoice.objects.get(pk=taby.pk).pdf_sha256

    page.get_by_role("link", name="Registrera betalning").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Registrera betalning")
    page.get_by_label("Betalningsdag").fill("2021-02-01")
    page.get_by_label("Belopp (kr)").fill("10 000")
    page.get_by_label("Anteckning").fill("Bankgirot 2021-02-01")
    page.get_by_role("button", name="Registrera betalningen").click()

    expect(page).to_have_url(f"{site}/fakturering/{taby.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Delbetalning")
    payments = page.get_by_role("table", name="Betalningar")
    expect(payments).to_contain_text("2021-02-01")
    expect(payments).to_contain_text("Bankgirot 2021-02-01")
    assert Payment.objects.get(invoice=taby).amount == 10000


def test_a_municipal_contact_sees_their_invoice_and_not_another_municipalitys(
    page: Page, site: str, issued
):
    taby, nacka = issued["taby"], issued["nacka"]
    log_in(page, "kontakt.taby")
    page.get_by_role("link", name="Fakturor till Täby").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Fakturor")
    expect(page.get_by_role("link", name=taby.number)).to_be_visible()
    expect(page.get_by_text(nacka.number)).to_have_count(0)
    page.get_by_role("link", name=taby.number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Faktura {taby.number}")
    expect(page.get_by_role("link", name="Registrera betalning")).to_have_count(0)

    response = page.goto(f"/fakturering/{nacka.pk}/")
    assert response.status == 404
    response = page.request.get(f"{site}/fakturering/{nacka.pk}/faktura.pdf")
    assert response.status == 404
    expect(page).to_have_url(re.compile(rf"/fakturering/{nacka.pk}/$"))
