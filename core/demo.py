"""The clock of the demo data (``load_demo_data``, development only).

The demo replays a short history through the apps' real services: agreements signed in 2021,
invoices and payments since, the steering group's meetings and minutes, training, follow-up.
Each step happens at a moment of its own: the process clock is moved there (time-machine, with the
clock standing still), so that every date and time a service sets itself (a signature's time,
the year of the Bilaga, an invoice's date and number series, a payment, an approval, the audit
history) is what it would have been then.

"Now" is read once, by the command, and every moment is derived from it. A moment after now
has not happened yet and is left out: :meth:`DemoClock.when` returns None for it.
"""

import contextlib
import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


class DemoClock:
    def __init__(self, now: datetime.datetime | None = None):
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)

    def when(self, day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime | None:
        """The moment ``day`` at ``hour``:``minute`` (Stockholm time), or None if it has not come
        yet. Today's moments that lie later in the day are taken as now."""
        if day > self.today:
            return None
        moment = datetime.datetime.combine(
            day, datetime.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE)
        )
        return min(moment, self.now)

    @contextlib.contextmanager
    def at(self, moment: datetime.datetime) -> Iterator[None]:
        """Run the block with the clock standing at ``moment`` (never later than now)."""
        import time_machine  # the dev extra; the demo runs only on a developer's machine

        if moment > self.now:
            raise ValueError(f"the demo cannot act in the future ({moment} > {self.now})")
        with time_machine.travel(moment, tick=False):
            yield
