"""The test clock: a test that depends on the date says which day it is.

``@on("2026-05-12")`` (a pytest mark of time-machine) sets the clock to 10:00 that day in
Stockholm before any fixture runs, and lets it tick. It nests inside the whole run's clock, which
CI moves to awkward days (tests/conftest.py, KOMMUNAVTAL_TEST_TODAY).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def moment(day: str, hour: int = 10) -> dt.datetime:
    """'2026-05-12' → 10:00 that day in Stockholm, as an aware datetime."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=STOCKHOLM)


def on(day: str, hour: int = 10):
    """A mark that sets the clock to ``day`` at ``hour`` (Stockholm) for one test or module."""
    return pytest.mark.time_machine(moment(day, hour), tick=True)
