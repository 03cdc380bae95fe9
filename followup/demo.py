"""Demo data of the follow-up: the counts of each municipality of the demo for every finished
half-year since its agreement began, reported by its contact three weeks after the half-year
ended (core/demo.py moves the clock there). Täby and Vaxholm have not yet reported the latest
one, so the report shows a municipality missing and their contacts have figures to report.
Called from load_demo_data (development only); running it again changes nothing. Aggregate
counts only, as always: nothing here is about a person."""

import datetime

from agreements.demo import DEMO_CODES, demo_contacts
from agreements.models import IN_FORCE_STATUSES, Agreement
from core.demo import DemoClock
from offers.models import Service

from .models import Half, UsageFigure
from .periods import half_end
from .services import Figure, write_figures

# kommunkod → (individuals supported, contacts, consultations, training participants) for
# Mikamottagningen in a half-year; the other two services get smaller figures derived from these.
DEMO_COUNTS = {
    "0114": (4, 15, 3, 8),  # Upplands Väsby
    "0120": (4, 14, 2, 6),  # Värmdö
    "0123": (5, 17, 3, 9),  # Järfälla
    "0125": (2, 8, 1, 4),  # Ekerö
    "0128": (1, 5, 1, 3),  # Salem
    "0136": (8, 29, 2, 7),  # Haninge
    "0160": (6, 21, 4, 12),  # Täby
    "0163": (6, 20, 4, 10),  # Sollentuna
    "0181": (9, 31, 5, 9),  # Södertälje
    "0182": (9, 34, 6, 18),  # Nacka
    "0183": (5, 18, 3, 6),  # Sundbyberg
    "0184": (7, 25, 5, 11),  # Solna
    "0187": (1, 4, 1, 2),  # Vaxholm
    "0191": (4, 16, 2, 5),  # Sigtuna
    "0192": (2, 9, 1, 4),  # Nynäshamn
}
NOT_YET_REPORTED = {"0160", "0187"}  # the latest finished half-year
REPORTED_AFTER = datetime.timedelta(days=21)


def last_finished_half(today) -> tuple[int, int]:
    return (today.year, 1) if today.month > 6 else (today.year - 1, 2)


def finished_halves(since: datetime.date, today: datetime.date) -> list[tuple[int, int]]:
    """The half-years from the one containing ``since`` through the last finished one."""
    year, half = since.year, Half.FIRST if since.month <= 6 else Half.SECOND
    last = last_finished_half(today)
    halves = []
    while (year, half) <= last:
        halves.append((year, half))
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return halves


def demo_counts(code: str, service_index: int, period_index: int) -> tuple[int, int, int, int]:
    """Mikamottagningen's base counts, a little smaller for each further service, a little
    different each half-year (a steady rise with a dip every third one)."""
    change = period_index // 2 - (1 if period_index % 3 == 2 else 0)
    a, b, c, d = (max(count + change - 2 * service_index, 0) for count in DEMO_COUNTS[code])
    return a, b, c, d


def load_demo_followup(clock: DemoClock | None = None):
    clock = clock or DemoClock()
    contacts = demo_contacts()
    services = list(Service.objects.order_by("order"))
    starts = dict(
        Agreement.objects.filter(
            municipality__code__in=DEMO_CODES, status__in=IN_FORCE_STATUSES
        ).values_list("municipality__code", "start_date")
    )
    last = last_finished_half(clock.today)
    reported = set(
        UsageFigure.objects.filter(municipality__code__in=DEMO_CODES).values_list(
            "municipality__code", "year", "half"
        )
    )
    written = 0
    for code, start in sorted(starts.items()):
        contact = contacts.get(code)
        if contact is None:
            continue
        for period_index, (year, half) in enumerate(finished_halves(start, clock.today)):
            if (code, year, half) in reported:
                continue
            if (year, half) == last and code in NOT_YET_REPORTED:
                continue
            moment = clock.when(half_end(year, half) + REPORTED_AFTER)
            if moment is None:
                continue
            figures = [
                Figure(
                    municipality_id=contact.municipality_id,
                    service_id=service.pk,
                    year=year,
                    half=half,
                    counts=demo_counts(code, index, period_index),
                )
                for index, service in enumerate(services)
            ]
            with clock.at(moment):
                written += write_figures(figures, by=contact).created
    return written


def load_demo_data(clock: DemoClock) -> None:
    load_demo_followup(clock)
