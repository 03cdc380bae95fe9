"""Demo data of the steering group: last year's and this year's group, and next year's once it
has been formed in October, each with the demo user ``styrgrupp`` as chair (the chair carries
over) and representatives of municipalities with an agreement in force, chosen from their
applications (other people in two years running, § 5); two meetings a year with agenda,
invitation and attendance, each planned the day after the one before, so one is always ahead;
minutes approved (justerade) by the chair and the meeting's adjuster, which locks them and stores
their PDF. Every step goes through the real services at its own moment (core/demo.py), and only
once that moment has come. Called from load_demo_data (development only); running it again adds
nothing."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from core.demo import DemoClock

from . import meetings, minutes, scope, selectors, services
from .models import Meeting, Minutes, RepresentativeRole, Seat, Term

FIRST_YEAR = 2021  # the agreements began in 2021
CHAIR = "styrgrupp"

# The representatives, by the parity of the term's year: other municipalities, so other people,
# in two years running ("byts ut efter ett år", § 5). Each is the municipality's demo contact,
# who has an account and can be the meeting's adjuster.
REPRESENTATIVES = {
    0: ["kontakt.sollentuna", "kontakt.sodertalje", "kontakt.upplands-vasby", "kontakt.varmdo",
        "kontakt.ekero", "kontakt.salem"],
    1: ["kontakt.solna", "kontakt.sundbyberg", "kontakt.jarfalla", "kontakt.haninge",
        "kontakt.vaxholm"],
}  # fmt: skip
ROLES = {
    "socialchef": RepresentativeRole.SOCIAL_SERVICES_HEAD,
    "avdelningschef": RepresentativeRole.HEAD_OF_DEPARTMENT,
}


@dataclass(frozen=True)
class DemoMeeting:
    month: int
    day: int
    agenda: tuple[str, ...]
    minutes: tuple[tuple[str, str], ...]  # (text, decision) for each agenda item


MEETINGS = [
    DemoMeeting(
        5,
        18,
        (
            "Mötets öppnande och val av justerare",
            "Uppföljning av nyttjandegraden, andra halvåret förra året",
            "Utbildningsinsatser under våren",
            "Kostnadsram och fakturering för året",
            "Övriga frågor och nästa möte",
        ),
        (
            ("Ordföranden öppnade mötet.", "Styrgruppen valde justerare enligt förslag."),
            (
                "Projektledaren redovisade antalet stödda individer, kontakter och konsultationer "
                "per kommun och verksamhet. Samtliga anslutna kommuner har rapporterat.",
                "Styrgruppen lade redovisningen till handlingarna.",
            ),
            (
                "Två utbildningshalvdagar har hållits, en digital och en på plats. "
                "Deltagandet har ökat jämfört med förra året.",
                "",
            ),
            (
                "Kostnadsramen fördelas enligt bilagan efter befolkningen den 31 december 2018. "
                "Årets fakturor har skickats i januari.",
                "Styrgruppen noterade informationen.",
            ),
            ("Inga övriga frågor.", "Nästa möte hålls i oktober."),
        ),
    ),
    DemoMeeting(
        10,
        12,
        (
            "Mötets öppnande och val av justerare",
            "Uppföljning av nyttjandegraden, första halvåret",
            "Metodutveckling och återkoppling kring verksamheternas kvalitet",
            "Kostnadsram för nästa år (uppräkning med 2 %)",
            "Styrgruppen nästa år och övriga frågor",
        ),
        (
            ("Ordföranden öppnade mötet.", "Styrgruppen valde justerare enligt förslag."),
            (
                "Projektledaren redovisade halvårets siffror. Nyttjandet är jämnt fördelat "
                "mellan kommunerna i förhållande till befolkningen.",
                "Styrgruppen lade redovisningen till handlingarna.",
            ),
            (
                "Verksamheterna berättade om arbetet med konsultationer till kommunernas "
                "yrkesverksamma.",
                "",
            ),
            (
                "Förslaget till nästa års kostnadsram är årets ram uppräknad med 2 % enligt § 6.",
                "Styrgruppen tillstyrkte förslaget.",
            ),
            (
                "Kommunerna påmindes om intresseanmälan till nästa års styrgrupp.",
                "Protokollet justeras av ordföranden och mötets justerare.",
            ),
        ),
    ),
]
PLACE = "Socialförvaltningen, Swedenborgsgatan 20, Stockholm"


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _term_dates(year: int) -> tuple[datetime.date, datetime.date, datetime.date]:
    """When the term is created, applications come in and members are chosen: October of the
    year before; the very first group in the spring of 2021, once there were agreements in
    force."""
    created = datetime.date(year - 1, 10, 1) if year > FIRST_YEAR else datetime.date(2021, 3, 22)
    return (
        created,
        created + datetime.timedelta(days=10),
        created + datetime.timedelta(days=21),
    )


def _scheduled_on(term: Term, spec: DemoMeeting) -> datetime.date:
    """The project leader plans each meeting the day after the one before it (the spring meeting
    after last year's autumn meeting), so there is always a meeting ahead."""
    before = (
        datetime.date(term.year - 1, 10, 13) if spec.month < 6 else datetime.date(term.year, 5, 19)
    )
    return max(before, _term_dates(term.year)[0])


def _term(clock: DemoClock, year: int, leader, chair_user) -> Term | None:
    """The term of ``year`` with its chair and the representatives of its year's list."""
    created, applied, chosen = (clock.when(d) for d in _term_dates(year))
    offer = scope.first_offer()
    if offer is None:
        return None
    term = Term.objects.filter(offer=offer, year=year).first()
    if term is None:
        if created is None:
            return None
        with clock.at(created):
            term = services.create_term(year=year, by=leader, offer=offer)
    if chair_user is not None and not term.memberships.filter(seat=Seat.CHAIR).exists():
        with clock.at(created or clock.now):  # (a term that exists was created in the past)
            services.add_member(
                term=term,
                seat=Seat.CHAIR,
                name=chair_user.get_full_name() or chair_user.username,
                email=chair_user.email,
                title=chair_user.title,
                organisation="Stockholms stad, Socialförvaltningen",
                by=leader,
            )
    if applied is None or chosen is None or term.applications.exists():
        return term
    representatives = User.objects.filter(
        username__in=REPRESENTATIVES[year % 2], municipality__isnull=False
    ).order_by("username")
    applications = []
    with clock.at(applied):
        for user in representatives:
            if not selectors.has_agreement_in_force(
                user.municipality_id, clock.today, offer=term.offer_id
            ):
                continue
            role = ROLES.get(user.title.lower(), RepresentativeRole.EQUIVALENT)
            applications.append(
                services.submit_application(
                    term=term,
                    municipality=user.municipality,
                    by=user,
                    representative_name=user.get_full_name(),
                    representative_role=role,
                    role_description=user.title.lower()
                    if role == RepresentativeRole.EQUIVALENT
                    else "",
                    representative_email=user.email,
                )
            )
    if applications:
        with clock.at(chosen):
            services.choose_applications(term=term, applications=applications, by=leader)
    return term


def _meeting(clock: DemoClock, term: Term, spec: DemoMeeting, leader, chair_user) -> None:
    """A meeting of the term, from scheduling to locked minutes, as far as the clock has come."""
    day = datetime.date(term.year, spec.month, spec.day)
    starts_at, ends_at = _local(day, 13), _local(day, 15)
    meeting = Meeting.objects.filter(term=term, starts_at=starts_at).first()
    if meeting is None:
        scheduled = clock.when(_scheduled_on(term, spec))
        if scheduled is None:
            return
        with clock.at(scheduled):
            meeting = meetings.schedule_meeting(
                term=term,
                starts_at=starts_at,
                ends_at=ends_at,
                place=PLACE,
                agenda=list(spec.agenda),
                by=leader,
            )
    invited = clock.when(day - datetime.timedelta(days=28))
    if meeting.invitation_sent_at is None and invited is not None:
        with clock.at(invited):
            meetings.send_invitation(meeting, by=leader)
    held = clock.when(day, 16)
    if held is None or held < ends_at or Minutes.objects.filter(meeting=meeting).exists():
        return
    members = list(term.memberships.order_by("seat", "name"))
    representatives = [m for m in members if m.seat == Seat.MUNICIPALITY and m.user_id]
    if not representatives:
        return
    adjuster = representatives[(spec.month // 6) % len(representatives)]
    absent = representatives[-1] if len(representatives) > 2 else None
    with clock.at(held):
        meetings.record_attendance(
            meeting,
            present={m.pk for m in members if m != absent},
            other_attendees="Petra Projektsson, projektledare (sekreterare)",
            by=leader,
        )
        record = minutes.create_minutes(meeting, by=leader)
        minutes.save_minutes(
            record,
            adjuster=adjuster,
            paragraphs=[
                {"heading": heading, "text": text, "decision": decision}
                for heading, (text, decision) in zip(spec.agenda, spec.minutes, strict=True)
            ],
            by=leader,
        )


def _approve(clock: DemoClock, term: Term, chair_user) -> None:
    """The chair approves a week after the meeting, the adjuster two days later: the second
    approval locks the minutes and stores their PDF."""
    for record in Minutes.objects.filter(meeting__term=term, locked_at__isnull=True).select_related(
        "meeting", "adjuster__user"
    ):
        if record.adjuster is None or record.adjuster.user is None:
            continue
        day = timezone.localdate(record.meeting.starts_at)
        steps = [
            (record.chair_approved_at, chair_user, day + datetime.timedelta(days=7)),
            (record.adjuster_approved_at, record.adjuster.user, day + datetime.timedelta(days=9)),
        ]
        for approved_at, user, on in steps:
            moment = clock.when(on, 11)
            if approved_at is not None or user is None or moment is None:
                continue
            with clock.at(moment):
                minutes.approve_minutes(record, user=user)
            record.refresh_from_db()


def load_demo_steering_group(clock: DemoClock | None = None) -> Term | None:
    """Last year's and this year's group with their meetings and minutes, and next year's once it
    has been formed (in October); returns this year's."""
    clock = clock or DemoClock()
    leader = User.objects.filter(username="projektledare").first()
    chair_user = User.objects.filter(username=CHAIR).first()
    for year in range(max(FIRST_YEAR, clock.today.year - 1), clock.today.year + 2):
        term = _term(clock, year, leader, chair_user)
        if term is None:
            continue
        for spec in MEETINGS:
            _meeting(clock, term, spec, leader, chair_user)
        _approve(clock, term, chair_user)
    # The daily job: the Styrgruppsledamot role follows this year's members.
    services.sync_roles(today=clock.today)
    return Term.objects.filter(offer=scope.first_offer(), year=clock.today.year).first()


def load_demo_data(clock: DemoClock) -> None:
    load_demo_steering_group(clock)
