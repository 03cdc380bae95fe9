"""The invoice register as rows (one per invoice) and as XLSX, and a year's PDFs as one ZIP.

:func:`register_rows` yields plain rows; :func:`write_register_xlsx` writes them with openpyxl in
write-only mode, with Swedish number formats (Excel shows '162 053,00 kr' in a Swedish locale).
Any other format (CSV, an HTML table) must be fed from the same rows, so they cannot disagree.

:func:`year_pdf_zip_bytes` stores the PDFs that are not stored yet (rendered on both cores by a
process pool, stored one by one in this process, exactly as :func:`documents.ensure_pdf` would)
and then zips the stored bytes, so the ZIP holds exactly what each invoice's download serves.
"""

import datetime
import gc
import io
import multiprocessing
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from . import documents
from .models import Invoice, InvoiceStatus, Kind, Payment
from .selectors import days_overdue, with_balances, year_invoices

PDF_WORKERS = 2  # the production host has two cores

MONEY_FORMAT = '#,##0.00 "kr";-#,##0.00 "kr"'
INTEGER_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = '0.00 "%"'


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None
    width: int = 14


COLUMNS = [
    Column(gettext_lazy("Fakturanummer"), width=13),
    Column(gettext_lazy("Slag"), width=14),
    Column(gettext_lazy("Status"), width=11),
    Column(gettext_lazy("Krediterar faktura"), width=13),
    Column(gettext_lazy("Kommunkod"), width=10),
    Column(gettext_lazy("Kommun"), width=16),
    Column(gettext_lazy("Erbjudande"), width=24),
    Column(gettext_lazy("Organisationsnummer"), width=14),
    Column(gettext_lazy("Avdelning/enhet"), width=24),
    Column(gettext_lazy("Faktureringsadress"), width=30),
    Column(gettext_lazy("Er referens"), width=16),
    Column(gettext_lazy("Avser år"), width=8),
    Column(gettext_lazy("Tolftedelar"), width=9),
    Column(gettext_lazy("Dagar"), INTEGER_FORMAT, 7),
    Column(gettext_lazy("Årsbelopp"), MONEY_FORMAT, 15),
    Column(gettext_lazy("Belopp"), MONEY_FORMAT, 15),
    Column(gettext_lazy("Moms"), MONEY_FORMAT, 10),
    Column(gettext_lazy("Krediterat"), MONEY_FORMAT, 15),
    Column(gettext_lazy("Betalt"), MONEY_FORMAT, 15),
    Column(gettext_lazy("Återstår"), MONEY_FORMAT, 15),
    Column(gettext_lazy("Fakturadatum"), DATE_FORMAT, 11),
    Column(gettext_lazy("Förfallodatum"), DATE_FORMAT, 11),
    Column(gettext_lazy("Senaste betalning"), DATE_FORMAT, 11),
    Column(gettext_lazy("Dagar efter förfallodagen"), INTEGER_FORMAT, 9),
    Column(gettext_lazy("OCR-nummer"), width=14),
    Column(gettext_lazy("Folkmängd"), INTEGER_FORMAT, 11),
    Column(gettext_lazy("Länets folkmängd"), INTEGER_FORMAT, 12),
    Column(gettext_lazy("Andel"), PERCENT_FORMAT, 8),
    Column(gettext_lazy("Kostnadsram"), MONEY_FORMAT, 15),
    Column(gettext_lazy("Skäl till kreditering"), width=30),
    Column(gettext_lazy("Utfärdad"), DATETIME_FORMAT, 16),
    Column(gettext_lazy("Utfärdad av"), width=18),
    Column(gettext_lazy("PDF:ens SHA-256"), width=20),
]


def register_queryset(invoices: QuerySet) -> QuerySet:
    """What the register needs of each invoice, in one query."""
    last_paid = Subquery(
        # The last payment that stands: neither a reversal nor reversed.
        Payment.objects.filter(invoice=OuterRef("pk"), reverses__isnull=True, reversal__isnull=True)
        .order_by()
        .values("invoice")
        .annotate(last=Max("paid_on"))
        .values("last")[:1]
    )
    return (
        with_balances(invoices)
        .annotate(last_paid_on=last_paid)
        .select_related("municipality", "credited_invoice", "issued_by", "agreement__offer")
        .order_by("series_year", "series_number")
    )


def _decimal_or_none(value):
    from decimal import Decimal

    return None if value in (None, "") else Decimal(str(value))


def register_rows(invoices: QuerySet, *, today: datetime.date | None = None) -> Iterator[list]:
    """One row per invoice (credit notes included), in number order, matching COLUMNS."""
    today = today or timezone.localdate()
    kinds = {value: str(label) for value, label in Kind.choices}
    statuses = {value: str(label) for value, label in InvoiceStatus.choices}
    for inv in register_queryset(invoices).iterator(chunk_size=2000):
        snap = inv.snapshot
        overdue = (
            days_overdue(inv, today)
            if inv.balance > 0 and inv.due_date < today and not inv.is_credit_note
            else None
        )
        yield [
            inv.number,
            kinds.get(inv.kind, inv.kind),
            statuses.get(inv.status, inv.status),
            inv.credited_invoice.number if inv.credited_invoice_id else None,
            inv.municipality.code,
            snap.get("municipality_name") or inv.municipality.name,
            inv.offer_name,
            snap.get("org_number") or None,
            snap.get("department") or None,
            (snap.get("invoicing_address") or "").replace("\n", ", ") or None,
            snap.get("buyer_reference") or None,
            inv.year,
            inv.twelfths,
            inv.days,
            inv.annual_amount,
            inv.amount,
            0,
            inv.credited,
            inv.paid,
            inv.balance,
            inv.invoice_date,
            inv.due_date,
            inv.last_paid_on,
            overdue,
            inv.ocr,
            snap.get("population"),
            snap.get("county_total"),
            _decimal_or_none(snap.get("share_percent")),
            _decimal_or_none(snap.get("pool")),
            inv.credit_reason or None,
            timezone.localtime(inv.issued_at).replace(tzinfo=None, microsecond=0),
            str(inv.issued_by) if inv.issued_by_id else None,
            inv.pdf_sha256 or None,
        ]


def write_register_xlsx(rows: Iterable[list], *, title: str) -> bytes:
    """Write the rows under COLUMNS' headers to an XLSX workbook (openpyxl, write-only)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "B2"
    for index, column in enumerate(COLUMNS):
        letter = _column_letter(index)
        sheet.column_dimensions[letter].width = column.width
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    # One cell per column, reused for every row: openpyxl writes a row as soon as it is appended,
    # and a row of plain values would otherwise take the style of the last styled cell before it.
    cells = [WriteOnlyCell(sheet) for _column in COLUMNS]
    for cell, column in zip(cells, COLUMNS, strict=True):
        if column.number_format:
            cell.number_format = column.number_format
    for row in rows:
        for i, value in enumerate(row):
            if value is not None:
                cells[i].value = value
                if isinstance(value, str) and value.startswith("="):
                    cells[i].data_type = "s"  # text from a municipality is never a formula
                row[i] = cells[i]
        sheet.append(row)
    sheet.auto_filter.ref = f"A1:{_column_letter(len(COLUMNS) - 1)}1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def register_xlsx_bytes(year: int | None, *, invoices: QuerySet | None = None) -> bytes:
    """The register of ``year`` (every year if None), or of the given invoices, as XLSX."""
    if invoices is None:
        invoices = Invoice.objects.all()
        if year is not None:
            invoices = invoices.filter(year=year)
    title = _("Fakturor %(year)s") % {"year": year} if year else _("Fakturor")
    return write_register_xlsx(register_rows(invoices), title=title)


def register_filename(year: int | None) -> str:
    return f"fakturaregister-{year}.xlsx" if year else "fakturaregister.xlsx"


# --- A year's PDFs as one ZIP ----------------------------------------------------------------------


def _worker_init() -> None:
    import django

    django.setup()


def _pool_context():
    # fork: the workers start with Django and WeasyPrint already loaded, so the pool is cheap.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def render_missing(invoices: list[Invoice], *, workers: int = PDF_WORKERS) -> Iterator[bytes]:
    """Render the PDFs of ``invoices`` in order: in a pool of processes when there are several.

    The workers get plain values and render only; they never touch the database or the storage.
    """
    jobs = [documents.invoice_render_job(invoice) for invoice in invoices]
    if workers <= 1 or len(jobs) <= 1:
        for context, title in jobs:
            yield documents.render_from_context(context, title)
        return
    contexts, titles = zip(*jobs, strict=True)
    chunk = max(1, min(8, len(jobs) // (workers * 4)))
    # Forked workers share this process's memory until they write to it. Frozen, the objects
    # already here are left alone by the workers' garbage collector, which would otherwise
    # walk (and so copy) all of them again and again: that halves the time of each PDF.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            mp_context=_pool_context(),
            initializer=_worker_init,
        ) as pool:
            yield from pool.map(documents.render_from_context, contexts, titles, chunksize=chunk)
    finally:
        gc.unfreeze()


def year_pdf_zip_bytes(year: int, *, workers: int = PDF_WORKERS) -> bytes:
    """A ZIP with the PDF of every invoice and credit note concerning ``year``, in number order.

    PDFs not stored yet are rendered (in parallel) and stored once, as :func:`documents.ensure_pdf`
    would; the ZIP then holds the stored bytes.
    """
    invoices = list(year_invoices(year))
    missing = [invoice for invoice in invoices if not invoice.pdf_sha256]
    for invoice, data in zip(missing, render_missing(missing, workers=workers), strict=True):
        documents.store_pdf(invoice, data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for invoice in invoices:
            archive.writestr(documents.pdf_filename(invoice), documents.read_stored_pdf(invoice))
    return buffer.getvalue()


def zip_filename(year: int) -> str:
    return f"fakturor-{year}.zip"
