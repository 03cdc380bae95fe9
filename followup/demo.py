"""Demo data of the follow-up: counts for the last finished half-year for a few municipalities,
so that the report and its chart have something to show. Called from load_demo_data
(development only); running it again changes nothing. Aggregate counts only, as always."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agreements.models import Service
from municipalities.models import Municipality

from .services import Figure, write_figures

# kommunkod → (individuals supported, contacts, consultations, training participants) for
# Mikamottagningen; the other two services get smaller figures derived from these.
DEMO_COUNTS = {
    "0160": (6, 21, 4, 12),  # Täby
    "0182": (9, 34, 6, 18),  # Nacka
    "0123": (5, 17, 3, 9),  # Järfälla
    "0184": (7, 25, 5, 11),  # Solna
    "0136": (8, 29, 2, 7),  # Haninge
}


def last_finished_half(today) -> tuple[int, int]:
    return (today.year, 1) if today.month > 6 else (today.year - 1, 2)


@transaction.atomic
def load_demo_followup():
    leader = User.objects.filter(username="projektledare").first()
    year, half = last_finished_half(timezone.localdate())
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=DEMO_COUNTS)}
    figures = []
    for index, service in enumerate(Service.objects.order_by("order")):
        for code, counts in DEMO_COUNTS.items():
            if code in municipalities:
                figures.append(
                    Figure(
                        municipality_id=municipalities[code].pk,
                        service_id=service.pk,
                        year=year,
                        half=half,
                        counts=tuple(max(count - 2 * index, 0) for count in counts),
                    )
                )
    return write_figures(figures, by=leader)
