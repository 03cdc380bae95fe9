"""Intresseanmälan (§ 5): only with an agreement in force, one per municipality and term, and no
contact ever sees another municipality's application."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements import services as agreement_services
from agreements.models import Status
from municipalities.models import Municipality
from steering_group import services
from steering_group.models import Application, ApplicationStatus

from .conftest import NACKA, TABY


def submit(term, user, **fields):
    data = {
        "representative_name": "Tove Täbysson",
        "representative_role": "avdelningschef",
        "representative_email": user.email,
        **fields,
    }
    return services.submit_application(term=term, municipality=user.municipality, by=user, **data)


def test_a_municipality_without_an_agreement_cannot_apply(term, users):
    with pytest.raises(ValidationError, match="inget gällande avtal"):
        submit(term, users["contact_taby"])
    assert not Application.objects.exists()


def test_a_sent_agreement_is_not_enough(term, users):
    taby = users["contact_taby"]
    agreement = agreement_services.prepare_agreement(
        municipality=taby.municipality, by=users["project_leader"]
    )
    agreement.transition(Status.SENT, by=users["project_leader"])
    with pytest.raises(ValidationError, match="inget gällande avtal"):
        submit(term, taby)


@pytest.mark.parametrize(
    ("start_offset", "status", "end_offset", "may_apply"),
    [
        (-60, Status.ACTIVE, None, True),
        (0, Status.ACTIVE, None, True),  # in force from today
        (10, Status.ACTIVE, None, False),  # agreed to start later
        (-60, Status.NOTICE_GIVEN, 20, True),  # notice given, still in force
        (-60, Status.ENDED, -1, False),
    ],
)
def test_an_agreement_in_force_today_is_needed(
    term, users, in_force, today, start_offset, status, end_offset, may_apply
):
    start = today + datetime.timedelta(days=start_offset)
    end = today + datetime.timedelta(days=end_offset) if end_offset is not None else None
    in_force(TABY, start=start, status=status, end=end)
    if may_apply:
        assert submit(term, users["contact_taby"]).status == ApplicationStatus.SUBMITTED
    else:
        with pytest.raises(ValidationError, match="inget gällande avtal"):
            submit(term, users["contact_taby"])


def test_an_agreement_past_its_latest_end_date_is_not_in_force(term, users, in_force, today):
    agreement = in_force(TABY, start=today - datetime.timedelta(days=400))
    agreement.latest_end_date = today - datetime.timedelta(days=1)
    agreement.save()
    with pytest.raises(ValidationError, match="inget gällande avtal"):
        submit(term, users["contact_taby"])


def test_one_application_per_municipality_and_term(term, users, in_force):
    in_force(TABY)
    first = submit(term, users["contact_taby"])
    # Applying again changes the application that is there.
    second = submit(term, users["contact_taby"], representative_name="Tove T. Täbysson")
    assert second.pk == first.pk
    assert Application.objects.get().representative_name == "Tove T. Täbysson"
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            term=term,
            municipality=first.municipality,
            representative_name="Någon",
            representative_role="socialchef",
            representative_email="nagon@taby.example.se",
        )


def test_a_chosen_application_cannot_be_changed_by_the_municipality(term, chair, users, in_force):
    in_force(TABY)
    application = submit(term, users["contact_taby"])
    services.choose_applications(term=term, applications=[application], by=users["project_leader"])
    with pytest.raises(ValidationError, match="redan vald"):
        submit(term, users["contact_taby"], representative_name="Ny Person")


def test_equivalent_role_needs_a_title(term, users, in_force):
    in_force(TABY)
    with pytest.raises(ValidationError, match="motsvarar"):
        submit(term, users["contact_taby"], representative_role="motsvarande")
    application = submit(
        term,
        users["contact_taby"],
        representative_role="motsvarande",
        role_description="Verksamhetschef",
    )
    assert application.role_label == "Verksamhetschef"


def test_last_years_group_takes_no_applications(users, in_force, today):
    in_force(TABY)
    last_year = services.create_term(year=today.year - 1, by=users["project_leader"])
    with pytest.raises(ValidationError, match="stängd"):
        submit(last_year, users["contact_taby"])


# --- Pages --------------------------------------------------------------------------------------


def test_the_contact_applies_and_the_project_leader_is_told(
    term, users, in_force, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    in_force(TABY)
    client = client_for("contact_taby")
    assert "Anmäl intresse för" in client.get("/styrgrupp/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/styrgrupp/{term.year}/intresseanmalan/",
            {
                "representative_name": "Tove Täbysson",
                "representative_role": "avdelningschef",
                "representative_email": "tove@taby.example.se",
            },
        )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/styrgrupp/intresseanmalan/{application.pk}/"
    assert application.submitted_by == users["contact_taby"]
    assert [m.to for m in mailoutbox] == [[users["project_leader"].email]]
    assert "Täby" in mailoutbox[0].subject


def test_a_contact_without_an_agreement_in_force_may_not_apply(term, client_for):
    client = client_for("contact_nacka")
    assert client.get(f"/styrgrupp/{term.year}/intresseanmalan/").status_code == 403
    assert "när avtalet gäller" in client.get("/styrgrupp/").content.decode()


def test_a_contact_never_sees_another_municipalitys_application(
    term, users, in_force, apply, client_for
):
    in_force(TABY)
    taby = submit(term, users["contact_taby"])
    jarfalla = apply(term, "0123")
    client = client_for("contact_taby")
    assert client.get(f"/styrgrupp/intresseanmalan/{taby.pk}/").status_code == 200
    assert client.get(f"/styrgrupp/intresseanmalan/{jarfalla.pk}/").status_code == 404
    assert client.get(f"/styrgrupp/intresseanmalan/{jarfalla.pk}/vantelista/").status_code == 404
    client = client_for("contact_nacka")
    assert client.get(f"/styrgrupp/intresseanmalan/{taby.pk}/").status_code == 404
    # …and an id that does not exist looks the same.
    assert client.get("/styrgrupp/intresseanmalan/999999/").status_code == 404
    assert Municipality.objects.get(code=NACKA).steering_group_applications.count() == 0


def test_the_waiting_list_reason_is_shown_to_the_municipality(term, users, in_force, client_for):
    in_force(TABY)
    application = submit(term, users["contact_taby"])
    response = client_for("project_leader").post(
        f"/styrgrupp/intresseanmalan/{application.pk}/vantelista/",
        {"reason": "Täby satt med förra året; turordning."},
    )
    assert response.status_code == 302
    page = client_for("contact_taby").get(f"/styrgrupp/intresseanmalan/{application.pk}/")
    assert "Täby satt med förra året; turordning." in page.content.decode()
