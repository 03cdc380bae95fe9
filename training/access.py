"""Who may see and do what in training. Every training view asks here.

- The project leader creates and changes sessions, sees every registration, cancels any of them
  and records attendance once a session is over.
- Finance and the signatory (city staff) read everything and change nothing (403).
- A municipal contact sees the sessions open to every municipality and the targeted sessions of
  their own municipality; registers staff while the municipality has an agreement in force; sees
  and cancels only their own municipality's registrations. A targeted session of another
  municipality, or a registration of another municipality, answers 404.
- A steering-group member sees the sessions open to every municipality, not who is registered.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.roles import Role
from steering_group.selectors import has_agreement_in_force

from .models import Kind, Registration, TrainingSession


def can_manage(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_manage(user) -> None:
    if not can_manage(user):
        raise PermissionDenied


def _contact_municipality_id(user) -> int | None:
    return user.municipality_id if user.is_municipal_contact else None


def visible_sessions(user):
    qs = TrainingSession.objects.all()
    if user.is_city_staff:
        return qs
    own = _contact_municipality_id(user)
    if own:
        return qs.filter(Q(municipality__isnull=True) | Q(municipality_id=own))
    if user.has_role(Role.STEERING_GROUP_MEMBER):
        return qs.filter(municipality__isnull=True)
    return qs.none()


def can_see_sessions(user) -> bool:
    return bool(user.roles)


def require_see_sessions(user) -> None:
    if not can_see_sessions(user):
        raise PermissionDenied


def session_for_user(user, pk: int) -> TrainingSession:
    """The session if ``user`` may see it; a targeted session of another municipality is 404."""
    require_see_sessions(user)
    try:
        return visible_sessions(user).select_related("municipality").get(pk=pk)
    except TrainingSession.DoesNotExist:
        raise Http404 from None


def managed_session(user, pk: int) -> TrainingSession:
    require_manage(user)
    return session_for_user(user, pk)


def can_register(user) -> bool:
    """A municipal contact whose municipality has an agreement in force (the same check as the
    steering group's applications)."""
    own = _contact_municipality_id(user)
    return bool(own) and has_agreement_in_force(own)


def may_register_for(user, session: TrainingSession) -> bool:
    """A contact registers staff for a session of an offer whose agreement their municipality
    has in force."""
    own = _contact_municipality_id(user)
    if not own or not has_agreement_in_force(own, offer=session.offer_id):
        return False
    return session.kind != Kind.TARGETED or session.municipality_id == user.municipality_id


def register_session(user, pk: int) -> TrainingSession:
    """The session a contact registers for: 404 if they may not see it, 403 if they may not
    register (no agreement in force, or not a contact)."""
    session = session_for_user(user, pk)
    if not may_register_for(user, session):
        raise PermissionDenied
    return session


def can_read_registrations(user) -> bool:
    return user.is_city_staff or bool(_contact_municipality_id(user))


def require_read_registrations(user) -> None:
    if not can_read_registrations(user):
        raise PermissionDenied


def visible_registrations(user):
    qs = Registration.objects.all()
    if user.is_city_staff:
        return qs
    own = _contact_municipality_id(user)
    if own:
        return qs.filter(municipality_id=own)
    return qs.none()


def registration_for_user(user, pk: int) -> Registration:
    """The registration if ``user`` may see it; another municipality's answers 404."""
    try:
        return visible_registrations(user).select_related("session", "municipality").get(pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None


def can_cancel(user, registration: Registration) -> bool:
    if can_manage(user):
        return True
    own = _contact_municipality_id(user)
    return bool(own) and registration.municipality_id == own


def cancellable_registration(user, pk: int) -> Registration:
    """404 if not visible; 403 for those who see it but may not cancel (finance, signatory)."""
    registration = registration_for_user(user, pk)
    if not can_cancel(user, registration):
        raise PermissionDenied
    return registration


def can_export(user) -> bool:
    """Participant lists (names, e-mail) leave the application only with the city's staff."""
    return user.is_city_staff


def require_export(user) -> None:
    if not can_export(user):
        raise PermissionDenied


def participant_municipality_ids(user) -> set[int] | None:
    """Whose participant figures ``user`` sees: None for every municipality (city staff and
    steering-group members), the own municipality for a contact; PermissionDenied otherwise."""
    if user.is_city_staff or user.has_role(Role.STEERING_GROUP_MEMBER):
        return None
    own = _contact_municipality_id(user)
    if own:
        return {own}
    raise PermissionDenied
