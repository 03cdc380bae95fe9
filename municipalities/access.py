"""Who may see which municipality. Every view that shows a municipality asks here.

A municipal contact sees only their own municipality; any other answers 404 (not 403), so that
nothing is revealed about what exists. City staff and steering-group members see every one.
"""

from django.http import Http404

from core.roles import Role

from .models import Municipality


def visible_municipalities(user):
    qs = Municipality.objects.all()
    if user.is_city_staff or user.has_role(Role.STEERING_GROUP_MEMBER):
        return qs
    if user.is_municipal_contact and user.municipality_id:
        return qs.filter(pk=user.municipality_id)
    return qs.none()


def municipality_for_user(user, code: str) -> Municipality:
    """The municipality with SCB code ``code`` if ``user`` may see it, else 404."""
    try:
        return visible_municipalities(user).get(code=code)
    except Municipality.DoesNotExist:
        raise Http404 from None


def can_manage_population(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)
