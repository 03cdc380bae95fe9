"""One renderer for every document: a Django template with print CSS, made into PDF/A by WeasyPrint.

``render_pdf`` is what agreements, invoices, letters and minutes call. Final documents are stored
as bytes with their SHA-256 (see :func:`sha256_hex`), so the same bytes are served every time.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

PDF_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print.css"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def _stylesheet():
    """print.css, parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=str(PDF_CSS))


def render_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    variant: str = "pdf/a-3b",
    attachments: list | None = None,
) -> bytes:
    """Render ``template_name`` to a PDF/A document with its language and title set.

    ``attachments`` are WeasyPrint Attachment objects (e.g. an e-invoice XML), which PDF/A-3
    allows.
    """
    from weasyprint import HTML  # imported lazily: it is slow to import

    html = render_to_string(template_name, {**context, "pdf_title": title})
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(
        stylesheets=[_stylesheet()],
        pdf_variant=variant,
        pdf_tags=True,
        attachments=attachments or [],
        custom_metadata=True,
    )
