"""Writes of the steering group's meetings: scheduling with a numbered agenda, the invitation by
e-mail with an .ics file, papers (validated for type, content and size) and attendance. Nothing
of a meeting changes once its minutes are locked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import documents, ics, mail
from .models import (
    MAX_PAPER_BYTES,
    PAPER_EXTENSIONS,
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesLocked,
    Paper,
    Term,
)

# The first bytes of the allowed paper types: PDF, and the zip container of docx/xlsx/pptx.
PAPER_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
}


def refuse_if_locked(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting_id=meeting.pk, locked_at__isnull=False).exists():
        raise MinutesLocked()


def _check_meeting(
    *, term: Term, starts_at, ends_at, place: str, video_link: str, agenda: list[str]
) -> list[str]:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("meeting times must be aware")
    errors = []
    if timezone.localtime(starts_at).year != term.year:
        errors.append(
            _("Mötet måste hållas under %(year)s, styrgruppens år.") % {"year": term.year}
        )
    if ends_at <= starts_at:
        errors.append(_("Mötet måste sluta efter att det har börjat."))
    if not (place or "").strip() and not (video_link or "").strip():
        errors.append(_("Ange en plats eller en videolänk."))
    items = [line.strip() for line in agenda if line and line.strip()]
    if not items:
        errors.append(_("Dagordningen behöver minst en punkt."))
    if errors:
        raise ValidationError(errors)
    return items


def _set_agenda(meeting: Meeting, items: list[str]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number=number, title=title[:300])
        for number, title in enumerate(items, start=1)
    )


@transaction.atomic
def schedule_meeting(
    *,
    term: Term,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    video_link: str = "",
    agenda: list[str],
    by,
) -> Meeting:
    items = _check_meeting(
        term=term,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        agenda=agenda,
    )
    meeting = Meeting.objects.create(
        term=term,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_link=video_link.strip(),
        created_by=by,
    )
    _set_agenda(meeting, items)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    video_link: str = "",
    agenda: list[str],
    by,
) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("term").get(pk=meeting.pk)
    )
    refuse_if_locked(meeting)
    items = _check_meeting(
        term=meeting.term,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        agenda=agenda,
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.video_link = place.strip(), video_link.strip()
    meeting.save()
    _set_agenda(meeting, items)
    return meeting


@transaction.atomic
def delete_meeting(meeting: Meeting, *, by) -> None:
    """A cancelled meeting goes away with its papers and draft minutes; a minuted one stays."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refuse_if_locked(meeting)
    files = [paper.file for paper in meeting.papers.all()]
    Minutes.objects.filter(meeting=meeting).delete()
    meeting.papers.all().delete()
    meeting.delete()
    for stored in files:
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))


@transaction.atomic
def send_invitation(
    meeting: Meeting, *, by, now: datetime.datetime | None = None
) -> list[mail.Recipient]:
    """Mail the invitation, with the agenda and an .ics file, to every member of the term. Sending
    it again (after a change) raises the SEQUENCE, so calendars update the same event."""
    now = now or timezone.now()
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("term").get(pk=meeting.pk)
    )
    refuse_if_locked(meeting)
    recipients = mail.member_recipients(meeting.term)
    if not recipients:
        raise ValidationError(
            _("Styrgruppen %(year)s har inga ledamöter att kalla.") % {"year": meeting.term.year},
            code="no_members",
        )
    if meeting.invitation_sent_at is not None:
        meeting.invitation_sequence += 1
    meeting.invitation_sent_at = now
    meeting.save(update_fields=["invitation_sent_at", "invitation_sequence"])
    description = documents.invitation_description(meeting)
    calendar = ics.meeting_ics(
        meeting,
        summary=documents.invitation_summary(meeting),
        description=description,
        now=now,
    )
    context = {
        "meeting": meeting,
        "agenda_text": description,
        "link": documents.meeting_url(meeting),
        "update": meeting.invitation_sequence > 0,
    }

    def send():
        for recipient in recipients:
            mail.send(
                template="invitation",
                context={**context, "recipient_name": recipient.name},
                to=recipient.email,
                attachments=[
                    mail.attachment(
                        calendar,
                        maintype="text",
                        subtype="calendar",
                        filename="kallelse.ics",
                        method="PUBLISH",
                        charset="utf-8",
                    )
                ],
            )

    transaction.on_commit(send)
    return recipients


# --- Papers -------------------------------------------------------------------------------------


def validate_paper_file(upload) -> str:
    """The extension (pdf, docx, xlsx, pptx) if the upload is an allowed paper of at most 20 MB
    whose content looks like its type; else ValidationError."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in PAPER_EXTENSIONS:
        raise ValidationError(
            _("Filen måste vara PDF, Word (docx), Excel (xlsx) eller PowerPoint (pptx)."),
            code="file_type",
        )
    if upload.size > MAX_PAPER_BYTES:
        raise ValidationError(
            _("Filen är för stor: högst %(mb)s MB.") % {"mb": MAX_PAPER_BYTES // (1024 * 1024)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("Filen är tom."), code="file_empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(PAPER_SIGNATURES[extension]):
        raise ValidationError(
            _("Filens innehåll stämmer inte med filtypen .%(ext)s.") % {"ext": extension},
            code="file_content",
        )
    return extension


@transaction.atomic
def add_paper(meeting: Meeting, *, title: str, upload, by) -> Paper:
    refuse_if_locked(meeting)
    validate_paper_file(upload)
    original = (getattr(upload, "name", "") or "handling").rsplit("/", 1)[-1][:255]
    paper = Paper(
        meeting=meeting,
        title=title.strip() or original,
        original_name=original,
        size=upload.size,
        uploaded_by=by,
    )
    paper.file.save(original, upload, save=False)
    try:
        paper.save()
    except BaseException:
        paper.file.storage.delete(paper.file.name)
        raise
    return paper


@transaction.atomic
def delete_paper(paper: Paper, *, by) -> None:
    refuse_if_locked(paper.meeting)
    stored = paper.file
    paper.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


# --- Attendance ---------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    meeting: Meeting, *, present: set[int], other_attendees: str = "", by
) -> None:
    """Who of the term's members were present (``present``: membership ids)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refuse_if_locked(meeting)
    for membership in meeting.term.memberships.all():
        Attendance.objects.update_or_create(
            meeting=meeting,
            membership=membership,
            defaults={"present": membership.pk in present},
        )
    meeting.other_attendees = (other_attendees or "").strip()
    meeting.save(update_fields=["other_attendees"])
