"""The agreement as a document: the canonical HTML both parties sign, its fingerprint, and the PDF.

The *content* of an agreement is the template text in order with § 1 filled in (both parties),
the agreed start and latest end date, and the Bilaga (the cost table of the agreement's offer) of
the year the agreement starts (see :func:`bilaga_year`). It holds no signature and nothing that depends on time except
that year, so the municipality and the city's
signatory see, and hash, exactly the same bytes. It is always rendered in Swedish, whatever
language the reader has chosen for the interface.

- :func:`render_agreement_html` gives that content (what the review pages show and what is hashed),
  or with ``for_pdf=True`` the whole PDF page: content, both signature blocks and the footer.
- :func:`document_fingerprint` is the SHA-256 of the content, stored as ``content_sha256`` when the
  municipality signs.
- :func:`render_agreement_pdf` makes the signed PDF/A-3a through :func:`core.pdf.render_pdf`.
"""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from core import site
from core.pdf import render_pdf, sha256_hex
from offers.costs import PoolNotConfirmed, cost_table, latest_confirmed_year

from .models import Agreement, Party

BODY_TEMPLATE = "agreements/document/body.html"
APPENDIX_TEMPLATE = "agreements/document/appendix.html"
PDF_TEMPLATE = "agreements/document/pdf.html"

# The document is Swedish, as the agreement is; the interface may be in English.
DOCUMENT_LANGUAGE = "sv"


def municipality_signature(agreement: Agreement):
    return next((s for s in agreement.signatures.all() if s.party == Party.MUNICIPALITY), None)


def city_signature(agreement: Agreement):
    return next((s for s in agreement.signatures.all() if s.party == Party.CITY), None)


def bilaga_year(agreement: Agreement, *, on: datetime.date | None = None) -> int:
    """The year of the Bilaga of an agreement signed on ``on`` (by default today).

    It is the year the agreement starts (its agreed start date if that is later, else the day of
    signing) when that year's pool is confirmed: an agreement signed in December for 1 January
    carries next year's table once it is confirmed. Otherwise it is the latest confirmed year
    before that, and with no confirmed pool at all the start year (a preliminary table).

    Once the municipality has signed, ``on`` is the day it signed; what it signed is stored with
    its Bilaga (``signed_appendix``) and never rendered again.
    """
    if on is None:
        signature = municipality_signature(agreement)
        on = timezone.localdate(signature.signed_at) if signature else timezone.localdate()
    start = agreement.start_date or max(agreement.agreed_start_date or on, on)
    confirmed = latest_confirmed_year(start.year, offer=agreement.offer)
    return confirmed if confirmed is not None else start.year


def verify_url() -> str:
    return site.absolute_url(reverse("agreements:verify"))


def _content_context(agreement: Agreement, year: int) -> dict:
    try:
        table = cost_table(year, allow_proposal=True, offer=agreement.offer)
    except PoolNotConfirmed:
        table = None
    sections = [
        {
            "heading": section.heading,
            "body": section.body,
            "is_parties": section.heading.startswith("§ 1 "),
            "is_term": section.heading.startswith("§ 11"),
        }
        for section in agreement.template.sections.all()
    ]
    return {
        "agreement": agreement,
        "offer": agreement.offer,
        "template": agreement.template,
        "municipality": agreement.municipality,
        "sections": sections,
        "city_contacts": list(agreement.template.contacts.all()),
        "year": year,
        "table": table,
        "row": table.row_for(agreement.municipality) if table else None,
    }


def _content(agreement: Agreement, year: int) -> tuple[SafeString, SafeString]:
    """(body, appendix): the two halves of the content; the PDF puts the signatures between.

    Once the municipality has signed, the content is what it signed, as stored on the agreement:
    a pool confirmed or changed later does not change a signed document.
    """
    if agreement.signed_body:
        # Stored at signing from our own escaping templates (signed_content), not user HTML.
        return SafeString(agreement.signed_body), SafeString(agreement.signed_appendix)  # nosec B703
    context = _content_context(agreement, year)
    return render_to_string(BODY_TEMPLATE, context), render_to_string(APPENDIX_TEMPLATE, context)


def _pdf_context(agreement: Agreement) -> dict:
    body, appendix = _content(agreement, bilaga_year(agreement))
    return {
        "agreement": agreement,
        "template": agreement.template,
        "municipality": agreement.municipality,
        "body": body,
        "appendix": appendix,
        "fingerprint": sha256_hex((body + appendix).encode("utf-8")),
        "verify_url": verify_url(),
        "municipality_signature": municipality_signature(agreement),
        "city_signature": city_signature(agreement),
    }


def pdf_title(agreement: Agreement) -> str:
    return f"{agreement.template.title} – {agreement.municipality.name}"


def render_agreement_html(
    agreement: Agreement, *, for_pdf: bool = False, year: int | None = None
) -> SafeString:
    """The canonical content of the agreement, or (``for_pdf``) the whole HTML of its PDF.

    ``year`` is the year of the Bilaga; by default :func:`bilaga_year` of signing today.
    """
    with translation.override(DOCUMENT_LANGUAGE):
        if for_pdf:
            context = {**_pdf_context(agreement), "pdf_title": pdf_title(agreement)}
            return render_to_string(PDF_TEMPLATE, context)
        body, appendix = _content(agreement, year or bilaga_year(agreement))
        return body + appendix


def signed_content(agreement: Agreement, *, year: int) -> tuple[str, str]:
    """The content to store when the municipality signs (rendered as the signatory saw it)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _content(agreement, year)


def fingerprint_of(content: str) -> str:
    return sha256_hex(content.encode("utf-8"))


def document_fingerprint(agreement: Agreement, *, year: int | None = None) -> str:
    """SHA-256 (hex) of the canonical content: the same for everyone who reads the same agreement."""
    return fingerprint_of(render_agreement_html(agreement, year=year))


def render_agreement_pdf(agreement: Agreement) -> bytes:
    """The signed agreement as PDF/A-3a: full text, both signature blocks, the Bilaga, and on every
    page the fingerprint of the content and the address where anyone can verify it."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_pdf(PDF_TEMPLATE, _pdf_context(agreement), title=pdf_title(agreement))
