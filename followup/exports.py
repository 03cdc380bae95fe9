"""The report's rows, as the HTML tables and the XLSX export show them: one
source, so the page and the file can never disagree."""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import scope
from .report import Report

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COUNT_FORMAT = "#,##0"
AMOUNT_FORMAT = '#,##0 "kr"'
PER_INHABITANT_FORMAT = '#,##0.00 "kr"'


@dataclass(frozen=True)
class SummaryLine:
    """A municipality (or the sum) over the period: counts in total and the key figures."""

    code: str
    name: str
    population: int | None
    counts: tuple[int, int, int, int]
    cost: Decimal | None
    cost_per_inhabitant: Decimal | None
    cost_per_individual: Decimal | None
    is_sum: bool = False


@dataclass(frozen=True)
class ServiceLine:
    code: str
    name: str
    service: str
    counts: tuple[int, int, int, int]
    reported: bool
    first_of_municipality: bool
    is_sum: bool = False


def count_headers() -> list[str]:
    """Short column headings for the four counts (the page explains consultations)."""
    return [_("Stödda individer"), _("Kontakter"), _("Konsultationer"), _("Utbildningsdeltagare")]


def summary_headers(report: Report) -> list[str]:
    return [
        _("Kommunkod"),
        _("Kommun"),
        _("Invånare %(year)s") % {"year": report.population_date.year},
        *count_headers(),
        _("Kostnad för perioden"),
        _("Kostnad per invånare"),
        _("Kostnad per stödd individ"),
    ]


def service_headers() -> list[str]:
    return [_("Kommunkod"), _("Kommun"), _("Verksamhet"), *count_headers()]


def summary_lines(report: Report) -> Iterator[SummaryLine]:
    """One line per municipality, then the sum of all of them."""
    for row in report.rows:
        yield SummaryLine(
            code=row.municipality.code,
            name=row.municipality.name,
            population=row.population,
            counts=row.total.as_tuple(),
            cost=row.cost,
            cost_per_inhabitant=row.cost_per_inhabitant,
            cost_per_individual=row.cost_per_individual,
        )
    if len(report.rows) > 1:
        yield SummaryLine(
            code="",
            name=_("Summa"),
            population=None,
            counts=report.total.as_tuple(),
            cost=report.total_cost,
            cost_per_inhabitant=None,
            cost_per_individual=None,
            is_sum=True,
        )


def service_lines(report: Report) -> Iterator[ServiceLine]:
    """Each municipality's counts per service, then each service's sum."""
    for row in report.rows:
        for index, line in enumerate(row.lines):
            yield ServiceLine(
                code=row.municipality.code,
                name=row.municipality.name,
                service=line.service.name,
                counts=line.counts.as_tuple(),
                reported=line.reported,
                first_of_municipality=index == 0,
            )
    if len(report.rows) > 1:
        for index, (service, counts) in enumerate(report.service_totals):
            yield ServiceLine(
                code="",
                name=_("Summa"),
                service=service.name,
                counts=counts.as_tuple(),
                reported=True,
                first_of_municipality=index == 0,
                is_sum=True,
            )


def title(report: Report) -> str:
    """The report's title; it names the offer when several offers have follow-up."""
    if scope.several_offers():
        return _("Uppföljning av nyttjandet, %(offer)s, %(period)s") % {
            "offer": report.offer.name,
            "period": report.period.label,
        }
    return _("Uppföljning av nyttjandet, %(period)s") % {"period": report.period.label}


def filename(report: Report, extension: str) -> str:
    if scope.several_offers():
        return f"uppfoljning-{report.offer.slug}-{report.period.slug}.{extension}"
    return f"uppfoljning-{report.period.slug}.{extension}"


def cost_note(report: Report) -> str:
    date = date_format(report.population_date, "j F Y")
    note = _(
        "Konsultationer är konsultationer till kommunens yrkesverksamma; utbildningsdeltagare "
        "är deltagare i verksamheternas utbildningar. Invånare är folkmängden %(date)s. "
        "Kostnaden är kommunens andel enligt kostnadsfördelningen (bilagan) för varje år: "
        "årets kostnadsram × kommunens invånare %(date)s ÷ länets invånare, i hela "
        "kronor. Ett halvår är 6/12 av årets belopp. Kostnad per invånare är kostnaden delad med "
        "invånarna %(year)s; kostnad per stödd individ är kostnaden delad med antalet stödda "
        "individer under perioden. Eftersom kostnaden fördelas efter invånare är kostnaden per "
        "invånare i stort sett densamma för alla kommuner; skillnaderna syns i kostnaden per "
        "stödd individ."
    ) % {"date": date, "year": report.population_date.year}
    if report.proposed_years:
        note += " " + _(
            "Kostnadsramen för %(years)s är inte fastställd: beloppen bygger på förslaget."
        ) % {"years": ", ".join(map(str, report.proposed_years))}
    if report.missing_years:
        note += " " + _("Det finns ingen kostnadsram för %(years)s.") % {
            "years": ", ".join(map(str, report.missing_years))
        }
    return note


def report_xlsx(report: Report) -> bytes:
    """Two sheets: the summary per municipality and the counts per service; a third says what
    the cost is."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.properties.title = title(report)
    workbook.properties.creator = _("Socialförvaltningen, Stockholms stad")
    workbook.properties.language = "sv-SE"

    summary = workbook.active
    summary.title = _("Sammanställning")
    summary.append(summary_headers(report))
    for line in summary_lines(report):
        summary.append(
            [
                line.code,
                line.name,
                line.population,
                *line.counts,
                line.cost,
                line.cost_per_inhabitant,
                line.cost_per_individual,
            ]
        )
        cells = summary[summary.max_row]
        for cell in cells[2:7]:
            cell.number_format = COUNT_FORMAT
        cells[7].number_format = AMOUNT_FORMAT
        cells[8].number_format = PER_INHABITANT_FORMAT
        cells[9].number_format = AMOUNT_FORMAT
        if line.is_sum:
            for cell in cells:
                cell.font = bold

    per_service = workbook.create_sheet(_("Per verksamhet"))
    per_service.append(service_headers())
    for line in service_lines(report):
        per_service.append([line.code, line.name, line.service, *line.counts])
        cells = per_service[per_service.max_row]
        for cell in cells[3:]:
            cell.number_format = COUNT_FORMAT
        if line.is_sum:
            for cell in cells:
                cell.font = bold

    about = workbook.create_sheet(_("Om rapporten"))
    about.append([title(report)])
    about.append([cost_note(report)])
    about["A1"].font = bold
    about["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 100

    for sheet in (summary, per_service):
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        sheet.freeze_panes = "C2"
        sheet.column_dimensions["B"].width = 18
        sheet.column_dimensions["C"].width = 20
        for letter in "DEFGHIJ":
            sheet.column_dimensions[letter].width = 16
        sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
        sheet.oddHeader.center.text = title(report)

    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
