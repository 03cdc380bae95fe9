"""Who may see and change the follow-up of use. Every follow-up view asks here.

- The project leader (Stockholm city) enters and imports the figures and attaches reports to the
  steering group's meetings.
- Finance and the signatory (city staff) and the steering-group members read every
  municipality's figures.
- A municipal contact reads only their own municipality's figures: the report is filtered to it,
  and any URL naming another municipality answers 404 (nothing is revealed about what exists).
  Entering figures for their own municipality answers 403: they may look but not act.
"""

from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from municipalities.access import municipality_for_user, visible_municipalities


def can_read(user) -> bool:
    if user.is_city_staff or user.has_role(Role.STEERING_GROUP_MEMBER):
        return True
    return user.is_municipal_contact and user.municipality_id is not None


def require_read(user) -> None:
    if not can_read(user):
        raise PermissionDenied


def can_enter(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_enter(user) -> None:
    if not can_enter(user):
        raise PermissionDenied


def sees_every_municipality(user) -> bool:
    return user.is_city_staff or user.has_role(Role.STEERING_GROUP_MEMBER)


def readable_municipalities(user):
    """The municipalities whose figures ``user`` may read (a queryset)."""
    require_read(user)
    return visible_municipalities(user)


def municipality_to_read(user, code: str):
    """The municipality with SCB code ``code`` if ``user`` may read its figures; else 404 (or 403
    for a user who reads no figures at all)."""
    require_read(user)
    return municipality_for_user(user, code)


def municipality_to_enter(user, code: str):
    """404 for a municipality the user may not see, then 403 unless they enter figures."""
    municipality = municipality_for_user(user, code)
    require_enter(user)
    return municipality
