"""The cost table (Bilaga) as XLSX and PDF, laid out as published.

One source of rows (:func:`cost_table_rows`) feeds the spreadsheet; the HTML page and the PDF use
the same CostTableView through templates/invoicing/includes/cost_table.html, so the three show the
same figures in the same order.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from offers.costs import CostTableView, offer_or_default

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel number formats. The format code always uses "," for grouping and "." for decimals; Excel
# shows the reader's own separators, so a Swedish Excel prints 93 106, 3,97 % and 162 053 kr.
POPULATION_FORMAT = "#,##0"
SHARE_FORMAT = "0.00 %"
AMOUNT_FORMAT = '#,##0 "kr"'
COLUMN_WIDTHS = {"A": 22, "B": 16, "C": 24, "D": 18}


@dataclass(frozen=True)
class CostRow:
    """A line of the Bilaga: a party (or "Summa"), its population, its share as a fraction (0.0397
    for 3,97 %, as spreadsheets store percentages) and its amount in whole kronor."""

    party: str
    population: int
    share: Decimal
    amount: Decimal
    is_sum: bool = False


def headers(table: CostTableView) -> list[str]:
    """The column headings, worded as in the published table and the HTML include."""
    return [
        _("Parter"),
        _("Invånare %(date)s") % {"date": date_format(table.reference_date, "j F Y")},
        _("Andel invånare i procent av länets totala invånare"),
        _("Kostnadsfördelning"),
    ]


def cost_table_rows(table: CostTableView) -> Iterator[CostRow]:
    """One row per municipality in the cost base, in Swedish order, then the "Summa" row with
    the county total, 100 % and the pool (not the sum of the rounded rows; see offers/rules.py)."""
    for row in table.rows:
        yield CostRow(
            party=row.municipality.name,
            population=row.population,
            share=row.share_percent / 100,
            amount=row.amount,
        )
    yield CostRow(
        party=_("Summa"),
        population=table.county_total,
        share=Decimal(1),
        amount=table.pool,
        is_sum=True,
    )


def title(table: CostTableView) -> str:
    return _("Kostnadsfördelning %(year)s") % {"year": table.year}


def filename(table: CostTableView, extension: str, *, offer=None) -> str:
    """kostnadsfordelning-2025.pdf; with an offer (not the installation's first), its slug
    first: <slug>-kostnadsfordelning-2025.pdf."""
    prefix = f"{offer.slug}-" if offer is not None else ""
    return f"{prefix}kostnadsfordelning-{table.year}.{extension}"


def cost_table_xlsx(table: CostTableView) -> bytes:
    """The Bilaga as a one-sheet workbook, ready to print: A4 portrait, fitted to the page width,
    the heading row repeated on every page. Every figure is a number with a Swedish format."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title(table)[:31]  # Excel's limit for a sheet name
    workbook.properties.title = title(table)
    workbook.properties.creator = _("Socialförvaltningen, Stockholms stad")
    workbook.properties.language = "sv-SE"

    bold = Font(bold=True)
    thin, thick = Side(style="thin"), Side(style="medium")

    sheet.append(headers(table))
    for cell in sheet[1]:
        cell.font = bold
        cell.border = Border(bottom=thick)
        cell.alignment = Alignment(
            wrap_text=True, vertical="bottom", horizontal="left" if cell.column == 1 else "right"
        )
    for row in cost_table_rows(table):
        sheet.append([row.party, row.population, row.share, int(row.amount)])
        cells = sheet[sheet.max_row]
        cells[1].number_format = POPULATION_FORMAT
        cells[2].number_format = SHARE_FORMAT
        cells[3].number_format = AMOUNT_FORMAT
        for cell in cells:
            cell.border = Border(top=thick) if row.is_sum else Border(bottom=thin)
            if row.is_sum:
                cell.font = bold

    for column, width in COLUMN_WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"

    # Ready to print: A4 portrait, as wide as the page, the heading row on every page.
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:D{sheet.max_row}"
    sheet.print_options.horizontalCentered = True
    sheet.oddHeader.center.text = title(table)
    sheet.oddFooter.left.text = _("Socialförvaltningen, Stockholms stad")
    sheet.oddFooter.right.text = _("Sida &P av &N")

    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def cost_table_pdf(table: CostTableView, *, offer=None) -> bytes:
    """The Bilaga as PDF/A, through the shared renderer and the same include as the page. The
    agreement it belongs to is named by the offer (the installation's first without one)."""
    return render_pdf(
        "invoicing/costs/cost_table_pdf.html",
        {"table": table, "offer": offer_or_default(offer)},
        title=title(table),
    )
