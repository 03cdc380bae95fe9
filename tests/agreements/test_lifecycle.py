"""The status machine, notice, the end of an agreement, immutability and frozen templates."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from agreements import services
from agreements.models import TRANSITIONS, Agreement, AgreementTemplate, Signature, Status

ALL_MOVES = [(a, b) for a in Status for b in Status if a != b]
ALLOWED = {
    (Status.DRAFT, Status.SENT),
    (Status.DRAFT, Status.WITHDRAWN),
    (Status.SENT, Status.SIGNED_BY_MUNICIPALITY),
    (Status.SENT, Status.WITHDRAWN),
    (Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE),
    (Status.ACTIVE, Status.NOTICE_GIVEN),
    (Status.ACTIVE, Status.ENDED),
    (Status.NOTICE_GIVEN, Status.ENDED),
}


def test_the_transition_table_is_exactly_the_agreed_one():
    table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == ALLOWED


@pytest.mark.parametrize(("source", "target"), ALL_MOVES)
def test_every_move_is_allowed_or_refused_and_leaves_a_history_row(
    source, target, make_agreement, users
):
    agreement = make_agreement(status=source)
    assert agreement.status == source
    before = agreement.history.count()
    if (source, target) in ALLOWED:
        change = agreement.transition(target, by=users["project_leader"], comment="test")
        agreement.refresh_from_db()
        assert agreement.status == target
        assert (change.from_status, change.to_status, change.by) == (
            source,
            target,
            users["project_leader"],
        )
        assert agreement.history.count() == before + 1
    else:
        with pytest.raises(ValidationError, match="kan inte gå från"):
            agreement.transition(target, by=users["project_leader"])
        agreement.refresh_from_db()
        assert agreement.status == source
        assert agreement.history.count() == before


def test_status_is_not_a_form_field():
    assert Agreement._meta.get_field("status").editable is False


def test_at_most_one_pending_or_active_agreement_per_municipality(make_agreement, nacka, users):
    make_agreement(status=Status.SENT)
    with pytest.raises(ValidationError, match="redan ett avtal"):
        services.prepare_agreement(municipality=nacka, by=users["project_leader"])
    # The database refuses it too, whoever tries.
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(municipality=nacka, template=AgreementTemplate.objects.first())


def test_a_withdrawn_or_ended_agreement_makes_room_for_a_new_one(make_agreement, nacka, users):
    make_agreement(status=Status.WITHDRAWN)
    second = services.prepare_agreement(municipality=nacka, by=users["project_leader"])
    second.transition(Status.WITHDRAWN, by=users["project_leader"])
    assert services.prepare_agreement(municipality=nacka, by=users["project_leader"]).pk


@pytest.mark.parametrize(
    ("notice", "end"),
    [
        (datetime.date(2025, 1, 31), datetime.date(2025, 2, 28)),
        (datetime.date(2024, 1, 31), datetime.date(2024, 2, 29)),
        (datetime.date(2025, 11, 30), datetime.date(2025, 12, 30)),
        (datetime.date(2025, 12, 15), datetime.date(2026, 1, 15)),
    ],
)
def test_notice_ends_the_agreement_one_calendar_month_later(make_agreement, users, notice, end):
    agreement = make_agreement(status=Status.ACTIVE, start=datetime.date(2023, 1, 1))
    result = services.give_notice(
        agreement, by=users["contact_nacka"], notice_date=notice, party="kommunen"
    )
    agreement.refresh_from_db()
    assert result == end == agreement.end_date
    assert agreement.status == Status.NOTICE_GIVEN
    assert agreement.notice_party == "kommunen"
    assert agreement.history.first().by == users["contact_nacka"]


def test_notice_cannot_end_later_than_the_latest_end_date(make_agreement, users):
    agreement = make_agreement(status=Status.ACTIVE, latest_end_date=datetime.date(2025, 12, 31))
    end = services.give_notice(
        agreement,
        by=users["project_leader"],
        notice_date=datetime.date(2025, 12, 15),
        party="stockholms_stad",
    )
    assert end == datetime.date(2025, 12, 31)


def test_notice_before_the_start_is_refused(make_agreement, users):
    agreement = make_agreement(status=Status.ACTIVE, start=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.give_notice(
            agreement,
            by=users["project_leader"],
            notice_date=datetime.date(2025, 2, 1),
            party="kommunen",
        )
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE and agreement.end_date is None


def test_an_agreement_past_its_end_shows_as_ended_and_is_closed(make_agreement, users):
    agreement = make_agreement(status=Status.ACTIVE, latest_end_date=datetime.date(2026, 12, 31))
    assert agreement.display_status(datetime.date(2026, 12, 31)) == "gällande"
    assert agreement.display_status(datetime.date(2027, 1, 1)) == "avslutat"
    assert services.close_expired(today=datetime.date(2026, 12, 31)) == []
    assert services.close_expired(today=datetime.date(2027, 1, 1)) == [agreement]
    agreement.refresh_from_db()
    assert agreement.status == Status.ENDED


def test_signed_for_a_later_start_it_reads_undertecknat_until_that_day(make_agreement, client_for):
    agreement = make_agreement("0182", status=Status.ACTIVE, start=datetime.date(2027, 1, 1))
    assert agreement.display_status(datetime.date(2026, 12, 31)) == (
        "undertecknat, gäller från 2027-01-01"
    )
    assert agreement.display_status(datetime.date(2027, 1, 1)) == "gällande"
    with time_machine.travel(datetime.datetime(2026, 12, 20, 12, tzinfo=datetime.UTC)):
        client = client_for("project_leader")  # logged in on the day: sessions expire
        for path in (f"/avtal/{agreement.pk}/", "/avtal/"):
            page = client.get(path).content.decode()
            assert "Undertecknat, gäller från 2027-01-01" in page, path
            assert not re.search(r">Gällande</(td|strong)>", page), path  # (a filter may offer it)
    with time_machine.travel(datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC)):
        client = client_for("project_leader")
        assert ">Gällande</strong>" in client.get(f"/avtal/{agreement.pk}/").content.decode()


def test_the_daily_command_closes_what_has_ended_and_says_so(make_agreement):
    ended = make_agreement(status=Status.ACTIVE, latest_end_date=datetime.date(2026, 12, 31))
    out = io.StringIO()
    call_command("close_expired_agreements", "--date", "2026-12-31", stdout=out)
    assert out.getvalue().strip() == "0 avtal avslutade."
    out = io.StringIO()
    call_command("close_expired_agreements", "--date", "2027-01-01", stdout=out)
    assert f"avslutat: {ended}" in out.getvalue()
    assert "1 avtal avslutade." in out.getvalue()
    ended.refresh_from_db()
    assert ended.status == Status.ENDED
    assert ended.history.filter(to_status=Status.ENDED).exists()
    with pytest.raises(CommandError):
        call_command("close_expired_agreements", "--date", "1 januari")


def test_in_force_on_a_date(make_agreement):
    agreement = make_agreement(
        status=Status.ACTIVE,
        start=datetime.date(2025, 6, 10),
        latest_end_date=datetime.date(2026, 12, 31),
    )
    assert not agreement.is_in_force_on(datetime.date(2025, 6, 9))
    assert agreement.is_in_force_on(datetime.date(2025, 6, 10))
    assert agreement.is_in_force_on(datetime.date(2026, 12, 31))
    assert not agreement.is_in_force_on(datetime.date(2027, 1, 1))


def test_signed_content_never_changes(make_agreement):
    agreement = make_agreement(status=Status.SENT, department="Socialtjänsten")
    agreement.department = "Individ- och familjeomsorgen"
    agreement.save()  # still changeable before the municipality signs
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=None)
    agreement.department = "Något annat"
    with pytest.raises(ValidationError, match="undertecknat avtal ändras inte"):
        agreement.save()
    agreement.refresh_from_db()
    assert agreement.department == "Individ- och familjeomsorgen"


def test_a_template_is_editable_until_the_first_signature(make_agreement, users, template_2023):
    agreement = make_agreement(status=Status.SENT)
    assert agreement.template == template_2023
    template_2023.check_editable()  # no error: nobody has signed yet
    Signature.objects.create(
        agreement=agreement,
        party="kommunen",
        user=users["contact_nacka"],
        full_name="Nils Nackasson",
        title="Socialchef",
        document_sha256="0" * 64,
    )
    assert template_2023.is_frozen
    with pytest.raises(ValidationError, match="låst"):
        template_2023.check_editable()
    assert not AgreementTemplate.objects.get(version="2021").is_frozen


def test_reference_templates_have_every_section(template_2023):
    headings = list(template_2023.sections.values_list("heading", flat=True))
    assert headings[0] == "Inledning"
    assert headings[-1] == "Underskrift"
    assert [h.split()[1] for h in headings[1:-1]] == [str(n) for n in range(1, 12)]
    assert "med en månads varsel" in template_2023.sections.get(heading__startswith="§ 11").body
