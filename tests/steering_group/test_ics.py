"""The invitation's calendar file, RFC 5545 written by hand: CRLF, folding at 75 octets, escaping,
UTC times, and one UID per meeting whatever the number of times it is sent."""

import datetime

import pytest

from steering_group import ics

from .conftest import local


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def properties(data: bytes) -> dict[str, str]:
    return dict(line.split(":", 1) for line in unfold(data) if line)


def test_text_values_are_escaped():
    assert ics.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


@pytest.mark.parametrize("text", ["x" * 200, "å" * 100, "Dagordning: " + "ö€" * 60])
def test_long_lines_are_folded_at_75_octets_never_inside_a_character(text):
    folded = ics.fold(f"DESCRIPTION:{text}")
    pieces = folded.encode("utf-8").split(b"\r\n")
    assert len(pieces) > 1
    assert all(len(piece) <= 75 for piece in pieces)
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    for piece in pieces:
        piece.decode("utf-8")  # no character was cut in two
    assert folded.replace("\r\n ", "") == f"DESCRIPTION:{text}"


def test_a_short_line_is_not_folded():
    assert ics.fold("SUMMARY:Möte") == "SUMMARY:Möte"


def test_times_are_written_in_utc():
    assert ics.utc(local(2026, 5, 12, 10, 0)) == "20260512T080000Z"  # summer time, UTC+2
    assert ics.utc(local(2026, 1, 20, 10, 0)) == "20260120T090000Z"  # winter time, UTC+1
    with pytest.raises(ValueError):
        ics.utc(datetime.datetime(2026, 1, 20, 10, 0))


@pytest.fixture
def meeting(term, schedule):
    meeting = schedule(
        term,
        local(term.year, 5, 12, 13, 0),
        agenda=["Mötets öppnande", "Uppföljning av nyttjandet; per kommun, per verksamhet"],
    )
    meeting.video_link = "https://video.example.se/styrgruppen?rum=1"
    meeting.save()
    return meeting


def test_the_meeting_as_a_calendar_file(meeting, settings):
    settings.SITE_URL = "https://kommunavtal.example.se"
    now = datetime.datetime(2026, 4, 1, 8, 30, tzinfo=datetime.UTC)
    data = ics.meeting_ics(
        meeting, summary="Styrgruppsmöte, Mika/KAST", description="Rad ett\nRad två; tre", now=now
    )

    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare line feeds
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    lines = unfold(data)
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT")
    props = properties(data)
    assert props["VERSION"] == "2.0"
    assert props["PRODID"] == ics.PRODID
    assert props["UID"] == f"styrgrupp-mote-{meeting.pk}@kommunavtal.example.se"
    assert props["DTSTAMP"] == "20260401T083000Z"
    assert props["DTSTART"] == f"{meeting.term.year}0512T110000Z"
    assert props["DTEND"] == f"{meeting.term.year}0512T130000Z"
    assert props["SUMMARY"] == "Styrgruppsmöte\\, Mika/KAST"
    assert props["LOCATION"] == (
        "Socialförvaltningen\\, Swedenborgsgatan 20\\, Stockholm\\, "
        "https://video.example.se/styrgruppen?rum=1"
    )
    assert props["DESCRIPTION"] == "Rad ett\\nRad två\\; tre"
    assert props["SEQUENCE"] == "0"


def test_sending_the_invitation_again_keeps_the_uid_and_raises_the_sequence(
    meeting, chair, users, mailoutbox, django_capture_on_commit_callbacks
):
    from steering_group import meetings

    for _round in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            meetings.send_invitation(meeting, by=users["project_leader"])
    first, second = mailoutbox
    assert first.subject.startswith("Kallelse")
    assert second.subject.startswith("Ändrad kallelse")
    files = [m.attachments[0] for m in mailoutbox]
    assert all(f.get_content_type() == "text/calendar" for f in files)
    assert all(f.get_filename() == "kallelse.ics" for f in files)
    one, two = (properties(f.get_payload(decode=True)) for f in files)
    assert one["UID"] == two["UID"]
    assert (one["SEQUENCE"], two["SEQUENCE"]) == ("0", "1")
    # The payload keeps its CRLF line endings through the mail.
    assert b"\r\nEND:VCALENDAR\r\n" in files[0].get_payload(decode=True)
    assert "Uppföljning av nyttjandet; per kommun, per verksamhet" in first.body
