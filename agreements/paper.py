"""Agreements signed on paper: import them from a file, and attach the scanned original.

The file is CSV (comma or semicolon; UTF-8 or cp1252) or XLSX with the header row
``kommunkod,start_date,signed_on,end_date,notice_date`` (the columns in any order), dates as
YYYY-MM-DD; signed_on, end_date and notice_date may be empty.

All or nothing, like the population import: every row is checked first; if any row is bad nothing
is written and every bad row is reported as "Rad N: reason".

Decisions:

- ``signed_on`` (stored in ``paper_signed_on``) may be any date up to today, before or after the
  start: municipalities have signed both before and after the agreed start.
- ``notice_date`` without ``end_date``: the agreement ends one calendar month later (§ 11,
  :func:`invoicing.rules.end_date_after_notice`). ``end_date`` without ``notice_date``: a fixed
  end. Both: the end must lie between the notice date and one month after it (an earlier fixed end
  stands, as in :func:`agreements.services.give_notice`). A notice date lies in the past.
- The file does not say who gave notice, so ``notice_party`` is left blank.
- A municipality with an open agreement (draft up to notice given) gets no imported agreement: the
  database allows one open agreement per municipality. An ended agreement must not overlap.
- One municipality may have several rows if they do not overlap and each but the latest has
  already ended. Agreements are written in order of start date.
- The status is the one the agreement has today, reached only through ``Agreement.transition``:
  draft → sent → signed by the municipality → active, then → notice given when there is a notice
  date, then → ended when the end date has passed. Each step is recorded with the importing user
  (none from the command) and the comment "Importerat pappersavtal".
- The template version is the one in force on the start date (``AgreementTemplate.in_force_on``).
  Paper agreements are of the installation's first offer (they predate the others): its versions,
  and its open agreements, are the ones checked.
- Codes that Excel turned into numbers (184) are read as 0184; date cells are read as dates.
- A scan is a PDF of at most 20 MB, attached once; a second one is refused (the first is the
  record of what was signed; a wrong scan is removed by an administrator).
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.collation import swedish_key
from core.tables import read_header, trim_cells
from municipalities.models import Municipality
from municipalities.orgnr import normalise_municipal_orgnr
from municipalities.population_import import ImportFileError, read_table
from offers.models import Offer
from offers.rules import end_date_after_notice

from .models import OPEN_STATUSES, Agreement, AgreementTemplate, Status

COLUMNS = ("kommunkod", "start_date", "signed_on", "end_date", "notice_date")
DATE_FIELDS = COLUMNS[1:]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An XLSX date cell is read as "2021-03-01 00:00:00".
MIDNIGHT = " 00:00:00"
COMMENT = "Importerat pappersavtal"
MAX_SCAN_BYTES = 20 * 1024 * 1024


def field_label(name: str) -> str:
    return {
        "start_date": _("startdatum"),
        "signed_on": _("undertecknat"),
        "end_date": _("slutdatum"),
        "notice_date": _("uppsägningsdatum"),
    }[name]


@dataclass(frozen=True)
class RowError:
    row: int  # 0: the file as a whole
    message: str

    def __str__(self):
        if not self.row:
            return self.message[:1].upper() + self.message[1:]
        return _("Rad %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class PaperImportError(Exception):
    """Nothing was written; ``errors`` says why."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class PaperRow:
    """A checked row: exactly what will be written, and the status it will reach."""

    row: int
    code: str
    municipality: str
    template: str  # AgreementTemplate.version
    start_date: datetime.date
    signed_on: datetime.date | None
    end_date: datetime.date | None
    notice_date: datetime.date | None
    end_from_notice: bool
    status: str

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    def to_json(self) -> dict:
        return {
            k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in asdict(self).items()
        }

    @classmethod
    def from_json(cls, data: dict) -> "PaperRow":
        values = dict(data)
        for name in DATE_FIELDS:
            values[name] = datetime.date.fromisoformat(values[name]) if values[name] else None
        return cls(**values)


@dataclass
class _Entry:
    """A row whose cells are all readable, on its way to becoming a PaperRow."""

    row: int
    municipality: Municipality
    template: AgreementTemplate | None
    start_date: datetime.date
    signed_on: datetime.date | None
    end_date: datetime.date | None
    notice_date: datetime.date | None
    end_from_notice: bool
    status: Status

    def overlaps(self, start: datetime.date, last_day: datetime.date | None) -> bool:
        return _overlap(self.start_date, self.end_date, start, last_day)


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    """Two periods, each from its start up to and including its last day (None: no end)."""
    return a_start <= (b_end or datetime.date.max) and b_start <= (a_end or datetime.date.max)


def resulting_status(
    *, end_date: datetime.date | None, notice_date: datetime.date | None, today: datetime.date
) -> Status:
    """The status a paper agreement has today: ended once its last day has passed."""
    if end_date is not None and end_date < today:
        return Status.ENDED
    if notice_date is not None:
        return Status.NOTICE_GIVEN
    return Status.ACTIVE


def transition_path(status: Status, *, notice_given: bool) -> list[Status]:
    """The steps from draft to ``status`` for an agreement signed by both parties on paper."""
    path = [Status.SENT, Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE]
    if notice_given:
        path.append(Status.NOTICE_GIVEN)
    if status == Status.ENDED:
        path.append(Status.ENDED)
    return path


# --- Reading and checking -------------------------------------------------------------------


def check_file(content: bytes, filename: str, *, today: datetime.date | None = None):
    """Read and check a file. Returns (rows, errors); a file that cannot be read is one error."""
    try:
        table = read_table(content, filename)
    except ImportFileError as exc:
        return [], [RowError(0, str(exc))]
    return check_table(table, today=today)


def check_table(table, *, today: datetime.date | None = None):
    """Check every row of a table of (row number, cells). Returns (rows, errors)."""
    today = today or timezone.localdate()
    table = [(n, trim_cells(cells)) for n, cells in table]
    table = [(n, cells) for n, cells in table if cells]
    if not table:
        return [], [RowError(0, _("filen är tom."))]
    (header_row, header), *body = table
    columns, header_error = read_header(header, columns=COLUMNS)
    if header_error:
        return [], [RowError(header_row, header_error)]
    by_code = {m.code: m for m in Municipality.objects.all()}
    errors: list[RowError] = []
    entries: list[_Entry] = []
    for number, cells in body:
        entry, messages = _check_row(number, cells, columns, by_code, today)
        errors.extend(RowError(number, m) for m in messages)
        if entry is not None:
            entries.append(entry)
    if not body:
        errors.append(RowError(0, _("filen innehåller inga avtalsrader.")))
    errors.extend(_check_against_others(entries))
    errors.sort(key=lambda e: e.row)
    if errors:
        return [], errors
    return [_paper_row(e) for e in entries], []


def _parse_date(text: str, name: str) -> tuple[datetime.date | None, str]:
    """(date, "") or (None, reason); an empty cell is (None, "")."""
    text = text.removesuffix(MIDNIGHT)
    if not text:
        return None, ""
    if not ISO_DATE.match(text):
        return None, _("%(field)s %(value)r skrivs inte som ÅÅÅÅ-MM-DD.") % {
            "field": field_label(name),
            "value": text,
        }
    try:
        return datetime.date.fromisoformat(text), ""
    except ValueError:
        return None, _("%(field)s %(value)s finns inte i kalendern.") % {
            "field": field_label(name),
            "value": text,
        }


def _check_row(number, cells, columns, by_code, today):
    """One row on its own. Returns (entry or None, reasons)."""
    messages: list[str] = []
    if len(cells) > len(COLUMNS):
        messages.append(
            _("raden har fler värden än rubrikraden har kolumner (%(count)s).")
            % {"count": len(COLUMNS)}
        )
    value = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}

    code = value["kommunkod"]
    municipality = None
    if not code:
        messages.append(_("kommunkod saknas."))
    elif not re.fullmatch(r"\d{1,4}", code):
        messages.append(_("ogiltig kommunkod %(code)r.") % {"code": code})
    else:
        code = code.zfill(4)
        municipality = by_code.get(code)
        if municipality is None:
            messages.append(_("okänd kommunkod %(code)s.") % {"code": code})
        elif municipality.is_host:
            messages.append(
                _("%(name)s är värdkommun och kan inte ha något avtal.")
                % {"name": municipality.name}
            )
        elif municipality.org_number:
            # The agreement takes the municipality's number: it must be one of a municipality.
            try:
                normalise_municipal_orgnr(municipality.org_number)
            except ValidationError as exc:
                messages.append(
                    _("%(name)s: %(error)s Rätta kommunens organisationsnummer först.")
                    % {"name": municipality.name, "error": " ".join(exc.messages)}
                )

    dates = {}
    for name in DATE_FIELDS:
        dates[name], problem = _parse_date(value[name], name)
        if problem:
            messages.append(problem)
    start, signed, end, notice = (dates[n] for n in DATE_FIELDS)
    if start is None and not value["start_date"]:
        messages.append(_("startdatum saknas."))
    template = None
    if start is not None:
        template = AgreementTemplate.in_force_on(start)
        if template is None:
            messages.append(
                _("ingen avtalsversion gäller %(start)s.") % {"start": start.isoformat()}
            )
        if end is not None and end < start:
            messages.append(
                _("slutdatum %(end)s ligger före startdatum %(start)s.")
                % {"end": end.isoformat(), "start": start.isoformat()}
            )
        if notice is not None and notice < start:
            messages.append(
                _("uppsägningsdatum %(notice)s ligger före startdatum %(start)s.")
                % {"notice": notice.isoformat(), "start": start.isoformat()}
            )
    if signed is not None and signed > today:
        messages.append(
            _("undertecknat %(date)s ligger i framtiden.") % {"date": signed.isoformat()}
        )
    end_from_notice = False
    if notice is not None:
        if notice > today:
            messages.append(
                _("uppsägningsdatum %(date)s ligger i framtiden.") % {"date": notice.isoformat()}
            )
        latest = end_date_after_notice(notice_date=notice)
        if end is None:
            end, end_from_notice = latest, True
        elif end < notice:
            messages.append(
                _("slutdatum %(end)s ligger före uppsägningsdatum %(notice)s.")
                % {"end": end.isoformat(), "notice": notice.isoformat()}
            )
        elif end > latest:
            messages.append(
                _(
                    "slutdatum %(end)s ligger mer än en månad efter uppsägningsdatum "
                    "%(notice)s (senast %(latest)s)."
                )
                % {
                    "end": end.isoformat(),
                    "notice": notice.isoformat(),
                    "latest": latest.isoformat(),
                }
            )
    if messages:
        return None, messages
    return (
        _Entry(
            row=number,
            municipality=municipality,
            template=template,
            start_date=start,
            signed_on=signed,
            end_date=end,
            notice_date=notice,
            end_from_notice=end_from_notice,
            status=resulting_status(end_date=end, notice_date=notice, today=today),
        ),
        [],
    )


def _check_against_others(entries: list[_Entry]) -> list[RowError]:
    """Rows against the agreements in the database and against each other."""
    errors = []
    existing = defaultdict(list)
    for agreement in Agreement.objects.filter(
        municipality__in={e.municipality for e in entries}, offer=Offer.objects.default()
    ).exclude(status=Status.WITHDRAWN):
        existing[agreement.municipality_id].append(agreement)
    # Within the file, the later of two rows is the one reported.
    earlier: dict[int, list[_Entry]] = defaultdict(list)
    for entry in entries:
        name = entry.municipality.name
        for agreement in existing[entry.municipality.pk]:
            if agreement.status in OPEN_STATUSES:
                errors.append(
                    RowError(
                        entry.row,
                        _(
                            "%(name)s har redan ett avtal som pågår eller gäller (%(status)s); "
                            "en kommun kan bara ha ett sådant avtal åt gången."
                        )
                        % {"name": name, "status": Status(agreement.status).label},
                    )
                )
            elif agreement.start_date and entry.overlaps(agreement.start_date, agreement.last_day):
                errors.append(
                    RowError(
                        entry.row,
                        _("överlappar ett avtal med %(name)s som redan finns (%(start)s–%(end)s).")
                        % {
                            "name": name,
                            "start": agreement.start_date.isoformat(),
                            "end": agreement.last_day.isoformat() if agreement.last_day else "",
                        },
                    )
                )
        for other in earlier[entry.municipality.pk]:
            first = min(entry, other, key=lambda e: (e.start_date, e.row))
            if entry.overlaps(other.start_date, other.end_date):
                errors.append(
                    RowError(
                        entry.row,
                        _("överlappar rad %(other)s, som gäller samma kommun (%(name)s).")
                        % {"other": other.row, "name": name},
                    )
                )
            elif first.status != Status.ENDED:
                errors.append(
                    RowError(
                        entry.row,
                        _(
                            "rad %(other)s gäller också %(name)s, och det tidigare av de två "
                            "avtalen har inte upphört; en kommun kan bara ha ett gällande avtal "
                            "åt gången."
                        )
                        % {"other": other.row, "name": name},
                    )
                )
        earlier[entry.municipality.pk].append(entry)
    return errors


def _paper_row(entry: _Entry) -> PaperRow:
    return PaperRow(
        row=entry.row,
        code=entry.municipality.code,
        municipality=entry.municipality.name,
        template=entry.template.version,
        start_date=entry.start_date,
        signed_on=entry.signed_on,
        end_date=entry.end_date,
        notice_date=entry.notice_date,
        end_from_notice=entry.end_from_notice,
        status=entry.status.value,
    )


def _as_table(rows: list[PaperRow]):
    """The rows as they were in the file, to check them again."""
    header = (0, list(COLUMNS))
    return [header] + [
        (
            r.row,
            [
                r.code,
                r.start_date.isoformat(),
                r.signed_on.isoformat() if r.signed_on else "",
                "" if r.end_from_notice or not r.end_date else r.end_date.isoformat(),
                r.notice_date.isoformat() if r.notice_date else "",
            ],
        )
        for r in rows
    ]


# --- Writing --------------------------------------------------------------------------------


def import_rows(rows: list[PaperRow], *, by, today: datetime.date | None = None) -> list[Agreement]:
    """Write the checked rows, exactly as checked, or nothing (raises PaperImportError).

    Returns the agreements in the order of the rows. The rows are checked again against the database as it is now, so that what was previewed is
    what is written: if anything changed in between, nothing is written.
    """
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            # Serialise imports for the same municipalities.
            list(Municipality.objects.select_for_update().filter(code__in={r.code for r in rows}))
            checked, errors = check_table(_as_table(rows), today=today)
            if errors:
                raise PaperImportError(errors)
            if checked != rows:
                raise PaperImportError(
                    [
                        RowError(
                            0,
                            _(
                                "uppgifterna har ändrats sedan förhandsvisningen. Ladda upp "
                                "filen igen."
                            ),
                        )
                    ]
                )
            # In order of start, so that a municipality's ended agreement comes before its next.
            created = {
                row.row: _create(row, by=by)
                for row in sorted(rows, key=lambda r: (r.start_date, r.row))
            }
            return [created[row.row] for row in rows]
    except IntegrityError as exc:
        raise PaperImportError(
            [RowError(0, _("en annan ändring hann före. Ladda upp filen igen."))]
        ) from exc


def _create(row: PaperRow, *, by) -> Agreement:
    municipality = Municipality.objects.get(code=row.code)
    # Every field is set before the first transition: after signing they may not change.
    agreement = Agreement.objects.create(
        municipality=municipality,
        template=AgreementTemplate.objects.get(offer=Offer.objects.default(), version=row.template),
        org_number=municipality.org_number,
        agreed_start_date=row.start_date,
        start_date=row.start_date,
        end_date=row.end_date,
        notice_date=row.notice_date,
        notice_party="",
        signed_on_paper=True,
        paper_signed_on=row.signed_on,
        created_by=by,
    )
    for step in transition_path(Status(row.status), notice_given=bool(row.notice_date)):
        agreement.transition(step, by=by, comment=COMMENT)
    return agreement


def summary(agreements: list[Agreement]) -> str:
    """'3 pappersavtal importerade: 1 gällande, 1 uppsagt, 1 avslutat.'"""
    counts = Counter(a.status for a in agreements)
    parts = [f"{counts[s]} {s.label}" for s in Status if counts[s]]
    head = ngettext(
        "%(count)s pappersavtal importerat", "%(count)s pappersavtal importerade", len(agreements)
    ) % {"count": len(agreements)}
    return f"{head}: {', '.join(parts)}." if parts else f"{head}."


# --- Reading back and scans ------------------------------------------------------------------


def paper_agreements() -> list[Agreement]:
    """Every agreement signed on paper, by municipality in Swedish order, then start date."""
    agreements = Agreement.objects.filter(signed_on_paper=True).select_related(
        "municipality", "template"
    )
    return sorted(agreements, key=lambda a: (swedish_key(a.municipality.name), a.start_date))


def check_scan(upload) -> None:
    """A scan is a PDF (its content starts with %PDF) of at most 20 MB."""
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("Filen är större än %(mb)s MB.") % {"mb": MAX_SCAN_BYTES // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    start = upload.read(4)
    upload.seek(0)
    if start != b"%PDF":
        raise ValidationError(_("Filen är inte en PDF."), code="not_pdf")


@transaction.atomic
def attach_scan(agreement: Agreement, *, upload) -> None:
    """Store the scanned original of a paper agreement, once."""
    check_scan(upload)
    locked = (
        Agreement.objects.select_for_update().select_related("municipality").get(pk=agreement.pk)
    )
    if not locked.signed_on_paper:
        raise ValidationError(_("Avtalet är inte undertecknat på papper."), code="not_paper")
    if locked.scan:
        raise ValidationError(
            _("Avtalet har redan ett inskannat original. Det byts inte ut."),
            code="scan_exists",
        )
    locked.scan.save(f"avtal-{locked.pk}-{locked.municipality.code}.pdf", upload, save=False)
    locked.save(update_fields=["scan"])
    agreement.scan = locked.scan
