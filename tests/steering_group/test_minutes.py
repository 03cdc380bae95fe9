"""Minutes: drawn from the agenda, approved (justering) by the chair and the adjuster, then locked,
made into a PDF stored once, and published. Nothing changes after justering."""

import re
import zlib

import pytest
from django.core.exceptions import ValidationError

from steering_group import meetings, services
from steering_group import minutes as minutes_services
from steering_group.models import (
    Attendance,
    Minutes,
    MinutesLocked,
    MinutesParagraph,
)

from .conftest import TABY, local

AGENDA = ["Mötets öppnande", "Uppföljning av nyttjandet per kommun", "Nästa möte"]


@pytest.fixture
def group(term, chair, users, in_force, apply, contact):
    """Chair: styrgrupp. Täby: kontakt.taby (with an account). Järfälla: no account. Täby and
    Järfälla have agreements in force; Nacka's contact has none."""
    in_force(TABY)
    in_force("0123")
    taby, jarfalla = services.choose_applications(
        term=term,
        applications=[
            apply(term, TABY, email=users["contact_taby"].email, name="Tove Täbysson"),
            apply(term, "0123", email="jonna@jarfalla.example.se", name="Jonna Järfällasson"),
        ],
        by=users["project_leader"],
    ).chosen
    jarfalla_contact = contact("0123")
    return {
        "chair": chair,
        "taby": taby,
        "jarfalla": jarfalla,
        "jarfalla_contact": jarfalla_contact,
    }


@pytest.fixture
def meeting(term, group, schedule):
    meeting = schedule(term, local(term.year, 3, 10, 13, 0), agenda=AGENDA)
    meetings.record_attendance(
        meeting,
        present={group["chair"].pk, group["taby"].pk},
        other_attendees="Petra Projektsson, sekreterare",
        by=None,
    )
    return meeting


@pytest.fixture
def draft(meeting, group, users):
    minutes = minutes_services.create_minutes(meeting, by=users["project_leader"])
    minutes_services.save_minutes(
        minutes,
        adjuster=group["taby"],
        paragraphs=[
            {"heading": "Mötets öppnande", "text": "Ordföranden öppnade mötet.", "decision": ""},
            {
                "heading": "Uppföljning av nyttjandet per kommun",
                "text": "Mikamottagningen och KAST redovisade antal besök per kommun.",
                "decision": "Styrgruppen lade redovisningen till handlingarna.",
            },
            {"heading": "Nästa möte", "text": "", "decision": "Nästa möte hålls i oktober."},
        ],
        by=users["project_leader"],
    )
    return Minutes.objects.get(pk=minutes.pk)


def inflated_streams(pdf: bytes) -> bytes:
    """The PDF with its Flate streams decompressed, to look for text inside."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(out)


def approve_both(minutes, users, capture):
    with capture(execute=True):
        first = minutes_services.approve_minutes(minutes, user=users["steering_member"])
        second = minutes_services.approve_minutes(minutes, user=users["contact_taby"])
    return first, second


def test_the_minutes_are_drawn_from_the_agenda(meeting, users):
    minutes = minutes_services.create_minutes(meeting, by=users["project_leader"])
    assert [(p.number, p.heading) for p in minutes.paragraphs.all()] == [
        (1, "Mötets öppnande"),
        (2, "Uppföljning av nyttjandet per kommun"),
        (3, "Nästa möte"),
    ]
    with pytest.raises(ValidationError, match="redan ett protokoll"):
        minutes_services.create_minutes(meeting, by=users["project_leader"])


def test_paragraphs_are_numbered_in_order_and_can_be_struck(draft, group, users):
    minutes_services.save_minutes(
        draft,
        adjuster=group["taby"],
        paragraphs=[
            {"heading": "Nästa möte", "decision": "Oktober."},
            {"heading": "", "text": "", "decision": ""},  # an empty row is no paragraph
            {"heading": "Övrigt", "text": "Inget."},
        ],
        by=users["project_leader"],
    )
    assert [str(p) for p in draft.paragraphs.all()] == ["§ 1 Nästa möte", "§ 2 Övrigt"]


def test_the_adjuster_is_a_member_with_an_account_and_not_the_chair(draft, group, users):
    for adjuster in (group["chair"], group["jarfalla"]):
        with pytest.raises(ValidationError, match="Justeraren"):
            minutes_services.save_minutes(
                draft, adjuster=adjuster, paragraphs=[{"heading": "x"}], by=users["project_leader"]
            )


def test_only_the_chair_and_the_adjuster_approve(draft, users):
    for role in ("project_leader", "finance", "contact_nacka"):
        with pytest.raises(ValidationError, match="ordföranden och mötets justerare"):
            minutes_services.approve_minutes(draft, user=users[role])


def test_approval_by_chair_and_adjuster_locks_and_stores_the_pdf_once(
    draft, users, django_capture_on_commit_callbacks
):
    first, second = approve_both(draft, users, django_capture_on_commit_callbacks)
    assert (first.seat, first.locked) == ("chair", False)
    assert (second.seat, second.locked) == ("adjuster", True)

    draft.refresh_from_db()
    assert draft.is_locked
    assert draft.chair_approved_by == users["steering_member"]
    assert draft.adjuster_approved_by == users["contact_taby"]
    assert draft.chair_name == "Stina Styrgren"
    assert draft.adjuster_name == "Tove Täbysson"
    assert draft.chair_approved_at <= draft.adjuster_approved_at == draft.locked_at
    assert draft.published_at == draft.locked_at

    with draft.pdf.open("rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF-")
    assert b"pdfaid:part" in inflated_streams(pdf)  # PDF/A metadata (XMP)
    from core.pdf import sha256_hex

    assert sha256_hex(pdf) == draft.pdf_sha256
    name = draft.pdf.name

    # A second approval, a second lock, a new PDF: all refused; the stored file stays.
    with pytest.raises(MinutesLocked):
        minutes_services.approve_minutes(draft, user=users["steering_member"])
    draft.pdf_sha256 = "0" * 64
    with pytest.raises(MinutesLocked):
        draft.save()
    draft.refresh_from_db()
    assert (draft.pdf.name, draft.pdf_sha256) == (name, sha256_hex(pdf))


def test_the_pdf_served_is_the_stored_bytes(
    draft, users, client_for, django_capture_on_commit_callbacks
):
    approve_both(draft, users, django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    url = f"/styrgrupp/moten/{draft.meeting_id}/protokoll.pdf"
    first = b"".join(client_for("steering_member").get(url).streaming_content)
    second = b"".join(client_for("contact_taby").get(url).streaming_content)
    assert first == second
    assert first.startswith(b"%PDF-")
    with draft.pdf.open("rb") as stored:
        assert stored.read() == first


def test_publication_goes_to_members_and_contacts_with_an_agreement_in_force(
    draft, group, users, mailoutbox, django_capture_on_commit_callbacks
):
    approve_both(draft, users, django_capture_on_commit_callbacks)
    to = {m.to[0]: m for m in mailoutbox}
    assert set(to) == {
        users["steering_member"].email,  # the chair
        users["contact_taby"].email,  # Täby's member, also Täby's contact
        "jonna@jarfalla.example.se",  # Järfälla's member, no account
        group["jarfalla_contact"].email,  # Järfälla's contact (agreement in force)
    }
    assert users["contact_nacka"].email not in to  # Nacka has no agreement in force
    assert all(m.subject.startswith("Justerat protokoll") for m in mailoutbox)
    link = f"/styrgrupp/moten/{draft.meeting_id}/protokoll/"
    assert link in to[users["contact_taby"].email].body
    # Who has no account cannot follow the link: the PDF comes with the mail.
    (attachment,) = to["jonna@jarfalla.example.se"].attachments
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_payload(decode=True).startswith(b"%PDF-")
    assert to[users["contact_taby"].email].attachments == []


def test_nothing_changes_after_justering(
    draft, meeting, group, users, django_capture_on_commit_callbacks
):
    approve_both(draft, users, django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    paragraph = draft.paragraphs.first()

    paragraph.text = "Ändrad text"
    with pytest.raises(MinutesLocked):
        paragraph.save()
    with pytest.raises(MinutesLocked):
        paragraph.delete()
    with pytest.raises(MinutesLocked):
        MinutesParagraph.objects.create(minutes=draft, number=9, heading="Tillägg")
    draft.adjuster = group["jarfalla"]
    with pytest.raises(MinutesLocked):
        draft.save()
    with pytest.raises(MinutesLocked):
        Minutes.objects.get(pk=draft.pk).delete()
    with pytest.raises(MinutesLocked):
        minutes_services.save_minutes(
            draft,
            adjuster=group["taby"],
            paragraphs=[{"heading": "Ny"}],
            by=users["project_leader"],
        )
    with pytest.raises(MinutesLocked):
        meetings.record_attendance(meeting, present=set(), by=users["project_leader"])
    with pytest.raises(MinutesLocked):
        Attendance.objects.filter(meeting=meeting).first().save()
    with pytest.raises(MinutesLocked):
        meetings.update_meeting(
            meeting,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place="Annan plats",
            agenda=AGENDA,
            by=users["project_leader"],
        )
    with pytest.raises(MinutesLocked):
        meetings.send_invitation(meeting, by=users["project_leader"])
    with pytest.raises(MinutesLocked):
        meetings.delete_meeting(meeting, by=users["project_leader"])
    assert [p.text for p in draft.paragraphs.all()][0] == "Ordföranden öppnade mötet."


def test_editing_after_justering_fails_in_the_pages(
    draft, users, client_for, django_capture_on_commit_callbacks
):
    approve_both(draft, users, django_capture_on_commit_callbacks)
    pk = draft.meeting_id
    client = client_for("project_leader")
    for url in (
        f"/styrgrupp/moten/{pk}/protokoll/redigera/",
        f"/styrgrupp/moten/{pk}/andra/",
        f"/styrgrupp/moten/{pk}/narvaro/",
        f"/styrgrupp/moten/{pk}/handlingar/ny/",
        f"/styrgrupp/moten/{pk}/kallelse/",
    ):
        response = client.post(
            url,
            {
                "p-TOTAL_FORMS": "1",
                "p-INITIAL_FORMS": "0",
                "p-0-heading": "Ändrad",
                "place": "Annan plats",
            },
            follow=True,
        )
        assert response.redirect_chain[0][1] == 302, url
        assert "Protokollet är justerat och låst" in response.content.decode(), url
    draft.refresh_from_db()
    assert [p.heading for p in draft.paragraphs.all()][0] == "Mötets öppnande"
    page = client.get(f"/styrgrupp/moten/{pk}/protokoll/").content.decode()
    assert "Redigera protokollet" not in page


def test_a_change_after_one_approval_clears_the_approvals(draft, group, users):
    minutes_services.approve_minutes(draft, user=users["steering_member"])
    draft.refresh_from_db()
    assert draft.chair_approved_at is not None
    cleared = minutes_services.save_minutes(
        draft,
        adjuster=group["taby"],
        paragraphs=[{"heading": "Mötets öppnande", "text": "Annan text."}],
        by=users["project_leader"],
    )
    draft.refresh_from_db()
    assert cleared is True
    assert draft.chair_approved_at is None and draft.chair_approved_by is None
    # Saving the same words again clears nothing.
    minutes_services.approve_minutes(draft, user=users["steering_member"])
    assert not minutes_services.save_minutes(
        draft,
        adjuster=group["taby"],
        paragraphs=[{"heading": "Mötets öppnande", "text": "Annan text."}],
        by=users["project_leader"],
    )


def test_the_approval_page(draft, users, client_for, django_capture_on_commit_callbacks):
    url = f"/styrgrupp/moten/{draft.meeting_id}/protokoll/justera/"
    assert client_for("project_leader").get(url).status_code == 403
    client = client_for("steering_member")
    assert client.post(url, {}).status_code == 200  # the box must be ticked
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.chair_approved_at and not draft.is_locked
    with django_capture_on_commit_callbacks(execute=True):
        client_for("contact_taby").post(url, {"confirm": "on"})
    draft.refresh_from_db()
    assert draft.is_locked
    # After justering the page sends everyone back to the minutes.
    response = client_for("steering_member").get(url)
    assert response.status_code == 302


def test_published_minutes_are_read_by_contacts_in_force_only(
    draft, users, client_for, django_capture_on_commit_callbacks
):
    minutes_url = f"/styrgrupp/moten/{draft.meeting_id}/protokoll/"
    # A draft is for the term's readers.
    assert client_for("contact_nacka").get(minutes_url).status_code == 403
    approve_both(draft, users, django_capture_on_commit_callbacks)
    assert client_for("contact_nacka").get(minutes_url).status_code == 403
    pdf_url = f"/styrgrupp/moten/{draft.meeting_id}/protokoll.pdf"
    assert client_for("contact_nacka").get(pdf_url).status_code == 403
    index = client_for("contact_taby").get("/styrgrupp/").content.decode()
    assert "Justerade protokoll" in index
    assert f"/styrgrupp/moten/{draft.meeting_id}/protokoll.pdf" in index
