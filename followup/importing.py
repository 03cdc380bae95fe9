"""The XLSX template of a half-year's figures, and its import: preview, then confirm.

All or nothing, like the population and paper-agreement imports (and with their helpers:
``read_table`` reads XLSX or CSV, ``RowError`` says "Rad N: reason"): every row is checked first;
if any row is bad nothing is written and every bad row is named with its row number and reason.

The columns (any order; "kommun" may be left out): kommunkod, kommun, verksamhet (its code,
e.g. kast, or its name), år, halvår (1 or 2), individer, kontakter, konsultationer,
utbildningsdeltagare. A row whose four counts are all empty is skipped (nothing reported yet);
a row with some of them empty is an error. Counts are whole numbers from 0.
"""

import datetime
import re
from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.paper import RowError
from core.tables import read_header, trim_cells
from municipalities.models import Municipality
from municipalities.population_import import ImportFileError, read_table
from offers.models import Service

from . import scope, services
from .models import COUNT_FIELDS, MAX_COUNT, UsageFigure
from .periods import Period
from .report import agreement_municipality_ids

COLUMNS = (
    "kommunkod",
    "kommun",
    "verksamhet",
    "år",
    "halvår",
    "individer",
    "kontakter",
    "konsultationer",
    "utbildningsdeltagare",
)
REQUIRED = tuple(c for c in COLUMNS if c != "kommun")
COUNT_COLUMNS = dict(zip(COLUMNS[5:], COUNT_FIELDS, strict=True))
SPACES = re.compile(r"[\s\u00a0\u202f]")
STOCKHOLM_COUNTY = "01"


@dataclass(frozen=True)
class ImportRow:
    """A checked row: exactly what will be written."""

    row: int
    code: str
    service: str  # Service.code
    year: int
    half: int
    counts: tuple[int, int, int, int]

    def to_json(self) -> list:
        return [self.row, self.code, self.service, self.year, self.half, *self.counts]

    @classmethod
    def from_json(cls, data: list) -> "ImportRow":
        row, code, service, year, half, *counts = data
        return cls(row, code, service, year, half, tuple(counts))


@dataclass(frozen=True)
class PreviewRow:
    row: ImportRow
    municipality: str
    service: str
    old: tuple[int, int, int, int] | None

    @property
    def state(self) -> str:
        if self.old is None:
            return _("ny")
        return _("oförändrad") if self.old == self.row.counts else _("ändras")


# --- The template ---------------------------------------------------------------------------


def template_municipalities(period: Period, *, offer=None) -> list[Municipality]:
    """Those with an agreement of the offer (the first with follow-up when none is given) in
    force during the half-year or figures of its services for it; if there are none, every
    municipality of Stockholm county."""
    offer = scope.offer_or_first(offer)
    ids = agreement_municipality_ids(period, offer=offer) | set(
        UsageFigure.objects.filter(period.figures_q(), service__offer=offer).values_list(
            "municipality_id", flat=True
        )
    )
    if ids:
        return list(Municipality.objects.filter(pk__in=ids).order_by("code"))
    return list(Municipality.objects.filter(code__startswith=STOCKHOLM_COUNTY).order_by("code"))


def template_xlsx(year: int, half: int, *, offer=None) -> bytes:
    """A sheet with a row per municipality and service of the half-year, filled in with the
    figures already stored, so that the file can be corrected and imported again."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    period = Period(year, year, half)
    offer = scope.offer_or_first(offer)
    services_ = list(offer.services.order_by("order"))
    stored = {
        (f.municipality_id, f.service_id): f
        for f in UsageFigure.objects.filter(period.figures_q(), service__offer=offer)
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nyttjande")
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for municipality in template_municipalities(period, offer=offer):
        for service in services_:
            figure = stored.get((municipality.pk, service.pk))
            counts = list(figure.counts().values()) if figure else [None] * len(COUNT_FIELDS)
            sheet.append([municipality.code, municipality.name, service.code, year, half, *counts])
            sheet.cell(sheet.max_row, 1).number_format = "@"  # keep the leading zero
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (11, 18, 22, 7, 8, 11, 11, 15, 20), strict=True):
        sheet.column_dimensions[letter].width = width

    help_sheet = workbook.create_sheet(_("Instruktioner"))
    lines = [
        _("Fyll i antalen för varje kommun och verksamhet och ladda upp filen igen."),
        _("Bara antal: skriv aldrig något om en enskild person."),
        _("Alla fyra antal lämnas tomma för en rad som inte ska rapporteras ännu."),
        _("Antalen är heltal från 0. Halvår: 1 = januari–juni, 2 = juli–december."),
        _("Verksamheter: %(codes)s.")
        % {"codes": ", ".join(f"{s.code} ({s.name})" for s in services_)},
        _("Om någon rad är fel sparas ingenting; varje fel rad visas med sitt radnummer."),
    ]
    for line in lines:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Reading and checking -------------------------------------------------------------------


def check_file(content: bytes, filename: str, *, today: datetime.date | None = None, offer=None):
    """Read and check a file of the offer's figures (the first offer with follow-up when none is
    given). Returns (rows, errors); a file that cannot be read is one error."""
    try:
        table = read_table(content, filename)
    except ImportFileError as exc:
        return [], [RowError(0, str(exc))]
    return check_table(table, today=today, offer=offer)


def _whole_number(text: str) -> int | None:
    compact = SPACES.sub("", text)
    return int(compact) if re.fullmatch(r"-?\d+", compact) else None


def check_table(table, *, today: datetime.date | None = None, offer=None):
    """Check every row of a table of (row number, cells): the services are the offer's (the
    first offer with follow-up when none is given). Returns (rows, errors)."""
    today = today or timezone.localdate()
    table = [(n, trim_cells(cells)) for n, cells in table]
    table = [(n, cells) for n, cells in table if cells]
    if not table:
        return [], [RowError(0, _("filen är tom."))]
    (header_row, header), *body = table
    columns, header_error = read_header(header, columns=COLUMNS, required=REQUIRED)
    if header_error:
        return [], [RowError(header_row, header_error)]
    by_code = {m.code: m for m in Municipality.objects.all()}
    service_codes = {}
    for service in Service.objects.filter(offer=scope.offer_or_first(offer)):
        service_codes[service.code.casefold()] = service.code
        service_codes[service.name.casefold()] = service.code
    rows, errors, seen = [], [], {}
    for number, cells in body:
        row, messages = _check_row(number, cells, columns, by_code, service_codes, today)
        errors.extend(RowError(number, m) for m in messages)
        if row is None:
            continue
        key = (row.code, row.service, row.year, row.half)
        if key in seen:
            errors.append(
                RowError(
                    number,
                    _("samma kommun, verksamhet och halvår som rad %(first)s.")
                    % {"first": seen[key]},
                )
            )
        else:
            seen[key] = number
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(0, _("filen innehåller inga rader med antal.")))
    if errors:
        return [], errors
    return rows, []


def _check_row(number, cells, columns, by_code, service_codes, today):
    """One row on its own. Returns (row, []) or (None, reasons); (None, []) for a row that
    reports nothing."""
    value = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
    counts_text = {name: value[name] for name in COUNT_COLUMNS}
    if not any(counts_text.values()):
        return None, []
    messages = []
    if len(cells) > len(columns):
        messages.append(_("raden har fler värden än rubrikraden har kolumner."))
    code = value["kommunkod"]
    if not code:
        messages.append(_("kommunkod saknas."))
    elif not re.fullmatch(r"\d{1,4}", code):
        messages.append(_("ogiltig kommunkod %(code)r.") % {"code": code})
    else:
        code = code.zfill(4)
        municipality = by_code.get(code)
        name = value.get("kommun", "")
        if municipality is None:
            messages.append(_("okänd kommunkod %(code)s.") % {"code": code})
        elif name and name.casefold() != municipality.name.casefold():
            messages.append(
                _("kommunen %(name)r stämmer inte med kommunkod %(code)s (%(expected)s).")
                % {"name": name, "code": code, "expected": municipality.name}
            )
    service = service_codes.get(value["verksamhet"].casefold())
    if not value["verksamhet"]:
        messages.append(_("verksamhet saknas."))
    elif service is None:
        messages.append(
            _("okänd verksamhet %(value)r (ska vara %(codes)s).")
            % {
                "value": value["verksamhet"],
                "codes": ", ".join(sorted({c for c in service_codes.values()})),
            }
        )
    year, half = _whole_number(value["år"]), _whole_number(value["halvår"])
    if year is None:
        messages.append(_("året %(value)r är inte ett årtal.") % {"value": value["år"]})
    if half not in (1, 2):
        messages.append(
            _("halvåret ska vara 1 eller 2, inte %(value)r.") % {"value": value["halvår"]}
        )
    if year is not None and half in (1, 2):
        messages.extend(services.check_period(year, half, today=today))
    counts = []
    for column, text in counts_text.items():
        number_ = _whole_number(text)
        if not text:
            messages.append(_("%(column)s saknas.") % {"column": column})
        elif number_ is None:
            messages.append(
                _("%(column)s %(value)r är inte ett heltal.") % {"column": column, "value": text}
            )
        elif number_ < 0:
            messages.append(
                _("%(column)s får inte vara negativt (%(value)s).")
                % {"column": column, "value": number_}
            )
        elif number_ > MAX_COUNT:
            messages.append(
                _("%(column)s %(value)s är orimligt stort.") % {"column": column, "value": number_}
            )
        counts.append(number_)
    if messages:
        return None, messages
    return ImportRow(number, code, service, year, half, tuple(counts)), []


# --- Preview and writing --------------------------------------------------------------------


def preview(rows: list[ImportRow], *, offer=None) -> list[PreviewRow]:
    """Each row with the figures it replaces: four queries. ``offer``: whose services the rows
    name (the first offer with follow-up when none is given)."""
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in={r.code for r in rows})
    }
    service_list = {s.code: s for s in Service.objects.filter(offer=scope.offer_or_first(offer))}
    stored = {
        (f.municipality_id, f.service_id, f.year, f.half): tuple(f.counts().values())
        for f in UsageFigure.objects.filter(
            municipality__in=municipalities.values(), year__in={r.year for r in rows}
        )
    }
    result = []
    for r in rows:
        m, s = municipalities[r.code], service_list[r.service]
        result.append(PreviewRow(r, m.name, s.name, stored.get((m.pk, s.pk, r.year, r.half))))
    return result


def import_rows(rows: list[ImportRow], *, by, today=None, offer=None) -> services.WriteResult:
    """Write the checked rows, all or nothing (ValidationError from services.write_figures).
    ``offer``: whose services the rows name (the first offer with follow-up when none is
    given)."""
    municipalities = dict(
        Municipality.objects.filter(code__in={r.code for r in rows}).values_list("code", "pk")
    )
    service_ids = dict(
        Service.objects.filter(offer=scope.offer_or_first(offer)).values_list("code", "pk")
    )
    figures = [
        services.Figure(
            municipality_id=municipalities[r.code],
            service_id=service_ids[r.service],
            year=r.year,
            half=r.half,
            counts=r.counts,
        )
        for r in rows
    ]
    return services.write_figures(figures, by=by, today=today)
