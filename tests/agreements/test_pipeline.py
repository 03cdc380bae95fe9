"""The pipeline status: derived from agreements and contact notes, for all municipalities at once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, Status
from agreements.models_pipeline import ContactNote, ContactStage, ResidentsMet
from agreements.pipeline import PipelineStatus, pipeline_state
from agreements.selectors import (
    add_months,
    ending_soon,
    pipeline_row,
    pipeline_rows,
    pipeline_summary,
)
from municipalities.models import Municipality, PopulationFigure
from offers.models import Service

TODAY = datetime.date(2026, 6, 10)


@pytest.fixture
def vallentuna(reference_data):
    return Municipality.objects.get(code="0115")


def note(municipality, day, stage, by=None, text="Samtal med socialchefen"):
    return ContactNote.objects.create(
        municipality=municipality, date=day, stage=stage, text=text, created_by=by
    )


# --- The pure rule ------------------------------------------------------------------------------


def test_the_host_is_vardkommun_whatever_else_is_known():
    state = pipeline_state(
        is_host=True,
        agreements=[Agreement(status=Status.ACTIVE)],
        latest_stage=ContactStage.INTEREST,
        today=TODAY,
    )
    assert state.status == PipelineStatus.HOST


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.SENT, PipelineStatus.AGREEMENT_SENT),
        (Status.SIGNED_BY_MUNICIPALITY, PipelineStatus.AGREEMENT_SENT),
        (Status.ACTIVE, PipelineStatus.JOINED),
        (Status.NOTICE_GIVEN, PipelineStatus.NOTICE_GIVEN),
        (Status.DRAFT, PipelineStatus.IN_DIALOGUE),  # a draft is not sent: the notes decide
        (Status.ENDED, PipelineStatus.IN_DIALOGUE),
        (Status.WITHDRAWN, PipelineStatus.IN_DIALOGUE),
    ],
)
def test_an_agreement_decides_before_the_notes(status, expected):
    state = pipeline_state(
        is_host=False,
        agreements=[Agreement(status=status)],
        latest_stage=ContactStage.IN_DIALOGUE,
        today=TODAY,
    )
    assert state.status == expected


def test_without_agreement_or_note_the_municipality_is_not_contacted():
    state = pipeline_state(is_host=False, agreements=[], latest_stage=None, today=TODAY)
    assert state.status == PipelineStatus.NOT_CONTACTED
    assert state.label == "ej kontaktad"
    assert not state.is_joined


def test_ended_or_withdrawn_only_and_no_note_is_not_contacted():
    agreements = [Agreement(status=Status.ENDED), Agreement(status=Status.WITHDRAWN)]
    state = pipeline_state(is_host=False, agreements=agreements, latest_stage=None, today=TODAY)
    assert state.status == PipelineStatus.NOT_CONTACTED


def test_an_agreement_in_force_past_its_last_day_counts_as_ended():
    expired = Agreement(status=Status.ACTIVE, latest_end_date=TODAY - datetime.timedelta(days=1))
    state = pipeline_state(
        is_host=False, agreements=[expired], latest_stage=ContactStage.INTEREST, today=TODAY
    )
    assert state.status == PipelineStatus.INTEREST
    last_day = Agreement(status=Status.ACTIVE, latest_end_date=TODAY)
    state = pipeline_state(is_host=False, agreements=[last_day], latest_stage=None, today=TODAY)
    assert state.status == PipelineStatus.JOINED


def test_notice_given_is_still_joined_until_its_end_date():
    agreement = Agreement(
        status=Status.NOTICE_GIVEN,
        notice_date=datetime.date(2026, 5, 31),
        end_date=datetime.date(2026, 6, 30),
    )
    state = pipeline_state(is_host=False, agreements=[agreement], latest_stage=None, today=TODAY)
    assert state.status == PipelineStatus.NOTICE_GIVEN
    assert state.is_joined
    assert state.end_date == datetime.date(2026, 6, 30)
    assert state.agreement is agreement


def test_the_strongest_agreement_wins_whatever_the_order():
    ended, active = Agreement(status=Status.ENDED), Agreement(status=Status.ACTIVE)
    sent = Agreement(status=Status.SENT)
    for agreements in ([ended, sent, active], [active, sent, ended]):
        state = pipeline_state(is_host=False, agreements=agreements, latest_stage=None, today=TODAY)
        assert state.status == PipelineStatus.JOINED


def test_public_label_hides_the_project_leaders_notes():
    dialogue = pipeline_state(
        is_host=False, agreements=[], latest_stage=ContactStage.INTEREST, today=TODAY
    )
    assert dialogue.public_label == "inget avtal registrerat"
    joined = pipeline_state(
        is_host=False, agreements=[Agreement(status=Status.ACTIVE)], latest_stage=None, today=TODAY
    )
    assert joined.public_label == "ansluten"


# --- Through the database: every status from real agreements and notes --------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, PipelineStatus.NOT_CONTACTED),
        (Status.DRAFT, PipelineStatus.NOT_CONTACTED),
        (Status.SENT, PipelineStatus.AGREEMENT_SENT),
        (Status.SIGNED_BY_MUNICIPALITY, PipelineStatus.AGREEMENT_SENT),
        (Status.ACTIVE, PipelineStatus.JOINED),
        (Status.NOTICE_GIVEN, PipelineStatus.NOTICE_GIVEN),
        (Status.ENDED, PipelineStatus.NOT_CONTACTED),
        (Status.WITHDRAWN, PipelineStatus.NOT_CONTACTED),
    ],
)
def test_status_from_each_agreement_status(status, expected, make_agreement, vallentuna):
    if status is not None:
        make_agreement("0115", status=status, start=datetime.date(2026, 1, 1))
    assert pipeline_row(vallentuna, today=TODAY).state.status == expected


def test_the_latest_note_by_date_decides(vallentuna, users):
    note(vallentuna, datetime.date(2026, 3, 1), ContactStage.IN_DIALOGUE)
    assert pipeline_row(vallentuna, today=TODAY).state.status == PipelineStatus.IN_DIALOGUE
    note(vallentuna, datetime.date(2026, 4, 1), ContactStage.INTEREST)
    row = pipeline_row(vallentuna, today=TODAY)
    assert row.state.status == PipelineStatus.INTEREST
    assert row.last_contact == datetime.date(2026, 4, 1)
    # A note entered later but dated earlier does not move the status back.
    note(vallentuna, datetime.date(2026, 2, 1), ContactStage.IN_DIALOGUE)
    assert pipeline_row(vallentuna, today=TODAY).state.status == PipelineStatus.INTEREST
    # Two notes on the same day: the one entered last.
    note(vallentuna, datetime.date(2026, 4, 1), ContactStage.IN_DIALOGUE)
    assert pipeline_row(vallentuna, today=TODAY).state.status == PipelineStatus.IN_DIALOGUE


def test_after_an_ended_agreement_the_notes_decide_again(make_agreement, vallentuna):
    make_agreement("0115", status=Status.ENDED, start=datetime.date(2025, 1, 1))
    note(vallentuna, datetime.date(2026, 5, 1), ContactStage.INTEREST)
    assert pipeline_row(vallentuna, today=TODAY).state.status == PipelineStatus.INTEREST
    make_agreement("0115", status=Status.SENT)
    assert pipeline_row(vallentuna, today=TODAY).state.status == PipelineStatus.AGREEMENT_SENT


def test_the_host_and_gotland(reference_data):
    rows = {r.municipality.code: r for r in pipeline_rows(today=TODAY)}
    assert rows["0180"].state.status == PipelineStatus.HOST
    assert rows["0980"].state.status == PipelineStatus.NOT_CONTACTED


def test_residents_met_counts_this_year_only(vallentuna, users):
    mika, kast = Service.objects.get(code="mikamottagningen"), Service.objects.get(code="kast")
    for day, service, count in [
        (datetime.date(2026, 1, 1), mika, 2),
        (datetime.date(2026, 12, 31), kast, 3),
        (datetime.date(2025, 12, 31), mika, 100),
        (datetime.date(2027, 1, 1), mika, 100),
    ]:
        ResidentsMet.objects.create(municipality=vallentuna, date=day, service=service, count=count)
    assert pipeline_row(vallentuna, today=TODAY).residents_met == 5


def test_rows_are_in_swedish_order_and_the_summary_leaves_out_the_host(make_agreement):
    make_agreement("0182", status=Status.ACTIVE)
    make_agreement("0160", status=Status.NOTICE_GIVEN, end_date=datetime.date(2026, 7, 1))
    make_agreement("0115", status=Status.SENT)
    rows = pipeline_rows(today=TODAY)
    names = [r.municipality.name for r in rows]
    assert names[-3:] == ["Vaxholm", "Värmdö", "Österåker"]
    summary = pipeline_summary(rows)
    assert (summary.joined, summary.not_joined) == (2, len(rows) - 3)


def test_without_dialogue_no_note_is_read(vallentuna):
    note(vallentuna, datetime.date(2026, 3, 1), ContactStage.INTEREST)
    (row,) = pipeline_rows(Municipality.objects.filter(pk=vallentuna.pk), include_dialogue=False)
    assert row.state.status == PipelineStatus.NOT_CONTACTED
    assert row.last_contact is None and row.residents_met == 0


def test_the_selector_uses_two_queries_whatever_the_data(reference_data, make_agreement, users):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            rows = pipeline_rows(today=TODAY)
            for row in rows:  # everything a page reads from a row
                _ = (row.state.label, row.state.end_date, row.last_contact, row.residents_met)
                if row.state.agreement:
                    _ = row.state.agreement.municipality.name
        return len(ctx.captured_queries), len(rows)

    before, n_before = count()
    mika = Service.objects.get(code="mikamottagningen")
    for i in range(30):
        m = Municipality.objects.create(code=f"2{i:03d}", name=f"Extra {i}", county="Test")
        PopulationFigure.objects.create(municipality=m, reference_date="2018-12-31", population=9)
        for day in range(1, 4):
            note(
                m, datetime.date(2026, 1, day), ContactStage.IN_DIALOGUE, by=users["project_leader"]
            )
            ResidentsMet.objects.create(
                municipality=m, date=datetime.date(2026, 2, day), service=mika, count=day
            )
    make_agreement("0182", status=Status.ACTIVE)
    make_agreement("0160", status=Status.NOTICE_GIVEN, end_date=datetime.date(2026, 7, 1))
    make_agreement("0115", status=Status.SIGNED_BY_MUNICIPALITY)
    after, n_after = count()
    assert n_after == n_before + 30
    assert after == before == 2


# --- Agreements ending soon (start page) -------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 1, 15), 3) == datetime.date(2026, 4, 15)
    assert add_months(datetime.date(2027, 11, 30), 3) == datetime.date(2028, 2, 29)


def test_ending_soon_uses_the_end_date_or_the_latest_end_date(make_agreement):
    notice = make_agreement("0182", status=Status.NOTICE_GIVEN, end_date=datetime.date(2026, 7, 10))
    latest = make_agreement(
        "0160", status=Status.ACTIVE, latest_end_date=datetime.date(2026, 9, 10)
    )
    make_agreement("0115", status=Status.ACTIVE, latest_end_date=datetime.date(2026, 9, 11))
    make_agreement("0114", status=Status.ACTIVE, latest_end_date=datetime.date(2026, 6, 9))
    assert ending_soon(today=TODAY) == [notice, latest]
