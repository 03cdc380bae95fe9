"""The e-invoice as a stored document: built once, checked, stored with its SHA-256, and from then
on exactly those bytes, whether downloaded alone, in a year's ZIP, or attached to the PDF.

- :func:`ensure_xml` builds (invoicing.einvoice), validates (invoicing.einvoice_validation) and
  stores the XML the first time; a document that fails a check is never stored or served.
- :func:`xml_for_pdf` is what the PDF render job attaches: the stored XML, or None when the
  e-invoice cannot be built yet (a PDF is stored once and never changes, so a PDF made while,
  say, the buyer reference was missing carries no XML; the XML is still downloadable later).
- :func:`year_xml_zip_bytes` is finance's ZIP of a year, with a list of what could not be built.
"""

import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import StoredDocumentMismatch, read_stored, sha256_hex

from . import access, einvoice
from .einvoice import EinvoiceNotReady
from .einvoice_validation import validate
from .models import Invoice

UPLOAD_DIR = "einvoices"
CONTENT_TYPE = "application/xml"
NOT_BUILT_NAME = "ej-skapade.txt"

logger = logging.getLogger(__name__)


class StoredXmlMismatch(StoredDocumentMismatch):
    """The stored XML is missing or no longer matches its SHA-256: never serve it."""


class EinvoiceInvalid(RuntimeError):
    """A built document failed a check: a bug, never served."""


def xml_filename(invoice: Invoice) -> str:
    prefix = "kreditfaktura" if invoice.is_credit_note else "faktura"
    return f"{prefix}-{invoice.number}.xml"


def read_stored_xml(invoice: Invoice) -> bytes | None:
    if not invoice.einvoice_sha256:
        return None
    return read_stored(
        invoice.einvoice_xml,
        invoice.einvoice_sha256,
        f"The stored e-invoice of {invoice.number}",
        StoredXmlMismatch,
    )


def build_checked(invoice: Invoice) -> bytes:
    """build_ubl, then every check; raises EinvoiceNotReady or EinvoiceInvalid."""
    data = einvoice.build_ubl(invoice)
    failures = validate(data)
    if failures:
        raise EinvoiceInvalid(
            f"The e-invoice of {invoice.number} fails: " + "; ".join(map(str, failures))
        )
    return data


def store_xml(invoice: Invoice, data: bytes) -> bytes:
    """Store ``data`` unless an e-invoice is stored already (the database decides, as for the
    PDF); return what is stored."""
    sha = sha256_hex(data)
    storage = Invoice._meta.get_field("einvoice_xml").storage
    name = storage.save(f"{UPLOAD_DIR}/{xml_filename(invoice)}", ContentFile(data))
    with transaction.atomic():
        stored = Invoice.objects.filter(pk=invoice.pk, einvoice_sha256="").update(
            einvoice_xml=name, einvoice_sha256=sha
        )
    if not stored:
        storage.delete(name)
        invoice.refresh_from_db(fields=["einvoice_xml", "einvoice_sha256"])
        return read_stored_xml(invoice)
    invoice.einvoice_xml.name, invoice.einvoice_sha256 = name, sha
    return data


def ensure_xml(invoice: Invoice) -> bytes:
    """The e-invoice: built, checked and stored the first time, then exactly the stored bytes.
    Raises EinvoiceNotReady (with the reasons) while it cannot be built."""
    stored = read_stored_xml(invoice)
    if stored is not None:
        return stored
    return store_xml(invoice, build_checked(invoice))


def xml_for_pdf(invoice: Invoice) -> bytes | None:
    """The XML to attach to the invoice's PDF, or None while the e-invoice cannot be built."""
    try:
        return ensure_xml(invoice)
    except EinvoiceNotReady:
        return None
    except EinvoiceInvalid:
        # A bug in the builder must not stop the invoice itself: the PDF goes out without it.
        logger.exception("Invoice %s: the e-invoice fails its checks", invoice.number)
        return None


def pdf_attachment(data: bytes, filename: str):
    """The e-invoice as a PDF/A-3 attachment: the XML is an alternative form of the invoice."""
    from weasyprint import Attachment  # lazily: slow to import

    return Attachment(
        string=data,
        name=filename,
        description=_("E-faktura (Peppol BIS Billing 3.0, UBL 2.1)"),
        relationship="Alternative",
    )


# --- Finance sets a missing buyer reference ------------------------------------------------------


def needs_buyer_reference(invoice: Invoice) -> bool:
    return not einvoice.buyer_reference(invoice)


@transaction.atomic
def set_buyer_reference(invoice: Invoice, *, reference: str, by) -> Invoice:
    """Set, once, the buyer reference § 1 of the agreement did not give. The snapshot and every
    other field of the issued invoice stay as they are (Invoice.save refuses anything else)."""
    from django.core.exceptions import ValidationError

    reference = (reference or "").strip()
    if not reference:
        raise ValidationError(_("Ange kommunens fakturareferens."))
    if len(reference) > Invoice._meta.get_field("einvoice_buyer_reference").max_length:
        raise ValidationError(_("Fakturareferensen får vara högst 100 tecken."))
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not needs_buyer_reference(invoice):
        raise ValidationError(_("Fakturan har redan en fakturareferens; den ändras inte."))
    invoice.einvoice_buyer_reference = reference
    invoice.einvoice_buyer_reference_set_by = by
    invoice.einvoice_buyer_reference_set_at = timezone.now()
    invoice.save(update_fields=list(Invoice.BUYER_REFERENCE_FIELDS))
    return invoice


# --- A year's e-invoices -------------------------------------------------------------------------


def year_xml(year: int) -> tuple[list[tuple[Invoice, bytes]], list[tuple[Invoice, list[str]]]]:
    """(invoice, XML) for every invoice and credit note concerning ``year`` that can be built,
    and (invoice, reasons) for the others, in number order."""
    from .selectors import year_invoices

    built, not_built = [], []
    for invoice in year_invoices(year):
        try:
            built.append((invoice, ensure_xml(invoice)))
        except EinvoiceNotReady as exc:
            not_built.append((invoice, exc.reasons))
    return built, not_built


def not_built_text(not_built) -> str:
    return "".join(
        f"{invoice.number} {invoice.snapshot.get('municipality_name', '')}: "
        + " ".join(reasons)
        + "\n"
        for invoice, reasons in not_built
    )


def year_xml_zip_bytes(year: int) -> bytes:
    """A ZIP of the year's e-invoices; those that cannot be built are listed in ej-skapade.txt."""
    built, not_built = year_xml(year)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for invoice, data in built:
            archive.writestr(xml_filename(invoice), data)
        if not_built:
            archive.writestr(NOT_BUILT_NAME, not_built_text(not_built))
    return buffer.getvalue()


def zip_filename(year: int) -> str:
    return f"e-fakturor-{year}.zip"


def einvoice_status(invoice: Invoice, user) -> dict:
    """What the invoice page says about the e-invoice (context of includes/einvoice.html)."""
    reasons = einvoice.readiness(invoice)
    return {
        "einvoice": {
            "ready": not reasons,
            # The settings' names mean something to the city's staff, not to a municipality.
            "reasons": reasons if user.is_city_staff else [],
            "filename": xml_filename(invoice),
            "buyer_reference": einvoice.buyer_reference(invoice),
            "needs_reference": needs_buyer_reference(invoice),
            "can_set_reference": access.can_issue(user) and needs_buyer_reference(invoice),
        }
    }
