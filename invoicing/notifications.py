"""E-mail about invoices: when an invoice or a credit note is issued, the municipality's contacts
get it as a PDF attachment (the stored PDF, the same bytes the download serves).

No invoice is mailed while the seller's Bankgiro is not valid (invoicing.seller.issue_problem).
Called after the issuing transaction commits (``transaction.on_commit``), so a mail is never sent
for an invoice that was rolled back, and a failing mail server never undoes an invoice: the mail
waits in the outbox (core/outbox.py) and is sent again.
"""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agreements.services import municipal_contacts
from core import outbox, site

from . import documents, lines
from .models import Invoice
from .seller import issue_problem

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "sv"


def send_issued(invoice_pk: int) -> int:
    """Mail the invoice (or credit note) to its municipality's contacts. Returns how many mails.

    With no contact to mail, nothing is rendered: the PDF is then stored on its first download.
    """
    invoice = Invoice.objects.select_related("municipality", "credited_invoice").get(pk=invoice_pk)
    problem = None if invoice.is_credit_note else issue_problem()
    if problem:  # never mail an invoice that cannot be paid (placeholder Bankgiro)
        logger.warning("Invoice %s not mailed: %s", invoice.number, problem)
        return 0
    recipients = list(municipal_contacts(invoice.municipality).order_by("pk"))
    if not recipients:
        logger.debug("Invoice %s: no municipal contact with an e-mail address", invoice.number)
        return 0
    pdf = documents.ensure_pdf(invoice)
    link = site.absolute_url(reverse("invoicing:invoice_detail", args=[invoice.pk]))
    filename = documents.pdf_filename(invoice)
    messages = []
    with translation.override(MAIL_LANGUAGE):
        for user in recipients:
            context = {
                "invoice": invoice,
                "recipient": user,
                "link": link,
                "amount": documents.money(invoice.amount),
                "line": lines.invoice_line(invoice),
                "seller": documents.seller(),
            }
            message = EmailMessage(
                subject=render_to_string("invoicing/mail/issued_subject.txt", context).strip(),
                body=render_to_string("invoicing/mail/issued_body.txt", context),
                to=[user.email],
            )
            message.attach(filename, pdf, "application/pdf")
            messages.append(message)
    return outbox.send(messages)
