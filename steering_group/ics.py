"""A meeting as an iCalendar file (RFC 5545), written by hand: one VCALENDAR with one VEVENT.

- Lines end with CRLF and are folded so that no line is longer than 75 octets (UTF-8), never
  inside a character; a continuation line starts with one space (§ 3.1).
- TEXT values escape backslash, semicolon, comma and newline (§ 3.3.11).
- Times are in UTC ("Z"), so no VTIMEZONE is needed (§ 3.3.5, form #2).
- The UID is the same every time a meeting's invitation is sent; SEQUENCE grows, so a calendar
  updates the event it already has instead of adding a second one.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from core import site

PRODID = "-//Stockholms stad//kommunavtal styrgrupp//SV"
MAX_OCTETS = 75
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash first, then ; and , and every kind of newline."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, joined by CRLF and a space."""
    pieces, current, size = [], "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # Continuation lines begin with a space, which counts towards their 75 octets.
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def utc(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC: 20260512T080000Z."""
    if timezone.is_naive(moment):
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def content_line(name: str, value: str) -> str:
    return fold(f"{name}:{value}")


def calendar(event_lines: list[tuple[str, str]]) -> bytes:
    """A VCALENDAR holding one VEVENT of ``(name, already escaped value)`` pairs."""
    lines = [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        *event_lines,
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    return "".join(content_line(name, value) + CRLF for name, value in lines).encode("utf-8")


def meeting_uid(meeting) -> str:
    return f"styrgrupp-mote-{meeting.pk}@{site.uid_host()}"


def meeting_ics(
    meeting,
    *,
    summary: str,
    description: str,
    now: datetime.datetime | None = None,
    sequence: int | None = None,
) -> bytes:
    """The invitation to ``meeting`` as .ics bytes."""
    now = now or timezone.now()
    location = ", ".join(v for v in (meeting.place, meeting.video_link) if v)
    url = site.absolute_url(reverse("steering_group:meeting", args=[meeting.pk]))
    event = [
        ("UID", meeting_uid(meeting)),
        ("DTSTAMP", utc(now)),
        ("SEQUENCE", str(meeting.invitation_sequence if sequence is None else sequence)),
        ("DTSTART", utc(meeting.starts_at)),
        ("DTEND", utc(meeting.ends_at)),
        ("SUMMARY", escape_text(summary)),
        ("LOCATION", escape_text(location)),
        ("DESCRIPTION", escape_text(description)),
        ("URL", url),
        ("STATUS", "CONFIRMED"),
        ("TRANSP", "OPAQUE"),
    ]
    return calendar(event)
