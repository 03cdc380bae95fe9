"""A training session as an iCalendar file, written with the steering group's RFC 5545 helpers
(steering_group/ics.py: escaping, folding at 75 octets, CRLF, UTC times).

The UID is the same for every participant and every mail of a session; SEQUENCE is the session's
``revision``, raised when its time or place changes, so a calendar updates the event it has.
"""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import site
from steering_group.ics import calendar, escape_text, utc

from .models import TrainingSession

FILENAME = "utbildning.ics"


def session_uid(session: TrainingSession) -> str:
    return f"utbildning-{session.pk}@{site.uid_host()}"


def session_url(session: TrainingSession) -> str:
    return site.absolute_url(reverse("training:session", args=[session.pk]))


def session_description(session: TrainingSession) -> str:
    with translation.override("sv"):
        lines = [session.description.strip()] if session.description.strip() else []
        if session.link:
            lines.append(_("Länk: %(link)s") % {"link": session.link})
        lines.append(_("Mer information: %(url)s") % {"url": session_url(session)})
        return "\n".join(lines)


def session_ics(session: TrainingSession, *, now: datetime.datetime | None = None) -> bytes:
    """The session as .ics bytes: one VEVENT, times in UTC."""
    now = now or timezone.now()
    event = [
        ("UID", session_uid(session)),
        ("DTSTAMP", utc(now)),
        ("SEQUENCE", str(session.revision)),
        ("DTSTART", utc(session.starts_at)),
        ("DTEND", utc(session.ends_at)),
        ("SUMMARY", escape_text(session.title)),
        ("LOCATION", escape_text(session.where)),
        ("DESCRIPTION", escape_text(session_description(session))),
        ("URL", session_url(session)),
        ("STATUS", "CONFIRMED"),
        ("TRANSP", "OPAQUE"),
    ]
    return calendar(event)
