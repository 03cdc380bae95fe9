"""Documents of the steering group: the minutes as PDF/A, and the text of an invitation.

Both are always in Swedish, whatever language the person who triggers them has chosen.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import site
from core.pdf import render_pdf

from .models import Meeting, Minutes

DOCUMENT_LANGUAGE = "sv"
MINUTES_TEMPLATE = "steering_group/document/minutes_pdf.html"


def absolute_url(path: str) -> str:
    return site.absolute_url(path)


def meeting_url(meeting: Meeting) -> str:
    return absolute_url(reverse("steering_group:meeting", args=[meeting.pk]))


def minutes_url(minutes: Minutes) -> str:
    return absolute_url(reverse("steering_group:minutes", args=[minutes.meeting_id]))


def minutes_title(minutes: Minutes) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        date = timezone.localtime(minutes.meeting.starts_at).strftime("%Y-%m-%d")
        return _("Protokoll från styrgruppens möte %(date)s") % {"date": date}


def minutes_context(minutes: Minutes) -> dict:
    meeting = minutes.meeting
    attendance = sorted(
        meeting.attendance.select_related("membership", "membership__municipality"),
        key=lambda a: (a.membership.seat != "ordforande", a.membership.name),
    )
    return {
        "minutes": minutes,
        "meeting": meeting,
        "term": meeting.term,
        "paragraphs": list(minutes.paragraphs.order_by("number")),
        "present": [a.membership for a in attendance if a.present],
        "absent": [a.membership for a in attendance if not a.present],
        "other_attendees": [line for line in meeting.other_attendees.splitlines() if line.strip()],
    }


def render_minutes_pdf(minutes: Minutes) -> bytes:
    """The approved minutes as PDF/A-3a (core.pdf.render_pdf)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_pdf(MINUTES_TEMPLATE, minutes_context(minutes), title=minutes_title(minutes))


def invitation_summary(meeting: Meeting) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return _("Styrgruppsmöte: %(offer)s") % {"offer": meeting.term.offer.name}


def invitation_description(meeting: Meeting) -> str:
    """The agenda and the link, as plain text (the DESCRIPTION of the .ics and the mail body)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(
            "steering_group/mail/agenda.txt",
            {
                "meeting": meeting,
                "agenda": list(meeting.agenda_items.order_by("number")),
                "link": meeting_url(meeting),
            },
        ).strip()
