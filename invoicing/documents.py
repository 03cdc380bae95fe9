"""Invoices, credit notes and reminders as PDF/A-3a, through the one renderer (core.pdf).

- :func:`invoice_context` turns an invoice into plain values (strings, numbers, dates): what the
  template shows, computed once from the invoice's snapshot, never from today's data. Plain values
  can be sent to another process, which is how the ZIP of a year renders on both cores.
- :func:`render_invoice_pdf` makes the PDF; :func:`ensure_pdf` stores it the first time it is
  asked for, with its SHA-256, and from then on returns exactly the stored bytes.
- :func:`render_reminder_pdf` makes a reminder (påminnelse) for an overdue invoice. A reminder is
  a letter of the day, not part of the invoice, so it is rendered each time and never stored.

Documents are always in Swedish, whatever language the reader has chosen for the interface.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.money import format_amount, format_percent, group_thousands
from core.pdf import StoredDocumentMismatch, read_stored, render_pdf, sha256_hex
from offers import rules

from .lines import invoice_line
from .models import Invoice
from .seller import current_seller

INVOICE_TEMPLATE = "invoicing/pdf/invoice.html"
REMINDER_TEMPLATE = "invoicing/pdf/reminder.html"
EINVOICE_KEY = "einvoice_xml"  # in a render job's context: the XML to attach, not for the template
INVOICE_CSS = ("print-invoice.css",)  # after print.css; parsed once per process (core.pdf)
DOCUMENT_LANGUAGE = "sv"
UPLOAD_DIR = "invoices"


class StoredPdfMismatch(StoredDocumentMismatch):
    """The stored PDF is missing or no longer matches its SHA-256: never serve or re-render it."""


# --- Plain values for the templates ----------------------------------------------------------------


def money(amount) -> str:
    """'162 053 kr', or with öre when there are any: '1 234,50 kr' (core.money.format_amount)."""
    return format_amount(Decimal(amount))


def percent_as_entered(percent: Decimal) -> str:
    """A percentage with the decimals it was entered with: '12,5 %', '100 %' (never rounded)."""
    places = max(0, -percent.normalize().as_tuple().exponent)
    return format_percent(percent, places)


def seller() -> dict:
    """The seller block (invoicing.seller.current_seller) as plain values for the templates."""
    block = current_seller()
    return {
        "name": block.name,
        "org_number": block.org_number,
        "vat_number": block.vat_number,
        "address": block.address,
        "address_line": block.address_line,
        "bankgiro": block.bankgiro,
        "reference": block.reference_name,
        "reference_phone": block.reference_phone,
        "reference_email": block.reference_email,
        "email": block.email,
    }


def calculation(invoice: Invoice) -> dict:
    """The figures of the box "Så har beloppet beräknats", from the snapshot taken at issue."""
    snap = invoice.snapshot
    calc = {
        "annual": money(invoice.annual_amount),
        "twelfths": invoice.twelfths,
        # Under the offer's days rule: the days covered and the days of the year.
        "days": invoice.days,
        "year_days": rules.days_in_year(invoice.year) if invoice.days is not None else None,
        # What the invoice itself came to: for a credit note, the invoice it credits.
        "amount": money(
            invoice.credited_invoice.amount if invoice.is_credit_note else invoice.amount
        ),
        "is_special": "population" not in snap,
        "pool": money(Decimal(snap["pool"])) if snap.get("pool") is not None else "",
        "county_total": group_thousands(snap["county_total"]) if "county_total" in snap else "",
    }
    if "population" in snap:
        population_date = datetime.date.fromisoformat(snap["population_date"])
        calc |= {
            "population": group_thousands(snap["population"]),
            "population_date": population_date,
            "share_percent": format_percent(Decimal(snap["share_percent"])),
        }
    else:
        calc["special_note"] = snap.get("note", "")
    return calc


def invoice_context(invoice: Invoice) -> dict:
    """Everything the invoice template shows, as plain values."""
    snap = invoice.snapshot
    is_credit = invoice.is_credit_note
    vat = Decimal(0)  # the § 6 fee carries no VAT; settings give the reason the invoice states
    original = invoice.credited_invoice if is_credit else None
    return {
        "seller": seller(),
        "buyer": {
            "name": snap.get("municipality_name") or invoice.municipality.name,
            "department": snap.get("department", ""),
            "org_number": snap.get("org_number", ""),
            "address": snap.get("invoicing_address", ""),
            "reference": snap.get("buyer_reference", ""),
            "contact_person": snap.get("contact_person", ""),
        },
        "invoice": {
            "number": invoice.number,
            "is_credit_note": is_credit,
            "kind": invoice.get_kind_display(),
            "invoice_date": invoice.invoice_date,
            "due_date": invoice.due_date,
            "ocr": invoice.ocr,
            "year": invoice.year,
            "twelfths": invoice.twelfths,
            "amount": money(invoice.amount),
            "net": money(invoice.amount),
            "vat_percent": 0,
            "vat": money(vat),
            "total": money(invoice.amount + vat),
            "agreement_start": snap.get("start_date", ""),
        },
        "line": invoice_line(invoice),
        "calc": calculation(invoice),
        "credit": (
            {
                "number": snap.get("credited_number") or (original.number if original else ""),
                "invoice_date": original.invoice_date if original else None,
                "original_amount": money(original.amount) if original else "",
                "percent": percent_as_entered(Decimal(snap.get("percent", "100"))),
                "is_full": Decimal(snap.get("percent", "100")) == 100,
                "reason": invoice.credit_reason,
            }
            if is_credit
            else None
        ),
        "vat_reason": settings.INVOICE_VAT_EXEMPTION_REASON,
        # The days the invoice itself gives (its due date was set from the offer's term).
        "payment_term_days": (invoice.due_date - invoice.invoice_date).days,
    }


def invoice_title(invoice: Invoice) -> str:
    label = _("Kreditfaktura") if invoice.is_credit_note else _("Faktura")
    return f"{label} {invoice.number} – {invoice.snapshot.get('municipality_name', '')}".strip()


def pdf_filename(invoice: Invoice) -> str:
    name = invoice.snapshot.get("municipality_name") or invoice.municipality.name
    prefix = "kreditfaktura" if invoice.is_credit_note else "faktura"
    return f"{prefix}-{invoice.number}-{slugify(name)}.pdf"


# --- Rendering -------------------------------------------------------------------------------------


def render_invoice_html(invoice: Invoice) -> str:
    """The HTML the PDF is made from (for tests and for reading what the PDF will say)."""
    with translation.override(DOCUMENT_LANGUAGE):
        context = {**invoice_context(invoice), "pdf_title": invoice_title(invoice)}
        return render_to_string(INVOICE_TEMPLATE, context)


def render_from_context(context: dict, title: str) -> bytes:
    """Render the invoice template from :func:`invoice_context`'s plain values. Needs no database,
    so it runs in a worker process too (see invoicing.exports). The e-invoice in the context, if
    any, is attached to the PDF."""
    context = dict(context)
    einvoice_xml = context.pop(EINVOICE_KEY, None)
    attachments = None
    if einvoice_xml:
        from .einvoice_documents import pdf_attachment

        attachments = [pdf_attachment(einvoice_xml["data"], einvoice_xml["filename"])]
    with translation.override(DOCUMENT_LANGUAGE):
        return render_pdf(
            INVOICE_TEMPLATE, context, title=title, stylesheets=INVOICE_CSS, attachments=attachments
        )


def invoice_render_job(invoice: Invoice) -> tuple[dict, str]:
    """(context, title) to hand to :func:`render_from_context`, possibly in another process.

    The context carries the e-invoice's XML (bytes, stored first by einvoice_documents) when it
    can be built, so the PDF has it attached; the invoice then says so (store_pdf)."""
    from .einvoice_documents import xml_filename, xml_for_pdf

    einvoice_xml = xml_for_pdf(invoice)
    with translation.override(DOCUMENT_LANGUAGE):
        context, title = invoice_context(invoice), invoice_title(invoice)
    if einvoice_xml is not None:
        context[EINVOICE_KEY] = {"filename": xml_filename(invoice), "data": einvoice_xml}
    return context, title


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as PDF/A-3a. Each call makes new bytes (the PDF carries its
    creation time): what is served is what :func:`ensure_pdf` stored."""
    return render_from_context(*invoice_render_job(invoice))


# --- Stored once -----------------------------------------------------------------------------------


def read_stored_pdf(invoice: Invoice) -> bytes | None:
    """The stored bytes, checked against the stored SHA-256; None if nothing is stored yet."""
    if not invoice.pdf_sha256:
        return None
    return read_stored(
        invoice.pdf,
        invoice.pdf_sha256,
        f"The stored PDF of invoice {invoice.number}",
        StoredPdfMismatch,
    )


def store_pdf(invoice: Invoice, data: bytes) -> bytes:
    """Store ``data`` as the invoice's PDF unless one is stored already; return what is stored.

    The database decides: the row is updated only while its SHA-256 is still empty, so two
    processes that rendered at once store one PDF between them, and the other's file is removed.
    """
    sha = sha256_hex(data)
    # The render job stored the e-invoice on this instance first if it attached it.
    has_einvoice = bool(invoice.einvoice_sha256)
    storage = Invoice._meta.get_field("pdf").storage
    name = storage.save(f"{UPLOAD_DIR}/{pdf_filename(invoice)}", ContentFile(data))
    with transaction.atomic():
        stored = Invoice.objects.filter(pk=invoice.pk, pdf_sha256="").update(
            pdf=name, pdf_sha256=sha, pdf_has_einvoice=has_einvoice
        )
    if not stored:
        storage.delete(name)
        invoice.refresh_from_db(fields=["pdf", "pdf_sha256", "pdf_has_einvoice"])
        return read_stored_pdf(invoice)
    invoice.pdf.name, invoice.pdf_sha256, invoice.pdf_has_einvoice = name, sha, has_einvoice
    return data


def ensure_pdf(invoice: Invoice) -> bytes:
    """The invoice's PDF: rendered and stored with its SHA-256 the first time, then always exactly
    the stored bytes."""
    stored = read_stored_pdf(invoice)
    if stored is not None:
        return stored
    with transaction.atomic():
        # Hold the row while rendering, so a second request waits and then reads ours.
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.pdf_sha256:
            invoice.pdf.name, invoice.pdf_sha256 = locked.pdf.name, locked.pdf_sha256
            invoice.pdf_has_einvoice = locked.pdf_has_einvoice
            return read_stored_pdf(invoice)
        return store_pdf(invoice, render_invoice_pdf(invoice))


# --- Reminder --------------------------------------------------------------------------------------


def reminder_context(invoice: Invoice, *, paid, credited, balance, today: datetime.date) -> dict:
    context = invoice_context(invoice)
    context["reminder"] = {
        "date": today,
        "days_overdue": max((today - invoice.due_date).days, 0),
        "paid": money(paid),
        "paid_negative": money(-paid),
        "credited": money(credited),
        "has_credit": credited != 0,
        "balance": money(balance),
    }
    return context


def render_reminder_pdf(invoice: Invoice, *, today: datetime.date | None = None) -> bytes:
    """A reminder (påminnelse) for an overdue invoice: what is still to pay, and how."""
    from .selectors import with_balances

    today = today or timezone.localdate()
    figures = with_balances(Invoice.objects.filter(pk=invoice.pk)).values(
        "paid", "credited", "balance"
    )[0]
    with translation.override(DOCUMENT_LANGUAGE):
        context = reminder_context(invoice, today=today, **figures)
        title = _("Påminnelse om faktura %(number)s") % {"number": invoice.number}
        return render_pdf(REMINDER_TEMPLATE, context, title=title, stylesheets=INVOICE_CSS)


def render_reminder_html(invoice: Invoice, *, today: datetime.date, **figures) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        context = reminder_context(invoice, today=today, **figures)
        return render_to_string(REMINDER_TEMPLATE, {**context, "pdf_title": ""})
