"""The compliance panel of § 5: "minst två protokollförda möten per år" as met, not yet or at
risk (not met once the year is over), with the meetings held and planned, the members against
the limit of ten, and who is flagged for rotation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steering_group import selectors
from steering_group.selectors import ComplianceStatus, compliance_status

from .conftest import local
from .helpers import lock_without_rendering

MET, NOT_YET, AT_RISK, NOT_MET = (
    ComplianceStatus.MET,
    ComplianceStatus.NOT_YET,
    ComplianceStatus.AT_RISK,
    ComplianceStatus.NOT_MET,
)


@pytest.mark.parametrize(
    ("minuted", "pending", "year_is_over", "expected"),
    [
        (0, 0, False, AT_RISK),
        (0, 1, False, AT_RISK),
        (0, 2, False, NOT_YET),
        (1, 0, False, AT_RISK),
        (1, 1, False, NOT_YET),
        (2, 0, False, MET),
        (3, 0, False, MET),
        (2, 0, True, MET),
        (1, 0, True, NOT_MET),
        (1, 1, True, NOT_YET),  # a meeting held in December still awaits its justering
        (0, 0, True, NOT_MET),
    ],
)
def test_the_rule(minuted, pending, year_is_over, expected):
    assert (
        compliance_status(minuted=minuted, pending=pending, year_is_over=year_is_over) == expected
    )


@pytest.fixture
def midyear(term):
    return local(term.year, 6, 15, 12, 0)


def panel(term, now):
    return selectors.compliance(term, now=now)


def test_no_minuted_meeting_and_none_planned_is_at_risk(term, midyear):
    result = panel(term, midyear)
    assert (result.minuted, result.held, result.planned, result.status) == (0, 0, 0, AT_RISK)
    assert result.missing == 2


def test_no_minuted_meeting_but_two_planned_is_not_yet(term, midyear, schedule):
    schedule(term, local(term.year, 9, 10))
    schedule(term, local(term.year, 11, 20))
    result = panel(term, midyear)
    assert (result.minuted, result.planned, result.status) == (0, 2, NOT_YET)


def test_one_minuted_meeting_and_nothing_more_planned_is_at_risk(term, midyear, schedule):
    lock_without_rendering(schedule(term, local(term.year, 3, 10)))
    result = panel(term, midyear)
    assert (result.minuted, result.held, result.planned, result.status) == (1, 1, 0, AT_RISK)
    assert result.missing == 1


def test_one_minuted_meeting_and_one_planned_is_not_yet(term, midyear, schedule):
    lock_without_rendering(schedule(term, local(term.year, 3, 10)))
    schedule(term, local(term.year, 10, 1))
    result = panel(term, midyear)
    assert (result.minuted, result.held, result.planned, result.status) == (1, 1, 1, NOT_YET)


def test_a_held_meeting_awaiting_justering_counts_as_pending(term, midyear, schedule):
    lock_without_rendering(schedule(term, local(term.year, 3, 10)))
    schedule(term, local(term.year, 6, 1))  # held, minutes not yet approved
    result = panel(term, midyear)
    assert (result.minuted, result.held, result.awaiting_minutes, result.status) == (
        1,
        2,
        1,
        NOT_YET,
    )


def test_two_minuted_meetings_meet_the_rule(term, midyear, schedule):
    lock_without_rendering(schedule(term, local(term.year, 3, 10)))
    lock_without_rendering(schedule(term, local(term.year, 5, 20)))
    result = panel(term, midyear)
    assert (result.minuted, result.held, result.status) == (2, 2, MET)
    assert result.missing == 0


def test_a_year_that_is_over_with_one_minuted_meeting_was_not_met(term, schedule):
    lock_without_rendering(schedule(term, local(term.year, 3, 10)))
    result = panel(term, local(term.year + 1, 1, 10))
    assert result.status == NOT_MET


def test_members_are_counted_against_the_limit(term, chair, midyear):
    result = panel(term, midyear)
    assert (result.member_count, result.max_members, result.over_limit) == (1, 10, False)


@pytest.mark.parametrize(
    ("minuted", "label"), [(0, "I riskzonen"), (1, "I riskzonen"), (2, "Uppfyllt")]
)
def test_the_panel_on_the_term_page(term, chair, schedule, client_for, minuted, label):
    for month in range(1, minuted + 1):
        lock_without_rendering(schedule(term, local(term.year, month, 15)))
    page = client_for("project_leader").get(f"/styrgrupp/{term.year}/").content.decode()
    assert "Minst två protokollförda möten per år" in page
    assert f"{label}</strong>" in page
    assert f"{minuted} av 2 möten har justerat protokoll" in page
    assert "1 av högst 10 personer" in page


def test_the_term_page_needs_the_same_queries_whatever_the_number_of_meetings(
    term, chair, schedule, client_for
):
    client = client_for("project_leader")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/styrgrupp/{term.year}/").status_code == 200
        return len(queries)

    schedule(term, local(term.year, 2, 1))
    lock_without_rendering(schedule(term, local(term.year, 3, 1)))
    few = count()
    for month in (4, 5, 6):
        lock_without_rendering(schedule(term, local(term.year, month, 1)))
    schedule(term, local(term.year, 9, 1))
    assert count() == few
