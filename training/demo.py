"""Demo data of training: the last training half-day, held some weeks ago with its attendance
recorded, and the next two, one digital and one on site, each with staff registered by their
municipality's contact. Every step goes through the real services at its own moment
(core/demo.py). Called from load_demo_data (development only); running it again adds nothing."""

import datetime

from django.utils import timezone

from accounts.models import User
from agreements.demo import demo_contacts
from core.demo import DemoClock
from steering_group.selectors import has_agreement_in_force

from . import services
from .models import Half, Kind, Mode, RegistrationStatus, TrainingSession

DEMO_TITLE = "Utbildningshalvdag: Mikamottagningen, KAST och regionkoordinatorerna"
PLACE = "Socialförvaltningen, Swedenborgsgatan 20, Stockholm"

# (days from today, half, mode, capacity, how many are registered)
SESSIONS = [
    (-40, Half.MORNING, Mode.ON_SITE, 30, 14),
    (30, Half.MORNING, Mode.DIGITAL, 40, 9),
    (75, Half.AFTERNOON, Mode.ON_SITE, 30, 5),
]
# The municipalities' staff, fictitious, registered in this order (kommunkod, name, workplace).
STAFF = [
    ("0182", "Amira Lind", "Mottagningsgruppen vuxen"),
    ("0160", "Björn Ek", "Socialtjänstens barn- och ungdomsenhet"),
    ("0184", "Cecilia Holm", "Enheten för våld i nära relationer"),
    ("0123", "David Strand", "Beroendeenheten"),
    ("0136", "Emma Berg", "Ungdomsmottagningen"),
    ("0163", "Farah Nilsson", "Försörjningsstöd"),
    ("0181", "Gustav Ström", "Socialjouren"),
    ("0183", "Hedda Sjöberg", "Barn och familj, utredning"),
    ("0114", "Ivan Dahl", "Vuxenenheten"),
    ("0120", "Julia Åberg", "Fältgruppen"),
    ("0125", "Kalle Forsberg", "Individ- och familjeomsorgen"),
    ("0191", "Lina Wikström", "Barn och unga"),
    ("0187", "Mona Eklund", "Socialtjänsten"),
    ("0128", "Nils Hedlund", "Vuxen och beroende"),
    ("0192", "Olivia Sandberg", "Ungdomsteamet"),
    ("0182", "Per Lundqvist", "Socialjouren"),
    ("0184", "Rut Engström", "Öppenvården"),
]


def _email(name: str, code: str) -> str:
    local = name.lower().replace(" ", ".").translate(str.maketrans("åäöé", "aaoe"))
    return f"{local}@k{code}.demo.kommunavtal.se"


def _create_sessions(clock: DemoClock, leader) -> list[TrainingSession]:
    created = []
    for days, half, mode, capacity, _registered in SESSIONS:
        day = clock.today + datetime.timedelta(days=days)
        # Planned two months ahead; the coming ones two weeks ago.
        planned_on = day - datetime.timedelta(days=60) if days < 0 else clock.today
        if days >= 0:
            planned_on -= datetime.timedelta(days=14)
        with clock.at(clock.when(planned_on, 9)):
            created.append(
                services.create_session(
                    by=leader,
                    title=DEMO_TITLE,
                    kind=Kind.HALF_DAY,
                    date=day,
                    half=half,
                    mode=mode,
                    location=PLACE if mode == Mode.ON_SITE else "",
                    link="https://video.example.se/utbildning" if mode == Mode.DIGITAL else "",
                    capacity=capacity,
                )
            )
    return created


def _register(clock: DemoClock, session: TrainingSession, count: int, offset: int) -> None:
    """``count`` of STAFF, from ``offset`` on, registered by their contacts in the days before."""
    contacts = demo_contacts()
    opened = timezone.localdate(session.created_at) + datetime.timedelta(days=1)
    for index in range(count):
        code, name, workplace = STAFF[(offset + index) % len(STAFF)]
        contact = contacts.get(code)
        moment = clock.when(min(opened + datetime.timedelta(days=index // 3), clock.today), 13)
        if contact is None or moment is None:
            continue
        if not has_agreement_in_force(contact.municipality_id, timezone.localdate(moment)):
            continue
        with clock.at(moment):
            services.register(
                session=session,
                municipality=contact.municipality,
                by=contact,
                name=name,
                email=_email(name, code),
                workplace=workplace,
            )


def load_demo_training(clock: DemoClock | None = None) -> list[TrainingSession]:
    clock = clock or DemoClock()
    leader = User.objects.filter(username="projektledare").first()
    sessions = list(TrainingSession.objects.filter(title=DEMO_TITLE).order_by("date"))
    if not sessions:
        sessions = _create_sessions(clock, leader)
        for index, session in enumerate(sessions):
            count = SESSIONS[index][4] if index < len(SESSIONS) else 0
            _register(clock, session, count, offset=3 * index)
    for session in sessions:
        over = clock.when(session.date + datetime.timedelta(days=1), 10)
        if session.attendance_recorded_at is not None or over is None:
            continue
        confirmed = list(
            session.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk")
        )
        with clock.at(over):
            services.record_attendance(
                session,
                attended={r.pk for r in confirmed[: max(len(confirmed) - 2, 0)]},
                by=leader,
            )
    return sessions


def load_demo_data(clock: DemoClock) -> None:
    load_demo_training(clock)
