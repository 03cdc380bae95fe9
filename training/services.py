"""Writes of training. Views and the admin call these; the rules live here and nowhere else.

- Sessions: the project leader plans them; the time and place of a session are checked here as
  well as by the database's constraints.
- Places: a registration is confirmed while the confirmed ones are fewer than the capacity, and
  otherwise goes on the waiting list. Every change of the places of a session first locks the
  session's row (select_for_update), so two registrations at the same moment cannot both take the
  last place, and a cancellation moves the first on the waiting list up in the same transaction.
- Mails (training/mail.py) are sent once the transaction has committed.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steering_group.selectors import has_agreement_in_force

from . import mail, scope
from .models import (
    DEFAULT_TIMES,
    NOON,
    Half,
    Kind,
    Mode,
    Registration,
    RegistrationStatus,
    TrainingSession,
)

SESSION_FIELDS = (
    "title",
    "kind",
    "date",
    "half",
    "start_time",
    "end_time",
    "mode",
    "location",
    "link",
    "capacity",
    "municipality",
    "description",
)
# A change of these moves the event in the participants' calendars.
CALENDAR_FIELDS = ("date", "start_time", "end_time", "mode", "location", "link", "title")


def _notify(registration: Registration, template: str) -> None:
    transaction.on_commit(lambda: mail.send(registration, template))


# --- Sessions -------------------------------------------------------------------------------------


def clean_session_fields(fields: dict, *, today: datetime.date) -> dict:
    """The fields of a session, tidied, with the default times of the half day filled in; a
    ValidationError with every problem at once."""
    fields = dict(fields)
    for name in ("title", "location", "link", "description"):
        fields[name] = (fields.get(name) or "").strip()
    half = Half(fields["half"])
    default_start, default_end = DEFAULT_TIMES[half]
    fields["start_time"] = fields.get("start_time") or default_start
    fields["end_time"] = fields.get("end_time") or default_end
    errors = []
    if not fields["title"]:
        errors.append(_("Ge utbildningen en rubrik."))
    if fields["date"] < today:
        errors.append(_("Datumet har redan passerat."))
    if half == Half.MORNING and fields["start_time"] >= NOON:
        errors.append(_("En förmiddag börjar före klockan 12."))
    if half == Half.AFTERNOON and fields["start_time"] < NOON:
        errors.append(_("En eftermiddag börjar klockan 12 eller senare."))
    if fields["end_time"] <= fields["start_time"]:
        errors.append(_("Utbildningen måste sluta efter att den har börjat."))
    mode = Mode(fields["mode"])
    if mode == Mode.DIGITAL:
        fields["location"] = ""
        if not fields["link"]:
            errors.append(_("Ange länken till en digital utbildning."))
    else:
        fields["link"] = ""
        if not fields["location"]:
            errors.append(_("Ange adressen till en utbildning på plats."))
    if Kind(fields["kind"]) == Kind.TARGETED:
        if fields.get("municipality") is None:
            errors.append(_("Välj den kommun som den riktade utbildningen är till för."))
    elif fields.get("municipality") is not None:
        errors.append(_("Bara en riktad utbildning är till för en enda kommun."))
    if (fields.get("capacity") or 0) < 1:
        errors.append(_("Utbildningen behöver minst en plats."))
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def create_session(
    *, by, today: datetime.date | None = None, offer=None, **fields
) -> TrainingSession:
    """A new session of ``offer`` (the first offer with training when none is given)."""
    today = today or timezone.localdate()
    offer = offer if offer is not None else scope.first_offer()
    if offer is None or not offer.has_training:
        raise ValidationError(
            _("%(offer)s har ingen utbildning.") % {"offer": offer or _("Erbjudandet")},
            code="no_training",
        )
    cleaned = clean_session_fields({f: fields.get(f) for f in SESSION_FIELDS}, today=today)
    return TrainingSession.objects.create(offer=offer, created_by=by, **cleaned)


def _confirmed_count(session: TrainingSession) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _promote(session: TrainingSession, *, now: datetime.datetime) -> list[Registration]:
    """Move people up from the waiting list, first registered first, while there are places.
    The caller holds the lock on the session's row."""
    promoted = []
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return promoted
    waiting = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("session", "registered_by")
        .filter(session=session, status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _notify(registration, "promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def update_session(
    session: TrainingSession,
    *,
    by,
    now: datetime.datetime | None = None,
    **fields,
) -> list[Registration]:
    """Change a session that has not begun. The capacity cannot go below the confirmed places; a
    larger one moves people up from the waiting list (returned). A new time or place raises the
    calendar event's SEQUENCE and mails the confirmed participants the updated .ics file."""
    now = now or timezone.now()
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.has_started(now):
        raise ValidationError(_("Utbildningen har redan börjat och kan inte ändras."))
    cleaned = clean_session_fields(
        {f: fields.get(f) for f in SESSION_FIELDS}, today=timezone.localdate(now)
    )
    confirmed = _confirmed_count(session)
    errors = []
    if cleaned["capacity"] < confirmed:
        errors.append(
            _(
                "%(count)s platser är redan bekräftade. Avboka deltagare först om platserna ska bli färre."
            )
            % {"count": confirmed}
        )
    municipality = cleaned["municipality"]
    if (
        municipality is not None
        and session.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .exclude(municipality=municipality)
        .exists()
    ):
        errors.append(
            _(
                "Andra kommuner har anmält deltagare. Utbildningen kan inte bli riktad till en kommun."
            )
        )
    if errors:
        raise ValidationError(errors)
    moved = any(getattr(session, f) != cleaned[f] for f in CALENDAR_FIELDS)
    for name, value in cleaned.items():
        setattr(session, name, value)
    if moved:
        session.revision += 1
    session.save()
    if moved:
        for registration in session.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).select_related("session", "registered_by"):
            _notify(registration, "changed")
    return _promote(session, now=now)


# --- Registrations --------------------------------------------------------------------------------


@transaction.atomic
def register(
    *,
    session: TrainingSession,
    municipality,
    by,
    name: str,
    email: str,
    workplace: str,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register one person of ``municipality``'s staff: a confirmed place while places last,
    otherwise the waiting list. Mails the person (and the contact who registered them)."""
    now = now or timezone.now()
    name, email, workplace = name.strip(), email.strip(), workplace.strip()
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.has_started(now):
        raise ValidationError(_("Utbildningen har redan börjat. Anmälan är stängd."), code="closed")
    if session.kind == Kind.TARGETED and session.municipality_id != municipality.pk:
        raise ValueError("a targeted session is open to its own municipality only")
    if not has_agreement_in_force(municipality.pk, timezone.localdate(now), offer=session.offer_id):
        raise ValidationError(
            _(
                "%(municipality)s har inget gällande avtal. Personal kan anmälas till utbildning "
                "när avtalet gäller (§ 4)."
            )
            % {"municipality": municipality},
            code="no_agreement_in_force",
        )
    if not (name and email and workplace):
        raise ValidationError(_("Fyll i namn, e-post och arbetsplats."), code="missing")
    duplicate = ValidationError(
        _("%(email)s är redan anmäld till utbildningen.") % {"email": email}, code="duplicate"
    )
    active = session.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if active.filter(email__iexact=email).exists():
        raise duplicate
    status = (
        RegistrationStatus.CONFIRMED
        if _confirmed_count(session) < session.capacity
        else RegistrationStatus.WAITING
    )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                session=session,
                municipality=municipality,
                name=name,
                email=email,
                workplace=workplace,
                registered_by=by,
                status=status,
                created_at=now,
            )
    except IntegrityError:
        raise duplicate from None
    _notify(registration, "confirmed" if status == RegistrationStatus.CONFIRMED else "waiting")
    return registration


@dataclass
class Cancellation:
    registration: Registration
    promoted: list[Registration] = field(default_factory=list)


@transaction.atomic
def cancel_registration(
    *, registration: Registration, by, now: datetime.datetime | None = None
) -> Cancellation:
    """Cancel a registration before the session begins. A confirmed place goes to the first on
    the waiting list, in the same transaction."""
    now = now or timezone.now()
    session = TrainingSession.objects.select_for_update().get(pk=registration.session_id)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("session", "registered_by")
        .get(pk=registration.pk)
    )
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Anmälan är redan avbokad."), code="cancelled")
    if session.has_started(now):
        raise ValidationError(
            _("Utbildningen har redan börjat. En anmälan kan inte avbokas i efterhand."),
            code="started",
        )
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.cancelled_by = by if by is not None and by.is_authenticated else None
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    _notify(registration, "cancelled")
    return Cancellation(registration=registration, promoted=_promote(session, now=now))


# --- Attendance -----------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    session: TrainingSession,
    *,
    attended: set[int],
    by,
    now: datetime.datetime | None = None,
) -> None:
    """Who of the confirmed participants attended (``attended``: registration ids); the others
    did not. Only once the session is over; it may be corrected later."""
    now = now or timezone.now()
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if not session.has_ended(now):
        raise ValidationError(
            _("Närvaron kan registreras först när utbildningen är över."), code="not_over"
        )
    confirmed = session.registrations.filter(status=RegistrationStatus.CONFIRMED)
    unknown = set(attended) - set(confirmed.values_list("pk", flat=True))
    if unknown:
        raise ValueError(f"not confirmed participants of this session: {sorted(unknown)}")
    confirmed.filter(pk__in=attended).update(attended=True)
    confirmed.exclude(pk__in=attended).update(attended=False)
    session.attendance_recorded_at = now
    session.attendance_recorded_by = by
    session.save(update_fields=["attendance_recorded_at", "attendance_recorded_by"])
