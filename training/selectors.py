"""Reads of training that pages need, each in a constant number of queries.

Participants per municipality and year count two things, shown side by side and never added up:
``attended`` (the project leader has recorded that the person attended) and ``unrecorded``
(confirmed places whose attendance is not recorded yet: sessions to come, or held but not yet
recorded). Waiting lists and cancellations count in neither.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from core.collation import swedish_key
from municipalities.models import Municipality

from .models import Registration, RegistrationStatus, TrainingSession

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)
WAITING = Q(registrations__status=RegistrationStatus.WAITING)


def with_counts(sessions, *, municipality_id: int | None = None):
    """Sessions with ``confirmed_count`` and ``waiting_count`` (all municipalities) and, given a
    municipality, ``own_count``: that municipality's registrations not cancelled."""
    sessions = sessions.select_related("municipality").annotate(
        confirmed_count=Count("registrations", filter=CONFIRMED),
        waiting_count=Count("registrations", filter=WAITING),
    )
    if municipality_id is not None:
        sessions = sessions.annotate(
            own_count=Count(
                "registrations",
                filter=Q(registrations__municipality_id=municipality_id)
                & ~Q(registrations__status=RegistrationStatus.CANCELLED),
            )
        )
    return sessions


def upcoming(sessions, *, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return sessions.filter(date__gte=today).order_by("date", "start_time", "pk")


def past(sessions, *, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return sessions.filter(date__lt=today).order_by("-date", "-start_time", "-pk")


def places(session: TrainingSession) -> dict:
    """Confirmed, waiting and free places of one session (one query)."""
    counts = session.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    return {**counts, "free": max(0, session.capacity - counts["confirmed"])}


def session_registrations(session: TrainingSession, registrations):
    """The registrations of ``session`` among ``registrations`` (already limited to what the
    user may see): confirmed first, then the waiting list in its order, then the cancelled."""
    order = {
        RegistrationStatus.CONFIRMED: 0,
        RegistrationStatus.WAITING: 1,
        RegistrationStatus.CANCELLED: 2,
    }
    rows = sorted(
        registrations.filter(session=session).select_related("municipality"),
        key=lambda r: (order[r.status], r.created_at, r.pk),
    )
    add_waiting_positions(rows)
    return rows


def add_waiting_positions(rows) -> None:
    """Give each waiting registration of ``rows`` its ``waiting_position`` on its session's list
    (1 = next to move up), in one query for all of them."""
    waiting = [r for r in rows if r.status == RegistrationStatus.WAITING]
    if not waiting:
        return
    queue = Registration.objects.filter(
        session_id__in={r.session_id for r in waiting}, status=RegistrationStatus.WAITING
    ).order_by("session_id", "created_at", "pk")
    positions, current, number = {}, None, 0
    for session_id, pk in queue.values_list("session_id", "pk"):
        number = number + 1 if session_id == current else 1
        current = session_id
        positions[pk] = number
    for registration in waiting:
        registration.waiting_position = positions.get(registration.pk)


def registration_list(registrations):
    """Registrations for a list page, newest session first."""
    return registrations.select_related("session", "municipality").order_by(
        "-session__date", "-session__start_time", "session_id", "status", "created_at", "pk"
    )


def registration_years() -> list[int]:
    return sorted(
        {d.year for d in TrainingSession.objects.dates("date", "year")} | {timezone.now().year},
        reverse=True,
    )


@dataclass
class ParticipantRow:
    municipality: Municipality
    attended: int
    unrecorded: int


def participants_by_municipality(
    year: int, *, municipality_ids: set[int] | None = None, offer=None
) -> list[ParticipantRow]:
    """Per municipality, for the sessions of ``year`` (of ``offer`` when given, of every offer
    otherwise): how many attended, and how many confirmed places have no attendance recorded
    yet. Municipalities with neither are left out. Two queries whatever the number of
    municipalities."""
    registrations = Registration.objects.filter(
        session__date__year=year, status=RegistrationStatus.CONFIRMED
    )
    if offer is not None:
        registrations = registrations.filter(session__offer=offer)
    if municipality_ids is not None:
        registrations = registrations.filter(municipality_id__in=municipality_ids)
    counts = {
        row["municipality_id"]: row
        for row in registrations.values("municipality_id").annotate(
            attended_count=Count("pk", filter=Q(attended=True)),
            unrecorded_count=Count("pk", filter=Q(attended__isnull=True)),
        )
    }
    municipalities = sorted(
        Municipality.objects.filter(pk__in=counts), key=lambda m: swedish_key(m.name)
    )
    return [
        ParticipantRow(
            municipality=m,
            attended=counts[m.pk]["attended_count"],
            unrecorded=counts[m.pk]["unrecorded_count"],
        )
        for m in municipalities
        if counts[m.pk]["attended_count"] or counts[m.pk]["unrecorded_count"]
    ]


def participant_totals(rows: list[ParticipantRow]) -> dict:
    return {
        "attended": sum(r.attended for r in rows),
        "unrecorded": sum(r.unrecorded for r in rows),
    }
