"""Writes of the steering group's membership. Views, the admin and the management command call
these; the rules of § 5 live here and nowhere else.

- Terms and applications: a municipality with an agreement in force applies once per term.
- Members: at most ten people in all, one per municipality, the chair's seat kept free until a
  chair is chosen; whoever does not fit goes to the waiting list with the reason.
- § 5's one-year rotation: a representative who sat last year waits unless the project leader
  gives a reason, stored on the membership; last year's chair carries over to the new year.
- The Styrgruppsledamot role follows the Membership rows of the current year (:func:`sync_roles`).

Meetings, papers, invitations and attendance are in steering_group/meetings.py; minutes, their
approval (justering), the PDF and the publication in steering_group/minutes.py.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role

from . import documents, mail, scope, selectors
from .models import (
    MAX_MEMBERS,
    Application,
    ApplicationStatus,
    Membership,
    Minutes,
    RepresentativeRole,
    Seat,
    Term,
)

# --- Terms and applications ---------------------------------------------------------------------


@transaction.atomic
def create_term(*, year: int, by, today: datetime.date | None = None, offer=None) -> Term:
    """A new year's group of ``offer`` (the first offer with a steering group when none is
    given); the chair of the offer's group last year carries over to it (carry_over_chair)."""
    offer = offer if offer is not None else scope.first_offer()
    if offer is None:
        raise ValidationError(_("Inget erbjudande har en styrgrupp."), code="no_steering_group")
    if not offer.has_steering_group:
        raise ValidationError(
            _("%(offer)s har ingen styrgrupp.") % {"offer": offer}, code="no_steering_group"
        )
    if Term.objects.filter(offer=offer, year=year).exists():
        raise ValidationError(_("Styrgruppen för %(year)s finns redan.") % {"year": year})
    term = Term.objects.create(offer=offer, year=year, created_by=by)
    carry_over_chair(term, by=by, today=today)
    return term


def carry_over_chair(term: Term, *, by, today: datetime.date | None = None) -> Membership | None:
    """The chair of last year's group sits as chair of ``term`` too, unless ``term`` has a chair
    already or the person holds another seat in it. Called when the term is created and when its
    members are chosen (last year's chair may have been chosen after this term was created)."""
    if term.memberships.filter(seat=Seat.CHAIR).exists():
        return None
    previous = (
        Membership.objects.filter(
            term__offer_id=term.offer_id, term__year=term.year - 1, seat=Seat.CHAIR
        )
        .select_related("user")
        .first()
    )
    if previous is None or term.memberships.filter(email__iexact=previous.email).exists():
        return None
    if term.memberships.count() >= MAX_MEMBERS:
        return None
    chair = Membership.objects.create(
        term=term,
        seat=Seat.CHAIR,
        name=previous.name,
        email=previous.email,
        title=previous.title,
        organisation=previous.organisation,
        user=previous.user,
        created_by=by,
    )
    link_accounts(chair.email, today=today, membership=chair)
    chair.refresh_from_db(fields=["user"])
    return chair


def accepts_applications(term: Term, *, today: datetime.date | None = None) -> bool:
    """Applications are taken for this year's group and later ones."""
    today = today or timezone.localdate()
    return term.year >= today.year


@transaction.atomic
def submit_application(
    *,
    term: Term,
    municipality,
    by,
    representative_name: str,
    representative_role: str,
    representative_email: str,
    role_description: str = "",
    today: datetime.date | None = None,
) -> Application:
    """A municipality's intresseanmälan, or a change to one not yet decided. Only with an agreement
    in force; one per municipality and term."""
    today = today or timezone.localdate()
    if not accepts_applications(term, today=today):
        raise ValidationError(
            _("Intresseanmälan till styrgruppen %(year)s är stängd.") % {"year": term.year},
            code="closed",
        )
    if not selectors.has_agreement_in_force(municipality.pk, today, offer=term.offer_id):
        raise ValidationError(
            _(
                "%(municipality)s har inget gällande avtal. Intresseanmälan till styrgruppen kan "
                "göras efter att avtalet har börjat gälla (§ 5)."
            )
            % {"municipality": municipality},
            code="no_agreement_in_force",
        )
    representative_role = RepresentativeRole(representative_role)
    role_description = (role_description or "").strip()
    if representative_role == RepresentativeRole.EQUIVALENT and not role_description:
        raise ValidationError(
            _("Skriv vilken befattning som motsvarar socialchef eller avdelningschef."),
            code="role_description_missing",
        )
    fields = {
        "representative_name": representative_name.strip(),
        "representative_role": representative_role,
        "role_description": (
            role_description if representative_role == RepresentativeRole.EQUIVALENT else ""
        ),
        "representative_email": representative_email.strip(),
    }
    existing = (
        Application.objects.select_for_update().filter(term=term, municipality=municipality).first()
    )
    if existing is not None:
        if existing.status == ApplicationStatus.CHOSEN:
            raise ValidationError(
                _(
                    "%(municipality)s är redan vald till styrgruppen %(year)s. Kontakta "
                    "projektledaren för att byta representant."
                )
                % {"municipality": municipality, "year": term.year},
                code="already_chosen",
            )
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.submitted_by = by
        existing.save()
        return existing
    try:
        with transaction.atomic():
            application = Application.objects.create(
                term=term, municipality=municipality, submitted_by=by, **fields
            )
    except IntegrityError:
        raise ValidationError(
            _("%(municipality)s har redan en intresseanmälan för %(year)s.")
            % {"municipality": municipality, "year": term.year},
            code="duplicate",
        ) from None
    leaders = list(
        User.objects.filter(is_active=True, groups__name=Role.PROJECT_LEADER.value).exclude(
            email=""
        )
    )
    link = documents.absolute_url(application_path(application))
    context = {"application": application, "link": link}

    def notify():
        for leader in leaders:
            mail.send(
                template="application",
                context={**context, "recipient_name": leader.get_full_name()},
                to=leader.email,
            )

    transaction.on_commit(notify)
    return application


def application_path(application: Application) -> str:
    return reverse("steering_group:application", args=[application.pk])


# --- Members ------------------------------------------------------------------------------------


def _lock_term(term: Term) -> Term:
    """Membership changes of one term happen one at a time (the limit of ten is a count)."""
    return Term.objects.select_for_update().get(pk=term.pk)


def free_seats(term: Term) -> int:
    """Seats left for representatives and the adjunct: ten in all, one kept for the chair until
    the chair is chosen."""
    taken = term.memberships.count()
    has_chair = term.memberships.filter(seat=Seat.CHAIR).exists()
    return max(0, MAX_MEMBERS - taken - (0 if has_chair else 1))


@dataclass
class Choice:
    chosen: list[Membership] = field(default_factory=list)
    waiting: list[Application] = field(default_factory=list)


def _wait(application: Application, *, reason: str, by, now) -> None:
    application.status = ApplicationStatus.WAITING
    application.waiting_reason = reason
    application.decided_at = now
    application.decided_by = by
    application.save()


def _no_room_reason(term: Term) -> str:
    if not term.memberships.filter(seat=Seat.CHAIR).exists():
        return _(
            "Styrgruppen är full: högst %(max)s personer, och en plats hålls för ordföranden (§ 5)."
        ) % {"max": MAX_MEMBERS}
    return _("Styrgruppen är full: högst %(max)s personer (§ 5).") % {"max": MAX_MEMBERS}


@transaction.atomic
def choose_applications(
    *,
    term: Term,
    applications,
    by,
    today: datetime.date | None = None,
    rotation_reason: str = "",
) -> Choice:
    """Choose applicants as members, in the order given. Whoever does not fit (the group is full,
    the municipality already has its member, the agreement is no longer in force, or the person
    sat in last year's group and no ``rotation_reason`` is given: § 5's one-year rotation) goes to
    the waiting list with the reason. A person chosen despite the rotation keeps the project
    leader's reason on their membership."""
    today = today or timezone.localdate()
    now = timezone.now()
    term = _lock_term(term)
    carry_over_chair(term, by=by, today=today)
    rotation_reason = (rotation_reason or "").strip()
    last_year = selectors.last_years_emails(term)
    in_force = selectors.in_force_municipality_ids(today, offer=term.offer_id)
    result = Choice()
    for given in applications:
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .get(pk=given.pk)
        )
        if application.term_id != term.pk:
            raise ValueError("the application belongs to another term")
        if application.status == ApplicationStatus.CHOSEN:
            continue
        municipality = application.municipality
        if Membership.objects.filter(term=term, municipality=municipality).exists():
            reason = _(
                "%(municipality)s har redan en ledamot i styrgruppen (en per kommun, § 5)."
            ) % {"municipality": municipality}
        elif municipality.pk not in in_force:
            reason = _("%(municipality)s har inte längre ett gällande avtal.") % {
                "municipality": municipality
            }
        elif free_seats(term) <= 0:
            reason = _no_room_reason(term)
        elif term.memberships.filter(email__iexact=application.representative_email).exists():
            reason = _("%(email)s har redan en plats i styrgruppen.") % {
                "email": application.representative_email
            }
        elif application.representative_email.lower() in last_year and not rotation_reason:
            reason = rotation_wait_reason(term)
        else:
            reason = ""
        if reason:
            _wait(application, reason=reason, by=by, now=now)
            result.waiting.append(application)
            continue
        membership = Membership.objects.create(
            term=term,
            seat=Seat.MUNICIPALITY,
            name=application.representative_name,
            email=application.representative_email,
            title=application.role_label,
            organisation=municipality.name,
            municipality=municipality,
            application=application,
            rotation_override_reason=(
                rotation_reason if application.representative_email.lower() in last_year else ""
            ),
            created_by=by,
        )
        link_accounts(membership.email, today=today, membership=membership)
        membership.refresh_from_db(fields=["user"])
        application.status = ApplicationStatus.CHOSEN
        application.waiting_reason = ""
        application.decided_at = now
        application.decided_by = by
        application.save()
        result.chosen.append(membership)
    return result


def rotation_wait_reason(term: Term) -> str:
    return _(
        "Satt i styrgruppen %(last)s. Enligt § 5 byts representanten ut efter ett år; "
        "projektledaren kan välja personen ändå med ett skäl."
    ) % {"last": term.year - 1}


@transaction.atomic
def put_on_waiting_list(*, application: Application, reason: str, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.CHOSEN:
        raise ValidationError(
            _("Kommunens representant är redan vald. Ta bort ledamoten först."), code="chosen"
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Skriv skälet till väntelistan."), code="reason_missing")
    _wait(application, reason=reason, by=by, now=timezone.now())
    return application


@transaction.atomic
def add_member(
    *,
    term: Term,
    seat: str,
    name: str,
    email: str,
    organisation: str,
    title: str = "",
    by,
    today: datetime.date | None = None,
) -> Membership:
    """The chair (Stockholm city) or the adjunct seat (Region Stockholm, Mika Hälsa)."""
    seat = Seat(seat)
    if seat == Seat.MUNICIPALITY:
        raise ValueError("municipal representatives are chosen from applications")
    term = _lock_term(term)
    if term.memberships.filter(seat=seat).exists():
        raise ValidationError(
            _("Styrgruppen %(year)s har redan en %(seat)s.")
            % {"year": term.year, "seat": seat.label},
            code="seat_taken",
        )
    room = MAX_MEMBERS - term.memberships.count() if seat == Seat.CHAIR else free_seats(term)
    if room <= 0:
        raise ValidationError(_no_room_reason(term), code="full")
    if term.memberships.filter(email__iexact=email.strip()).exists():
        raise ValidationError(
            _("%(email)s har redan en plats i styrgruppen.") % {"email": email}, code="duplicate"
        )
    membership = Membership.objects.create(
        term=term,
        seat=seat,
        name=name.strip(),
        email=email.strip(),
        title=title.strip(),
        organisation=organisation.strip(),
        created_by=by,
    )
    link_accounts(membership.email, today=today, membership=membership)
    membership.refresh_from_db(fields=["user"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by, today: datetime.date | None = None) -> None:
    """Take a member out of the group; their application (if any) is open to be chosen again."""
    term = _lock_term(membership.term)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        membership.attendance.exists()
        or Minutes.objects.filter(adjuster=membership).exists()
        or (
            membership.seat == Seat.CHAIR
            and Minutes.objects.filter(meeting__term=term, locked_at__isnull=False).exists()
        )
    ):
        raise ValidationError(
            _(
                "%(name)s finns i ett mötes närvarolista eller protokoll och kan inte tas bort "
                "ur styrgruppen %(year)s."
            )
            % {"name": membership.name, "year": term.year},
            code="in_the_record",
        )
    user, application = membership.user, membership.application
    membership.delete()
    if application is not None:
        application.status = ApplicationStatus.SUBMITTED
        application.waiting_reason = ""
        application.decided_at = timezone.now()
        application.decided_by = by
        application.save()
    _sync_members(term, [user], today=today)


# --- The Styrgruppsledamot role -----------------------------------------------------------------


def _member_group() -> Group:
    group, _created = Group.objects.get_or_create(name=Role.STEERING_GROUP_MEMBER.value)
    return group


def sync_user_role(user: User, *, today: datetime.date | None = None) -> str | None:
    """Give ``user`` the Styrgruppsledamot role if they sit in this year's group, take it away if
    they do not. Returns "added", "removed" or None."""
    today = today or timezone.localdate()
    group = _member_group()
    member = user.is_active and Membership.objects.filter(user=user, term__year=today.year).exists()
    in_group = user.groups.filter(pk=group.pk).exists()
    if member and not in_group:
        user.groups.add(group)
        return "added"
    if not member and in_group:
        user.groups.remove(group)
        return "removed"
    return None


def _sync_members(term: Term, users, *, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if term.year != today.year:
        return  # the role follows the current year's group only
    for user in {u.pk: u for u in users if u is not None}.values():
        sync_user_role(user, today=today)


def link_accounts(
    email: str, *, today: datetime.date | None = None, membership: Membership | None = None
) -> list[Membership]:
    """Link every membership of this and later years (and ``membership``, of any year) with this
    e-mail (any case) and no account yet to the active user with that e-mail, and give the user
    the Styrgruppsledamot role when they sit in this year's group: a chosen member can be the
    adjuster at once. Called when a member is chosen and when a user is created or changes e-mail
    (the signal in steering_group/apps.py); the daily sync_roles is the safety net. It only gives
    the role, never takes it. Returns the memberships linked."""
    today = today or timezone.localdate()
    user = mail.user_for_email(email)
    if user is None:
        return []
    years = Q(term__year__gte=today.year)
    if membership is not None:
        years |= Q(pk=membership.pk)
    linked = list(Membership.objects.filter(years, email__iexact=email.strip(), user__isnull=True))
    for row in linked:
        row.user = user
        row.save(update_fields=["user"])
    group = _member_group()
    if (
        Membership.objects.filter(user=user, term__year=today.year).exists()
        and not user.groups.filter(pk=group.pk).exists()
    ):
        user.groups.add(group)
    return linked


@dataclass
class RoleSync:
    added: list[User] = field(default_factory=list)
    removed: list[User] = field(default_factory=list)
    linked: list[Membership] = field(default_factory=list)


@transaction.atomic
def sync_roles(*, today: datetime.date | None = None, dry_run: bool = False) -> RoleSync:
    """Link members of this and later years to the user account with their e-mail, then make the
    Styrgruppsledamot group exactly the users who sit in this year's group. Run daily (cron):
    on 1 January last year's members lose the role and this year's get it."""
    today = today or timezone.localdate()
    result = RoleSync()
    for membership in Membership.objects.filter(user__isnull=True, term__year__gte=today.year):
        user = mail.user_for_email(membership.email)
        if user is not None:
            membership.user = user
            result.linked.append(membership)
            if not dry_run:
                membership.save(update_fields=["user"])
    group = _member_group()
    current = set(
        Membership.objects.filter(
            term__year=today.year, user__isnull=False, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    current |= {m.user_id for m in result.linked if m.term.year == today.year}
    holders = set(group.user_set.values_list("pk", flat=True))
    result.added = list(User.objects.filter(pk__in=current - holders).order_by("username"))
    result.removed = list(User.objects.filter(pk__in=holders - current).order_by("username"))
    if not dry_run:
        group.user_set.add(*result.added)
        group.user_set.remove(*result.removed)
    return result
