"""Participant lists as XLSX: one session's, or every session of a year. The rows are plain lists
(:func:`session_rows`, :func:`year_rows`) and openpyxl writes them; cancelled registrations are
left out. Text typed by a contact is never read as a formula."""

import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import Registration, RegistrationStatus, TrainingSession
from .selectors import add_waiting_positions

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def _person_headers() -> list[str]:
    return [
        _("Namn"),
        _("E-post"),
        _("Arbetsplats"),
        _("Kommun"),
        _("Status"),
        _("Plats i kön"),
        _("Anmäld"),
        _("Deltog"),
    ]


def _attended(registration: Registration) -> str | None:
    if registration.attended is None:
        return None
    return _("ja") if registration.attended else _("nej")


def _person_row(registration: Registration) -> list:
    return [
        registration.name,
        registration.email,
        registration.workplace,
        registration.municipality.name,
        registration.get_status_display(),
        getattr(registration, "waiting_position", None),
        timezone.localtime(registration.created_at).replace(tzinfo=None),
        _attended(registration),
    ]


def _listed(registrations):
    rows = list(
        registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("municipality", "session")
        .order_by("session__date", "session__start_time", "session_id", "status", "created_at")
    )
    add_waiting_positions(rows)
    return rows


def session_headers() -> list[str]:
    return _person_headers()


def session_rows(session: TrainingSession) -> Iterator[list]:
    """Confirmed first, then the waiting list in its order."""
    for registration in _listed(session.registrations.all()):
        yield _person_row(registration)


def year_headers() -> list[str]:
    return [_("Datum"), _("Utbildning"), _("Slag"), *_person_headers()]


def year_rows(year: int) -> Iterator[list]:
    for registration in _listed(Registration.objects.filter(session__date__year=year)):
        session = registration.session
        yield [session.date, session.title, session.get_kind_display(), *_person_row(registration)]


def write_xlsx(headers: list[str], rows: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for index in range(len(headers)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 22
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text from a contact is never a formula
            elif hasattr(value, "hour"):
                cell.number_format = DATETIME_FORMAT
            elif hasattr(value, "year"):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def session_xlsx(session: TrainingSession) -> bytes:
    title = _("Deltagare %(date)s") % {"date": f"{session.date:%Y-%m-%d}"}
    return write_xlsx(session_headers(), session_rows(session), title=title)


def session_filename(session: TrainingSession) -> str:
    return f"deltagare-utbildning-{session.date:%Y-%m-%d}-{session.pk}.xlsx"


def year_xlsx(year: int) -> bytes:
    title = _("Deltagare %(year)s") % {"year": year}
    return write_xlsx(year_headers(), year_rows(year), title=title)


def year_filename(year: int) -> str:
    return f"deltagare-utbildning-{year}.xlsx"
