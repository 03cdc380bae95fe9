"""Meetings: scheduling with a numbered agenda, the invitation, papers (type, content and size
checked, served only through a view that checks access) and attendance."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from steering_group import meetings
from steering_group.forms import MeetingForm
from steering_group.models import MAX_PAPER_BYTES, Paper

from .conftest import local

PDF = b"%PDF-1.4\n% a paper\n"
DOCX = b"PK\x03\x04" + b"\x00" * 40


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def meeting(term, chair, schedule):
    return schedule(term, local(term.year, 12, 30, 9, 0))


def test_the_agenda_is_numbered_in_order(term, users):
    meeting = meetings.schedule_meeting(
        term=term,
        starts_at=local(term.year, 4, 2, 9),
        ends_at=local(term.year, 4, 2, 11),
        video_link="https://video.example.se/styrgrupp",
        agenda=["Öppnande", "", "  Uppföljning  ", "Avslutning"],
        by=users["project_leader"],
    )
    assert [str(i) for i in meeting.agenda_items.all()] == [
        "1. Öppnande",
        "2. Uppföljning",
        "3. Avslutning",
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_at": -400}, "under"),  # another year
        ({"ends_at": -3}, "sluta efter"),
        ({"place": ""}, "plats eller en videolänk"),
        ({"agenda": []}, "minst en punkt"),
    ],
)
def test_a_meeting_needs_its_year_a_time_a_place_and_an_agenda(term, users, fields, message):
    start = local(term.year, 6, 1, 10)
    data = {
        "term": term,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "place": "Stadshuset",
        "agenda": ["Öppnande"],
        "by": users["project_leader"],
    }
    if "starts_at" in fields:
        data["starts_at"] = start + datetime.timedelta(days=fields.pop("starts_at"))
        data["ends_at"] = data["starts_at"] + datetime.timedelta(hours=1)
    if "ends_at" in fields:
        data["ends_at"] = start + datetime.timedelta(hours=fields.pop("ends_at"))
    data.update(fields)
    with pytest.raises(ValidationError, match=message):
        meetings.schedule_meeting(**data)


def test_the_form_makes_stockholm_time(term):
    form = MeetingForm(
        {
            "date": f"{term.year}-05-12",
            "start_time": "13:00",
            "end_time": "15:30",
            "place": "Stadshuset",
            "agenda": "Öppnande\nUppföljning",
        },
        term=term,
    )
    assert form.is_valid(), form.errors
    starts = form.cleaned_data["starts_at"]
    assert starts.utcoffset() == datetime.timedelta(hours=2)  # summer time
    assert starts.astimezone(datetime.UTC).hour == 11
    assert form.cleaned_data["agenda_items"] == ["Öppnande", "Uppföljning"]


def test_the_project_leader_schedules_and_invites(
    term, chair, users, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("project_leader")
    response = client.post(
        f"/styrgrupp/{term.year}/moten/nytt/",
        {
            "date": f"{term.year}-12-30",
            "start_time": "09:00",
            "end_time": "11:00",
            "place": "Socialförvaltningen",
            "agenda": "Öppnande\nUppföljning per kommun",
        },
    )
    assert response.status_code == 302
    meeting = term.meetings.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/styrgrupp/moten/{meeting.pk}/kallelse/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is not None
    (message,) = mailoutbox
    assert message.to == [chair.email]
    assert "2. Uppföljning per kommun" in message.body
    assert message.attachments[0].get_filename() == "kallelse.ics"


# --- Papers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("program.exe", PDF, "PDF, Word"),
        ("anteckning.txt", b"text", "PDF, Word"),
        ("utan-filandelse", PDF, "PDF, Word"),
        ("rapport.docx", PDF, "stämmer inte"),  # a PDF dressed as docx
        ("rapport.pdf", DOCX, "stämmer inte"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_papers_are_checked_for_type_and_content(name, data, message):
    with pytest.raises(ValidationError, match=message):
        meetings.validate_paper_file(upload(name, data))


def test_papers_are_at_most_20_mb():
    big = upload("stor.pdf", PDF)
    big.size = MAX_PAPER_BYTES + 1
    with pytest.raises(ValidationError, match="för stor"):
        meetings.validate_paper_file(big)
    big.size = MAX_PAPER_BYTES
    assert meetings.validate_paper_file(big) == "pdf"


@pytest.mark.parametrize("name", ["a.pdf", "b.docx", "c.xlsx", "d.PPTX"])
def test_the_four_types_are_accepted(name):
    data = PDF if name.endswith("pdf") else DOCX
    assert meetings.validate_paper_file(upload(name, data)) == name.rsplit(".", 1)[1].lower()


def test_a_paper_is_uploaded_and_served_only_to_the_terms_readers(meeting, users, client_for):
    response = client_for("project_leader").post(
        f"/styrgrupp/moten/{meeting.pk}/handlingar/ny/",
        {"title": "Uppföljning", "file": upload("../../etc/uppfoljning.pdf", PDF)},
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.original_name == "uppfoljning.pdf"
    assert paper.file.name.startswith("steering_group/papers/")
    assert ".." not in paper.file.name
    url = f"/styrgrupp/handlingar/{paper.pk}/"
    response = client_for("steering_member").get(url)  # the chair
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="uppfoljning.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert client_for("contact_taby").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_a_bad_upload_is_shown_again_with_the_reason(meeting, client_for):
    response = client_for("project_leader").post(
        f"/styrgrupp/moten/{meeting.pk}/handlingar/ny/",
        {"file": upload("virus.exe", b"MZ")},
    )
    assert response.status_code == 200
    assert "PDF, Word (docx)" in response.content.decode()
    assert not Paper.objects.exists()


def test_attendance_is_recorded_for_the_members(meeting, chair, client_for):
    response = client_for("project_leader").post(
        f"/styrgrupp/moten/{meeting.pk}/narvaro/",
        {"present": [str(chair.pk)], "other_attendees": "Petra, sekreterare"},
    )
    assert response.status_code == 302
    (attendance,) = meeting.attendance.all()
    assert (attendance.membership, attendance.present) == (chair, True)
    meeting.refresh_from_db()
    assert meeting.other_attendees == "Petra, sekreterare"


def test_a_cancelled_meeting_is_struck_with_its_papers(meeting, users):
    meetings.add_paper(meeting, title="", upload=upload("p.pdf", PDF), by=users["project_leader"])
    meetings.delete_meeting(meeting, by=users["project_leader"])
    assert not Paper.objects.exists()
    assert not meeting.term.meetings.exists()
