"""Places and the waiting list: confirmed while places last, then the waiting list in order of
registration; a cancelled place goes to the first waiting, who gets a mail with the .ics file."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from training import services
from training.models import Registration, RegistrationStatus

from .conftest import hold

CONFIRMED, WAITING, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.CANCELLED,
)


def statuses(session):
    return [
        (r.name, r.status)
        for r in Registration.objects.filter(session=session).order_by("created_at", "pk")
    ]


def waiting_names(session):
    return list(
        session.registrations.filter(status=WAITING)
        .order_by("created_at", "pk")
        .values_list("name", flat=True)
    )


def test_places_are_confirmed_while_they_last_then_the_waiting_list(
    taby, make_session, register, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_session(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Anna", "Bo", "Cecilia", "David"):
            register(session, name)

    assert statuses(session) == [
        ("Anna", CONFIRMED),
        ("Bo", CONFIRMED),
        ("Cecilia", WAITING),
        ("David", WAITING),
    ]
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects["anna@personal.example.se"].startswith("Bekräftad plats")
    assert subjects["cecilia@personal.example.se"].startswith("Väntelista")
    waiting_mail = next(m for m in mailoutbox if m.to == ["david@personal.example.se"])
    assert "väntelistan" in waiting_mail.body
    assert waiting_mail.attachments == []


def test_cancelling_a_confirmed_place_moves_the_first_waiting_up_and_mails_them(
    taby, users, make_session, register, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_session(capacity=2)
    anna, _bo, cecilia, _david = (register(session, n) for n in ("Anna", "Bo", "Cecilia", "David"))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = services.cancel_registration(registration=anna, by=users["contact_taby"])

    assert [r.pk for r in result.promoted] == [cecilia.pk]
    assert statuses(session) == [
        ("Anna", CANCELLED),
        ("Bo", CONFIRMED),
        ("Cecilia", CONFIRMED),
        ("David", WAITING),
    ]
    cecilia.refresh_from_db()
    assert cecilia.promoted_at is not None
    promoted = next(m for m in mailoutbox if m.to == ["cecilia@personal.example.se"])
    assert promoted.subject.startswith("Du har fått en plats")
    assert promoted.cc == [users["contact_taby"].email]
    assert [a.get_filename() for a in promoted.attachments] == ["utbildning.ics"]
    cancelled = next(m for m in mailoutbox if m.to == ["anna@personal.example.se"])
    assert cancelled.subject.startswith("Avbokad")


def test_the_waiting_list_keeps_the_order_of_registration(taby, users, make_session, register):
    session = make_session(capacity=1)
    first = register(session, "Anna")
    for name in ("Bo", "Cecilia", "David"):
        register(session, name)
    assert waiting_names(session) == ["Bo", "Cecilia", "David"]

    services.cancel_registration(registration=first, by=users["contact_taby"])
    assert waiting_names(session) == ["Cecilia", "David"]
    bo = session.registrations.get(name="Bo")
    assert bo.status == CONFIRMED

    services.cancel_registration(registration=bo, by=users["project_leader"])
    assert session.registrations.get(name="Cecilia").status == CONFIRMED
    assert waiting_names(session) == ["David"]


def test_cancelling_a_place_on_the_waiting_list_moves_nobody_up(
    taby, users, make_session, register
):
    session = make_session(capacity=1)
    register(session, "Anna")
    bo = register(session, "Bo")
    register(session, "Cecilia")

    result = services.cancel_registration(registration=bo, by=users["contact_taby"])

    assert result.promoted == []
    assert statuses(session) == [("Anna", CONFIRMED), ("Bo", CANCELLED), ("Cecilia", WAITING)]


def test_more_places_move_the_waiting_list_up_and_fewer_than_confirmed_are_refused(
    taby, users, make_session, register
):
    session = make_session(capacity=1)
    for name in ("Anna", "Bo", "Cecilia", "David"):
        register(session, name)
    fields = {f: getattr(session, f) for f in services.SESSION_FIELDS if f not in ("capacity",)}

    promoted = services.update_session(session, by=users["project_leader"], capacity=3, **fields)

    assert [r.name for r in promoted] == ["Bo", "Cecilia"]
    assert waiting_names(session) == ["David"]
    with pytest.raises(ValidationError, match="3 platser är redan bekräftade"):
        services.update_session(session, by=users["project_leader"], capacity=2, **fields)
    session.refresh_from_db()
    assert session.capacity == 3


def test_a_person_is_registered_once_per_session_until_cancelled(
    taby, users, make_session, register
):
    session = make_session(capacity=1)
    anna = register(session, "Anna", email="anna@taby.example.se")
    with pytest.raises(ValidationError, match="redan anmäld"):
        register(session, "Anna igen", email="ANNA@taby.example.se")

    register(session, "Bo")
    services.cancel_registration(registration=anna, by=users["contact_taby"])
    again = register(session, "Anna", email="anna@taby.example.se")

    # Her place went to Bo; registered again, she is last in the queue.
    assert again.status == WAITING
    assert session.registrations.get(name="Bo").status == CONFIRMED


def test_the_database_refuses_a_second_active_registration_of_one_email(
    taby, users, make_session, register
):
    session = make_session()
    register(session, "Anna", email="anna@taby.example.se")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            session=session,
            municipality=taby,
            name="Anna",
            email="Anna@Taby.example.se",
            workplace="Vuxenenheten",
            status=WAITING,
        )


def test_registration_and_cancellation_close_when_the_session_begins(
    taby, users, make_session, register
):
    session = make_session(capacity=5)
    anna = register(session, "Anna")
    hold(session, days_ago=0)  # today, 09:00
    session.refresh_from_db()
    after_start = session.starts_at + datetime.timedelta(minutes=1)

    with pytest.raises(ValidationError, match="redan börjat"):
        services.register(
            session=session,
            municipality=taby,
            by=users["contact_taby"],
            name="Bo",
            email="bo@taby.example.se",
            workplace="Vuxenenheten",
            now=after_start,
        )
    with pytest.raises(ValidationError, match="redan börjat"):
        services.cancel_registration(registration=anna, by=users["contact_taby"], now=after_start)
    anna.refresh_from_db()
    assert anna.status == CONFIRMED
    assert session.registrations.count() == 1


def test_a_cancelled_registration_cannot_be_cancelled_again(taby, users, make_session, register):
    session = make_session()
    anna = register(session, "Anna")
    services.cancel_registration(registration=anna, by=users["contact_taby"])
    with pytest.raises(ValidationError, match="redan avbokad"):
        services.cancel_registration(registration=anna, by=users["contact_taby"])
    anna.refresh_from_db()
    assert anna.cancelled_at <= timezone.now()
