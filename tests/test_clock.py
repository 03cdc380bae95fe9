"""The test clock itself: a mark sets the day for one test, and the run's clock (CI's awkward
days) is the one every other test sees."""

import datetime as dt

import time_machine
from django.utils import timezone

from tests.clock import on
from tests.conftest import TEST_TODAY


@on("2028-02-29", hour=23)
def test_a_marked_test_sees_its_own_day_in_stockholm():
    # 23:00 in Stockholm is 22:00 UTC: the local date, not the UTC one, is the day set.
    assert timezone.localdate() == dt.date(2028, 2, 29)
    assert timezone.now().astimezone(dt.UTC).hour == 22


def test_the_run_sees_the_day_ci_chose_or_the_real_one():
    if TEST_TODAY:
        assert timezone.localdate() == dt.date.fromisoformat(TEST_TODAY)
    else:
        assert not time_machine.escape_hatch.is_travelling()
