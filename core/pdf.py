"""One renderer for every document: a Django template with print CSS, made into PDF/A by WeasyPrint.

``render_pdf`` is what agreements, invoices, letters and minutes call. Final documents are stored
as bytes with their SHA-256 (see :func:`sha256_hex`), so the same bytes are served every time.

What does not change between documents is prepared once per process: the print stylesheets are
parsed once, and one font configuration (fontconfig's view of the installed fonts) serves every
document. Both are per process, so the forked workers of a ZIP make their own.
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

CSS_DIR = Path(settings.BASE_DIR) / "static" / "css"
PDF_CSS = CSS_DIR / "print.css"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class StoredDocumentMismatch(RuntimeError):
    """A stored document is missing or no longer matches its SHA-256: never serve it."""


def read_stored(stored_file, sha256: str, what: str, error=StoredDocumentMismatch) -> bytes:
    """The bytes of a stored document (a FieldFile), checked against its stored SHA-256.

    ``what`` names it in the error ("The stored PDF of invoice 2025-0001"); ``error`` is the
    caller's subclass of StoredDocumentMismatch, if it has one.
    """
    try:
        with stored_file.open("rb") as stored:
            data = stored.read()
    except (FileNotFoundError, ValueError) as exc:
        raise error(f"{what} is missing") from exc
    if sha256_hex(data) != sha256:
        raise error(f"{what} does not match its SHA-256")
    return data


@functools.cache
def _stylesheet(name: str = "print.css"):
    """A print stylesheet of static/css, parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=str(CSS_DIR / name))


@functools.cache
def _font_config_for(pid: int):
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _font_config():
    """This process's font configuration (a forked worker must not share its parent's)."""
    return _font_config_for(os.getpid())


def render_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    variant: str = "pdf/a-3a",
    attachments: list | None = None,
    stylesheets: tuple[str, ...] = (),
) -> bytes:
    """Render ``template_name`` to a PDF/A document with its language and title set.

    PDF/A-3a is the accessible level of PDF/A-3: tagged, with a structure tree and Unicode text,
    for screen readers (WeasyPrint 70 cannot combine PDF/UA with PDF/A; this is the closest).

    ``stylesheets`` names further print stylesheets in static/css (after print.css), e.g. the
    invoice's own. ``attachments`` are WeasyPrint Attachment objects (e.g. an e-invoice XML),
    which PDF/A-3 allows.
    """
    html = render_to_string(template_name, {**context, "pdf_title": title})
    if attachments or not getattr(settings, "PDF_REUSE_RENDERS", False):
        return _write_pdf(html, variant, stylesheets, attachments)
    return _write_pdf_reused(html, variant, tuple(stylesheets))


def _write_pdf(html: str, variant: str, stylesheets: tuple[str, ...], attachments) -> bytes:
    from weasyprint import HTML  # imported lazily: it is slow to import

    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(
        stylesheets=[_stylesheet(), *(_stylesheet(name) for name in stylesheets)],
        font_config=_font_config(),
        pdf_variant=variant,
        pdf_tags=True,
        attachments=attachments or [],
        custom_metadata=True,
    )


@functools.lru_cache(maxsize=256)
def _write_pdf_reused(html: str, variant: str, stylesheets: tuple[str, ...]) -> bytes:
    """The same HTML gives WeasyPrint's same bytes (no clock in a PDF without attachments; an
    attachment carries its creation time, so those are always written anew): the test settings
    (PDF_REUSE_RENDERS) keep the PDFs written, since many tests write the very same documents."""
    return _write_pdf(html, variant, stylesheets, None)
