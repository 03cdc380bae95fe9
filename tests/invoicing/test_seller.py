"""The seller block (issue 12, point 2): nothing is issued or mailed with an invalid Bankgiro,
finance sets the block in the product (with audit history), and the invoice and the reminder
name the seller's reference person."""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from invoicing import documents, notifications, services
from invoicing.models import Invoice
from invoicing.seller import current_seller
from tests.url_cases.invoicing_invoices import TABY, issue_invoice

from .conftest import D

SELLER = "/fakturering/saljare/"
RUN = "/fakturering/kostnader/korning/"
VALID = {
    "bankgiro": "5555-1238",
    "reference_name": "Eva Ekonom",
    "reference_phone": "08-508 000 00",
    "reference_email": "eva.ekonom@stockholm.se",
    "address": "Box 44\n104 20 Stockholm",
    "email": "fakturor@stockholm.se",
}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_run_is_refused_while_the_bankgiro_is_the_placeholder(
    settings, pools, active, client_for
):
    settings.INVOICE_SELLER_BANKGIRO = "000-0000"
    agreement = active(TABY, D(2025, 6, 10))
    page = client_for("finance").get(RUN, {"ar": 2025, "fakturadatum": "2025-06-12"})
    html = page.content.decode()
    assert "000-0000 är inte ett giltigt bankgironummer" in html
    assert "korning/utfarda/" not in html  # no button to issue

    plan = services.plan_run(2025, invoice_date=D(2025, 6, 12))
    assert plan.planned == [] and any("bankgironummer" in e for e in plan.errors)
    settings.INVOICE_SELLER_BANKGIRO = "5050-1055"
    (planned,) = services.plan_run(2025, invoice_date=D(2025, 6, 12)).planned
    settings.INVOICE_SELLER_BANKGIRO = "5050-1056"  # a wrong check digit
    with pytest.raises(Exception, match="bankgironummer"):
        services.issue(planned)
    assert not Invoice.objects.filter(agreement=agreement).exists()


def test_an_invoice_is_not_mailed_with_an_invalid_bankgiro(settings, pools, users):
    users["contact_taby"].email = "kontakt@taby.se"
    users["contact_taby"].save()
    invoice = issue_invoice(
        TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12)
    )
    mail.outbox.clear()
    settings.INVOICE_SELLER_BANKGIRO = "000-0000"
    assert notifications.send_issued(invoice.pk) == 0
    assert mail.outbox == []


def test_finance_sets_the_seller_block_with_history_and_the_documents_use_it(
    settings, pools, users, client_for
):
    settings.INVOICE_SELLER_BANKGIRO = "000-0000"
    finance = client_for("finance")
    page = finance.get(SELLER)
    assert page.status_code == 200
    assert "000-0000" in page.content.decode()  # the environment's value is the default

    refused = finance.post(SELLER, {**VALID, "bankgiro": "5555-1234"})
    assert refused.status_code == 200
    assert "inte ett giltigt bankgironummer" in refused.content.decode()
    assert current_seller().bankgiro == "000-0000"

    saved = finance.post(SELLER, VALID, follow=True)
    assert "Säljaruppgifterna är sparade" in saved.content.decode()
    seller = current_seller()
    assert (seller.bankgiro, seller.reference_name) == ("5555-1238", "Eva Ekonom")
    finance.post(SELLER, {**VALID, "reference_name": "Olle Ekonom"})

    history = client_for("project_leader").get("/historik/", {"typ": "saljare"})
    text = history.content.decode()
    assert "Bankgiro 5555-1238, Eva Ekonom" in text and "Bankgiro 5555-1238, Olle Ekonom" in text

    # Issuing now works (the environment still says 000-0000), and the documents say so.
    invoice = issue_invoice(
        TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12)
    )
    text = pdf_text(documents.ensure_pdf(invoice))
    assert "5555-1238" in text and "000-0000" not in text
    assert "Vår referens" in text and "Olle Ekonom" in text
    reminder = pdf_text(documents.render_reminder_pdf(invoice, today=D(2025, 8, 1)))
    flat = " ".join(reminder.split())
    assert "kontakta Olle Ekonom" in flat
    assert "08-508 000 00" in flat and "eva.ekonom@stockholm.se" in flat


@pytest.mark.parametrize("role", ["project_leader", "signatory", "contact_taby"])
def test_only_finance_sets_the_seller_block(client_for, role):
    assert client_for(role).post(SELLER, VALID).status_code == 403
