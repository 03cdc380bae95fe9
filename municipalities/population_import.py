"""Import population figures from SCB's table "Folkmängd i riket, län och kommuner 31 december".

All or nothing: every row is read and checked first; if any row is bad nothing is written and
every bad row is reported with its row number and the reason.

Tolerated: XLSX or CSV (comma, semicolon or tab; UTF-8 or Latin-1), title and header rows, the
Riket and county rows, spaces (also non-breaking) as thousands separators, the code and name in
one cell ("0114 Upplands Väsby") or in two, and extra columns after the population.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from zipfile import BadZipFile

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Municipality, PopulationFigure

CODE = re.compile(r"^\d{4}$")
CODE_AND_NAME = re.compile(r"^(\d{4})\s+(.+)$")
# Rows that are not municipalities: Riket (00), counties (two digits), "Stockholms län".
AGGREGATE = re.compile(r"^(\d{2}(\s.*)?|riket.*|.*\blän)$", re.IGNORECASE)
THOUSANDS = re.compile(r"[\s\u00a0\u202f]")


class ImportFileError(Exception):
    """The file could not be read at all."""


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self):
        return _("Rad %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class ParsedRow:
    row: int
    code: str
    name: str
    population: int


@dataclass(frozen=True)
class PreviewRow:
    municipality: Municipality
    old: int | None
    new: int

    @property
    def change(self) -> int | None:
        return None if self.old is None else self.new - self.old


def read_table(content: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The file's rows as (row number, cells as text), whatever the format."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    if filename.lower().endswith((".csv", ".txt")):
        return _read_csv(content)
    raise ImportFileError(_("Filen måste vara .xlsx eller .csv."))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("Filen går inte att läsa som Excel (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _read_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    # The separator is the one of ; tab , that occurs most often (csv.Sniffer guesses wrong on
    # short files, and SCB's title line has commas of its own).
    sample = text[:8192]
    delimiter = max(";\t,", key=sample.count)
    return [
        (number, [c.strip() for c in cells])
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)
    ]


def _normalise_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip().casefold()
    return name.removesuffix(" kommun").removesuffix(" stad")


def _parse_population(text: str) -> int:
    compact = THOUSANDS.sub("", text)
    if not re.fullmatch(r"-?\d+", compact):
        raise ValueError(text)
    return int(compact)


def parse_rows(table, municipalities_by_code: dict[str, Municipality]):
    """Check every row. Returns (good rows, errors); rows that are not municipalities are skipped."""
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, cells in table:
        cells = list(cells)
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        first = cells[0]
        if CODE.match(first):
            code, name, rest = first, (cells[1] if len(cells) > 1 else ""), cells[2:]
        elif match := CODE_AND_NAME.match(first):
            code, name, rest = match.group(1), match.group(2), cells[1:]
        elif AGGREGATE.match(first) or not re.match(r"^\d", first):
            continue  # a title, a header, Riket or a county
        else:
            errors.append(RowError(number, _("ogiltig kommunkod %(code)r.") % {"code": first}))
            continue
        population_text = rest[0] if rest else ""

        municipality = municipalities_by_code.get(code)
        row_errors = []
        if municipality is None:
            row_errors.append(_("okänd kommunkod %(code)s.") % {"code": code})
        elif _normalise_name(name) != _normalise_name(municipality.name):
            row_errors.append(
                _("namnet %(name)r stämmer inte med kommunkod %(code)s (%(expected)s).")
                % {"name": name, "code": code, "expected": municipality.name}
            )
        if code in seen:
            row_errors.append(
                _("kommunkod %(code)s finns redan på rad %(first)s.")
                % {"code": code, "first": seen[code]}
            )
        else:
            seen[code] = number
        population = None
        if not population_text:
            row_errors.append(_("folkmängd saknas."))
        else:
            try:
                population = _parse_population(population_text)
            except ValueError:
                row_errors.append(
                    _("folkmängden %(value)r är inte ett heltal.") % {"value": population_text}
                )
            else:
                if population <= 0:
                    row_errors.append(
                        _("folkmängden måste vara större än noll (%(value)s).")
                        % {"value": population}
                    )
        if row_errors:
            errors.extend(RowError(number, message) for message in row_errors)
        else:
            parsed.append(ParsedRow(number, code, name, population))
    if not parsed and not errors:
        errors.append(RowError(0, _("filen innehåller inga kommunrader.")))
    return parsed, errors


def check_file(content: bytes, filename: str):
    """Read and check a file. Returns (rows, errors); a file that cannot be read is one error."""
    by_code = {m.code: m for m in Municipality.objects.all()}
    try:
        table = read_table(content, filename)
    except ImportFileError as exc:
        return [], [RowError(0, str(exc))]
    return parse_rows(table, by_code)


def preview(rows: list[ParsedRow], reference_date: datetime.date) -> list[PreviewRow]:
    """Old figure, new figure and change for each row, in one query."""
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=[r.code for r in rows])
    }
    old = dict(
        PopulationFigure.objects.filter(
            reference_date=reference_date, municipality__code__in=municipalities
        ).values_list("municipality__code", "population")
    )
    result = [PreviewRow(municipalities[r.code], old.get(r.code), r.population) for r in rows]
    return sorted(result, key=lambda p: p.municipality.code)


@transaction.atomic
def apply(rows: list[ParsedRow], reference_date: datetime.date, source: str) -> tuple[int, int]:
    """Write the figures for the date. Returns (created, updated)."""
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=[r.code for r in rows])
    }
    created = updated = 0
    for r in rows:
        _figure, was_created = PopulationFigure.objects.update_or_create(
            municipality=municipalities[r.code],
            reference_date=reference_date,
            defaults={"population": r.population, "source": source},
        )
        created += was_created
        updated += not was_created
    return created, updated
