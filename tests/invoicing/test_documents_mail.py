"""When an invoice or a credit note is issued, the municipality's contacts get it as a PDF."""

import hashlib
import logging
from decimal import Decimal

import pytest
from django.core import mail

from accounts.models import User
from invoicing import notifications
from invoicing.models import Invoice, Kind
from tests.url_cases.invoicing_invoices import HANINGE, TABY, issue_invoice

from .conftest import D


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_issuing_mails_the_pdf_to_the_municipalitys_contacts_after_commit(
    pools, users, django_capture_on_commit_callbacks
):
    colleague = User.objects.create(
        username="kollega.taby",
        email="kollega@taby.example.se",
        municipality=users["contact_taby"].municipality,
    )
    colleague.groups.set(users["contact_taby"].groups.all())
    User.objects.create(  # no e-mail address: not mailed
        username="utan.epost", municipality=users["contact_taby"].municipality
    ).groups.set(users["contact_taby"].groups.all())

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invoice = issue_invoice(TABY, users, year=2025, start=D(2025, 6, 10))
    assert mail.outbox == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "kollega@taby.example.se",
        users["contact_taby"].email,
    ]
    message = mail.outbox[0]
    assert message.subject == f"Faktura {invoice.number} från Stockholms stad"
    assert invoice.ocr in message.body and "2025: 7/12 av" in message.body
    assert f"/fakturering/{invoice.pk}/" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert filename == f"faktura-{invoice.number}-taby.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    invoice.refresh_from_db()
    assert hashlib.sha256(content).hexdigest() == invoice.pdf_sha256  # the stored PDF
    assert mail.outbox[1].attachments[0][1] == content


def test_no_contact_no_mail_and_nothing_rendered(pools, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue_invoice(HANINGE, users, year=2025)
    assert mail.outbox == []
    invoice.refresh_from_db()
    assert invoice.pdf_sha256 == ""


def test_a_failing_mail_is_logged_and_never_undoes_the_invoice(
    pools, users, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(invoice_pk):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(notifications, "send_issued", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        invoice = issue_invoice(TABY, users, year=2025)  # does not raise
    assert "mail server down" in caplog.text
    assert Invoice.objects.filter(pk=invoice.pk).exists()


def test_a_credit_note_issued_on_the_page_is_mailed_too(
    pools, users, client_for, django_capture_on_commit_callbacks
):
    invoice = issue_invoice(TABY, users, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("finance").post(
            f"/fakturering/{invoice.pk}/kreditera/",
            {"scope": "andel", "percent": "10", "reason": "Force majeure", "confirm": "1"},
        )
    note = Invoice.objects.get(kind=Kind.CREDIT)
    (message,) = mail.outbox
    assert message.subject == f"Kreditfaktura {note.number} från Stockholms stad"
    assert invoice.number in message.body and "ska inte betalas" in message.body
    assert message.attachments[0][0] == f"kreditfaktura-{note.number}-taby.pdf"
    assert note.amount == -round(invoice.amount * Decimal("0.1"))


def test_an_invoice_mail_the_server_refused_waits_in_the_outbox_with_its_pdf(
    pools, users, settings, django_capture_on_commit_callbacks
):
    """The invoice stays issued; its mail, with the PDF, is stored in the outbox as not sent,
    and `send_outbox` sends it later with the same PDF bytes."""
    from django.core.management import call_command
    from post_office.models import STATUS, Email

    locmem = settings.POST_OFFICE["BACKENDS"]["default"]
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "tests.core.failing_mail.Backend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue_invoice(TABY, users, year=2025)
    assert mail.outbox == []
    (stored,) = Email.objects.all()
    assert stored.status == STATUS.failed
    assert stored.to == [users["contact_taby"].email]
    invoice.refresh_from_db()
    assert invoice.number

    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": locmem}}
    call_command("send_outbox", stdout=__import__("io").StringIO())
    stored.refresh_from_db()
    assert stored.status == STATUS.sent
    (message,) = mail.outbox
    ((filename, content, mimetype),) = message.attachments
    assert filename == f"faktura-{invoice.number}-taby.pdf" and mimetype == "application/pdf"
    assert hashlib.sha256(content).hexdigest() == invoice.pdf_sha256
