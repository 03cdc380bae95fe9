"""Who sees and does what: targeted sessions only for their municipality, registration only with
an agreement in force, each contact only their own municipality's registrations."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from municipalities.models import Municipality
from training import services
from training.models import Half, Kind, Mode, RegistrationStatus

from .conftest import JARFALLA, NACKA, TABY


@pytest.fixture
def targeted(taby, make_session):
    return make_session(
        kind=Kind.TARGETED,
        municipality=taby,
        title="Riktad utbildning för Täby",
        half=Half.AFTERNOON,
        mode=Mode.ON_SITE,
        link="",
        location="Täby kommunhus, Esplanaden 3",
    )


def test_a_targeted_session_is_shown_only_to_its_municipality(
    targeted, make_session, client_for, in_force
):
    in_force(NACKA)
    make_session(title="Öppen halvdag för alla")

    taby_page = client_for("contact_taby").get("/utbildning/").content.decode()
    assert "Riktad utbildning för Täby" in taby_page
    assert "Öppen halvdag för alla" in taby_page

    nacka = client_for("contact_nacka")
    page = nacka.get("/utbildning/").content.decode()
    assert "Öppen halvdag för alla" in page
    assert "Riktad utbildning för Täby" not in page
    assert nacka.get(f"/utbildning/{targeted.pk}/").status_code == 404
    assert nacka.get(f"/utbildning/{targeted.pk}/anmal/").status_code == 404
    response = nacka.post(
        f"/utbildning/{targeted.pk}/anmal/",
        {"name": "Nils", "email": "nils@nacka.example.se", "workplace": "Socialtjänsten"},
    )
    assert response.status_code == 404
    assert not targeted.registrations.exists()

    member = client_for("steering_member")
    assert "Riktad utbildning för Täby" not in member.get("/utbildning/").content.decode()
    assert member.get(f"/utbildning/{targeted.pk}/").status_code == 404


def test_a_targeted_session_needs_its_municipality_and_no_other_kind_has_one(users, taby):
    base = {
        "title": "Utbildning",
        "date": datetime.date(2100, 3, 1),
        "half": Half.MORNING,
        "mode": Mode.DIGITAL,
        "link": "https://video.example.se/x",
        "capacity": 10,
    }
    with pytest.raises(ValidationError, match="Välj den kommun"):
        services.create_session(by=users["project_leader"], kind=Kind.TARGETED, **base)
    with pytest.raises(ValidationError, match="Bara en riktad utbildning"):
        services.create_session(
            by=users["project_leader"], kind=Kind.HALF_DAY, municipality=taby, **base
        )


def test_a_contact_without_an_agreement_in_force_cannot_register(users, make_session, client_for):
    session = make_session()
    nacka = Municipality.objects.get(code=NACKA)

    client = client_for("contact_nacka")
    assert "när avtalet gäller" in client.get(f"/utbildning/{session.pk}/").content.decode()
    assert client.get(f"/utbildning/{session.pk}/anmal/").status_code == 403
    response = client.post(
        f"/utbildning/{session.pk}/anmal/",
        {"name": "Nils", "email": "nils@nacka.example.se", "workplace": "Socialtjänsten"},
    )
    assert response.status_code == 403
    with pytest.raises(ValidationError, match="inget gällande avtal"):
        services.register(
            session=session,
            municipality=nacka,
            by=users["contact_nacka"],
            name="Nils",
            email="nils@nacka.example.se",
            workplace="Socialtjänsten",
        )
    assert not session.registrations.exists()


def test_a_contact_registers_a_person_and_the_project_leader_sees_them(
    taby, make_session, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1)
    client = client_for("contact_taby")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/utbildning/{session.pk}/anmal/",
            {"name": "Tilda Täbysson", "email": "tilda@taby.example.se", "workplace": "Vuxen"},
            follow=True,
        )
    assert "Tilda Täbysson har fått en plats" in response.content.decode()
    registration = session.registrations.get()
    assert (registration.municipality.code, registration.status) == (TABY, "bekraftad")
    assert [m.to for m in mailoutbox] == [["tilda@taby.example.se"]]

    page = client_for("project_leader").get(f"/utbildning/{session.pk}/").content.decode()
    assert "Tilda Täbysson" in page
    assert "tilda@taby.example.se" in page


def test_an_empty_or_bad_form_says_what_is_wrong_and_registers_nobody(
    taby, make_session, client_for
):
    session = make_session()
    response = client_for("contact_taby").post(
        f"/utbildning/{session.pk}/anmal/", {"name": "Tilda", "email": "inte-en-adress"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rätta följande" in page
    assert "Arbetsplats" in page
    assert not session.registrations.exists()


def test_a_contact_sees_and_cancels_only_their_own_municipality(
    taby, in_force, make_session, register, contact, client_for
):
    in_force(JARFALLA)
    jarfalla_contact = contact(JARFALLA)
    session = make_session()
    own = register(session, "Tilda")
    other = register(session, "Jonna", by=jarfalla_contact)

    client = client_for("contact_taby")
    page = client.get(f"/utbildning/{session.pk}/").content.decode()
    assert "Tilda" in page
    assert "Jonna" not in page
    assert client.get(f"/utbildning/anmalningar/{other.pk}/avboka/").status_code == 404
    assert client.post(f"/utbildning/anmalningar/{other.pk}/avboka/").status_code == 404
    assert "Jonna" not in client.get("/utbildning/anmalningar/").content.decode()
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED

    # Cancelling asks first; only the POST cancels.
    confirm = client.get(f"/utbildning/anmalningar/{own.pk}/avboka/")
    assert "Avboka Tilda?" in confirm.content.decode()
    own.refresh_from_db()
    assert own.status == RegistrationStatus.CONFIRMED
    response = client.post(f"/utbildning/anmalningar/{own.pk}/avboka/", follow=True)
    assert "Anmälan för Tilda är avbokad." in response.content.decode()
    own.refresh_from_db()
    assert own.status == RegistrationStatus.CANCELLED


def test_finance_reads_registrations_but_cannot_cancel(taby, make_session, register, client_for):
    session = make_session()
    registration = register(session, "Tilda")
    client = client_for("finance")
    assert "Tilda" in client.get(f"/utbildning/{session.pk}/").content.decode()
    assert client.post(f"/utbildning/anmalningar/{registration.pk}/avboka/").status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_the_steering_member_sees_sessions_but_no_names(taby, make_session, register, client_for):
    session = make_session(title="Öppen halvdag")
    register(session, "Tilda")
    client = client_for("steering_member")
    page = client.get(f"/utbildning/{session.pk}/").content.decode()
    assert "Öppen halvdag" in page
    assert "Tilda" not in page
    assert client.get("/utbildning/anmalningar/").status_code == 403


def test_a_contact_who_cancels_is_not_told_who_got_the_place(
    taby, in_force, contact, make_session, register, client_for
):
    in_force(JARFALLA)
    session = make_session(capacity=1)
    own = register(session, "Tilda")
    register(session, "Jonna", by=contact(JARFALLA))
    response = client_for("contact_taby").post(
        f"/utbildning/anmalningar/{own.pk}/avboka/", follow=True
    )
    page = response.content.decode()
    assert "Platsen har gått till den första på väntelistan." in page
    assert "Jonna" not in page
