"""Reads of the steering group: who is in force, who sat last year, what a term page shows, and the
compliance panel of § 5 ("minst två protokollförda möten per år"). Constant queries per page."""

import datetime
import enum
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import IN_FORCE_STATUSES, Agreement

from .models import (
    MAX_MEMBERS,
    AgendaItem,
    Application,
    ApplicationStatus,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Seat,
    Term,
)

# § 5: at least two meetings with minutes per year.
MINUTED_MEETINGS_PER_YEAR = 2


# --- Agreements in force ------------------------------------------------------------------------


def _offer_q(offer) -> Q:
    """All agreements (``offer`` None) or those of one offer (an Offer or its pk)."""
    if offer is None:
        return Q()
    return Q(offer_id=getattr(offer, "pk", offer))


def in_force_municipality_ids(today: datetime.date | None = None, *, offer=None) -> set[int]:
    """The municipalities with an agreement in force on ``today`` (status and dates): of
    ``offer`` (an Offer or its pk) when given, of any offer otherwise."""
    today = today or timezone.localdate()
    candidates = Agreement.objects.filter(
        _offer_q(offer), status__in=IN_FORCE_STATUSES, start_date__lte=today
    ).only("municipality_id", "status", "start_date", "end_date", "latest_end_date")
    return {a.municipality_id for a in candidates if a.is_in_force_on(today)}


def has_agreement_in_force(
    municipality_id: int | None, today: datetime.date | None = None, *, offer=None
) -> bool:
    """Whether the municipality has an agreement in force: of ``offer`` (an Offer or its pk)
    when given, of any offer otherwise."""
    if municipality_id is None:
        return False
    today = today or timezone.localdate()
    candidates = Agreement.objects.filter(
        _offer_q(offer),
        municipality_id=municipality_id,
        status__in=IN_FORCE_STATUSES,
        start_date__lte=today,
    )
    return any(a.is_in_force_on(today) for a in candidates)


# --- Members and rotation -----------------------------------------------------------------------


def emails_of_year(year: int, *, offer) -> set[str]:
    """The e-mail addresses (lower case) of everyone who sat in the group of ``offer`` (an Offer
    or its pk) in ``year``: § 5's rotation is within one offer's group."""
    return {
        email.lower()
        for email in Membership.objects.filter(
            term__year=year, term__offer_id=getattr(offer, "pk", offer)
        ).values_list("email", flat=True)
    }


def last_years_emails(term: Term) -> set[str]:
    return emails_of_year(term.year - 1, offer=term.offer_id)


def sat_last_year(term: Term, email: str) -> bool:
    return email.lower() in last_years_emails(term)


def members(term: Term) -> list[Membership]:
    """The members, chair first, each with ``rotation_flag``: a municipal representative who also
    sat last year ("byts ut efter ett år", § 5)."""
    last_year = last_years_emails(term)
    order = {Seat.CHAIR: 0, Seat.MUNICIPALITY: 1, Seat.ADJUNCT: 2}
    rows = sorted(
        term.memberships.select_related("municipality", "user"),
        key=lambda m: (order[m.seat], m.municipality.name if m.municipality else "", m.name),
    )
    for membership in rows:
        membership.rotation_flag = (
            membership.seat == Seat.MUNICIPALITY and membership.email.lower() in last_year
        )
    return rows


def applications(term: Term) -> list[Application]:
    """The applications of a term, each with ``sat_last_year``."""
    last_year = last_years_emails(term)
    rows = list(
        term.applications.select_related("municipality", "membership").order_by(
            "municipality__name"
        )
    )
    for application in rows:
        application.sat_last_year = application.representative_email.lower() in last_year
    return rows


def chair(term: Term) -> Membership | None:
    return term.memberships.filter(seat=Seat.CHAIR).select_related("user").first()


# --- Meetings -----------------------------------------------------------------------------------


def meetings(term: Term):
    return term.meetings.select_related("minutes").order_by("starts_at", "pk")


def meeting_detail(pk: int) -> Meeting:
    """A meeting with everything its page shows. Raises Meeting.DoesNotExist."""
    return (
        Meeting.objects.select_related("term", "term__offer", "minutes", "minutes__adjuster")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("number")),
            Prefetch("papers", queryset=Paper.objects.order_by("uploaded_at", "pk")),
            "attendance__membership",
        )
        .get(pk=pk)
    )


def published_minutes(offers=None):
    """Locked minutes, newest meeting first; only those of ``offers`` (offers or their pks)
    when given."""
    rows = Minutes.objects.filter(locked_at__isnull=False)
    if offers is not None:
        rows = rows.filter(meeting__term__offer__in=offers)
    return rows.select_related("meeting", "meeting__term", "meeting__term__offer").order_by(
        "-meeting__starts_at"
    )


def meetings_awaiting_minutes(now: datetime.datetime | None = None) -> list[Meeting]:
    """Meetings that have begun whose minutes are not yet approved (none written, or written and
    not locked), the oldest first: the project leader's to-do. One query."""
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(starts_at__lte=now)
        .filter(Q(minutes__isnull=True) | Q(minutes__locked_at__isnull=True))
        .select_related("term", "minutes")
        .order_by("starts_at", "pk")
    )


def applications_to_decide(*, from_year: int) -> list[tuple[Term, int]]:
    """(term, number of applications neither chosen nor wait-listed) for each term from
    ``from_year`` on that has any, by year and offer. Two queries."""
    counts = dict(
        Application.objects.filter(status=ApplicationStatus.SUBMITTED, term__year__gte=from_year)
        .values("term_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("term_id", "n")
    )
    terms = Term.objects.filter(pk__in=counts).select_related("offer").order_by("year", "offer_id")
    return [(term, counts[term.pk]) for term in terms]


# --- The compliance panel -----------------------------------------------------------------------


class ComplianceStatus(enum.Enum):
    MET = "uppfyllt"
    NOT_YET = "inte_an"
    AT_RISK = "risk"
    NOT_MET = "ej_uppfyllt"

    @property
    def label(self):
        return {
            ComplianceStatus.MET: _("uppfyllt"),
            ComplianceStatus.NOT_YET: _("inte ännu"),
            ComplianceStatus.AT_RISK: _("i riskzonen"),
            ComplianceStatus.NOT_MET: _("inte uppfyllt"),
        }[self]


@dataclass
class Compliance:
    year: int
    minuted: int  # meetings of the year whose minutes are locked
    held: int  # meetings that have begun
    planned: int  # meetings later this year
    awaiting_minutes: int  # held, minutes not yet approved
    status: ComplianceStatus
    member_count: int
    max_members: int = MAX_MEMBERS
    rotation: list = field(default_factory=list)
    required: int = MINUTED_MEETINGS_PER_YEAR

    @property
    def missing(self) -> int:
        return max(0, self.required - self.minuted)

    @property
    def over_limit(self) -> bool:
        return self.member_count > self.max_members


def compliance_status(
    *, minuted: int, pending: int, year_is_over: bool, required: int = MINUTED_MEETINGS_PER_YEAR
) -> ComplianceStatus:
    """Met with ``required`` minuted meetings; not yet when the meetings still to be minuted
    (planned later this year, or held and awaiting justering) can reach it; otherwise at risk,
    or not met once the year is over."""
    if minuted >= required:
        return ComplianceStatus.MET
    if minuted + pending >= required:
        return ComplianceStatus.NOT_YET
    return ComplianceStatus.NOT_MET if year_is_over else ComplianceStatus.AT_RISK


def compliance(term: Term, *, now: datetime.datetime | None = None, rows=None) -> Compliance:
    """The § 5 panel for a term. ``rows``: the term's members as :func:`members` gives them."""
    now = now or timezone.now()
    minuted = held = planned = awaiting = 0
    for meeting in term.meetings.select_related("minutes"):
        minutes = getattr(meeting, "minutes", None)
        locked = minutes is not None and minutes.is_locked
        if meeting.starts_at <= now:
            held += 1
        if locked:
            minuted += 1
        elif meeting.starts_at > now:
            planned += 1
        else:
            awaiting += 1
    rows = members(term) if rows is None else rows
    year_is_over = timezone.localtime(now).year > term.year
    return Compliance(
        year=term.year,
        minuted=minuted,
        held=held,
        planned=planned,
        awaiting_minutes=awaiting,
        status=compliance_status(
            minuted=minuted, pending=planned + awaiting, year_is_over=year_is_over
        ),
        member_count=len(rows),
        rotation=[m for m in rows if m.rotation_flag],
    )
