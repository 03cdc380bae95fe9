"""The confirmation mail and its calendar file (RFC 5545 through steering_group/ics.py): Swedish,
to the person with the contact as a copy, times in UTC, one UID per session, SEQUENCE raised when
the time or place changes."""

import datetime

import pytest

from training import services
from training.models import Half, Mode


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def properties(data: bytes) -> dict[str, str]:
    return dict(line.split(":", 1) for line in unfold(data) if line and ":" in line)


@pytest.fixture
def session(taby, make_session):
    return make_session(
        title="Halvdag: Mikamottagningen, KAST; regionkoordinatorerna",
        date=datetime.date(2099, 5, 12),
        half=Half.AFTERNOON,
        start_time=datetime.time(13, 0),
        end_time=datetime.time(16, 30),
        mode=Mode.ON_SITE,
        link="",
        location="Socialförvaltningen, Swedenborgsgatan 20, Stockholm",
        description="Information och kompetenshöjande innehåll.",
        capacity=1,
    )


def test_the_confirmation_carries_the_session_as_a_calendar_file(
    session, users, register, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kommunavtal.example.se"
    with django_capture_on_commit_callbacks(execute=True):
        register(session, "Anna", email="anna@taby.example.se")

    (mail,) = mailoutbox
    assert mail.subject == "Bekräftad plats: utbildning 2099-05-12"
    assert mail.to == ["anna@taby.example.se"]
    assert mail.cc == [users["contact_taby"].email]
    assert "Hej Anna!" in mail.body
    assert "Du är anmäld av Täby" in mail.body
    assert "Socialförvaltningen, Swedenborgsgatan 20, Stockholm" in mail.body
    assert f"https://kommunavtal.example.se/utbildning/{session.pk}/" in mail.body

    (part,) = mail.attachments
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "utbildning.ics"
    data = part.get_payload(decode=True)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    props = properties(data)
    assert props["UID"] == f"utbildning-{session.pk}@kommunavtal.example.se"
    assert props["DTSTART"] == "20990512T110000Z"  # 13:00 in Stockholm's summer time
    assert props["DTEND"] == "20990512T143000Z"
    assert props["SEQUENCE"] == "0"
    assert props["SUMMARY"] == "Halvdag: Mikamottagningen\\, KAST\\; regionkoordinatorerna"
    assert props["LOCATION"] == "Socialförvaltningen\\, Swedenborgsgatan 20\\, Stockholm"
    assert props["URL"] == f"https://kommunavtal.example.se/utbildning/{session.pk}/"
    assert "Information och kompetenshöjande innehåll." in props["DESCRIPTION"]


def test_the_waiting_list_mail_has_no_calendar_file_and_the_promotion_has_one(
    session, users, register, mailoutbox, django_capture_on_commit_callbacks
):
    first = register(session, "Anna")
    with django_capture_on_commit_callbacks(execute=True):
        register(session, "Bo")
    (waiting,) = mailoutbox
    assert waiting.subject == "Väntelista: utbildning 2099-05-12"
    assert "Du står på väntelistan" in waiting.body
    assert waiting.attachments == []

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first, by=users["project_leader"])
    promoted = next(m for m in mailoutbox if m.to == ["bo@personal.example.se"])
    assert "flyttats upp från väntelistan" in promoted.body
    (part,) = promoted.attachments
    assert b"DTSTART:20990512T110000Z" in part.get_payload(decode=True)


def test_no_copy_when_the_contact_registers_themselves(
    session, users, register, mailoutbox, django_capture_on_commit_callbacks
):
    contact = users["contact_taby"]
    with django_capture_on_commit_callbacks(execute=True):
        register(session, "Kontakten", email=contact.email.upper())
    assert mailoutbox[0].cc == []


def test_a_new_time_raises_the_sequence_and_mails_the_confirmed(
    session, users, register, mailoutbox, django_capture_on_commit_callbacks
):
    register(session, "Anna")
    register(session, "Bo")  # waiting: not told of the change
    fields = {f: getattr(session, f) for f in services.SESSION_FIELDS}
    fields["start_time"] = datetime.time(14, 0)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(session, by=users["project_leader"], **fields)

    session.refresh_from_db()
    assert session.revision == 1
    (mail,) = mailoutbox
    assert mail.to == ["anna@personal.example.se"]
    assert mail.subject.startswith("Ändrad tid eller plats")
    props = properties(mail.attachments[0].get_payload(decode=True))
    assert props["SEQUENCE"] == "1"
    assert props["DTSTART"] == "20990512T120000Z"
    assert props["UID"].startswith(f"utbildning-{session.pk}@")


def test_a_change_of_the_description_alone_sends_nothing(
    session, users, register, mailoutbox, django_capture_on_commit_callbacks
):
    register(session, "Anna")
    fields = {f: getattr(session, f) for f in services.SESSION_FIELDS}
    fields["description"] = "Ny beskrivning."
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(session, by=users["project_leader"], **fields)
    session.refresh_from_db()
    assert session.revision == 0
    assert mailoutbox == []


def test_the_calendar_file_can_be_downloaded_from_the_session_page(session, client_for):
    response = client_for("contact_taby").get(f"/utbildning/{session.pk}/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="utbildning.ics"' in response["Content-Disposition"]
    assert properties(response.content)["DTSTART"] == "20990512T110000Z"
