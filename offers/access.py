"""Who may see and change which offer. Every offer page asks here.

- City staff (project leader, finance, signatory) see every offer; the project leader alone
  creates and changes offers and their services.
- A municipal contact sees only the offers their municipality has been offered or joined (an
  agreement of the offer that is not a draft); any other offer answers 404, so nothing is revealed
  about what exists.
- Steering-group members follow up use, not the offers themselves: 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404

from core.roles import Role

from .models import Offer

# The status of an agreement the municipality does not see yet (the agreements app, a floor
# above, names it Status.DRAFT; tests/offers/test_pages.py checks that the two agree).
AGREEMENT_DRAFT = "utkast"


def can_read_offers(user) -> bool:
    return user.is_city_staff or user.is_municipal_contact


def can_manage_offers(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_manage(user) -> None:
    if not can_manage_offers(user):
        raise PermissionDenied


def visible_offers(user):
    """The offers ``user`` may read; PermissionDenied for a role that reads none."""
    if user.is_city_staff:
        return Offer.objects.all()
    if user.is_municipal_contact:
        if not user.municipality_id:
            return Offer.objects.none()
        seen = Q(agreements__municipality_id=user.municipality_id) & ~Q(
            agreements__status=AGREEMENT_DRAFT
        )
        return Offer.objects.alias(seen=Count("agreements", filter=seen)).filter(seen__gt=0)
    raise PermissionDenied


def offer_for_user(user, slug: str) -> Offer:
    """The offer if ``user`` may see it, else 404 (403 for a role that sees no offer)."""
    try:
        return visible_offers(user).get(slug=slug)
    except Offer.DoesNotExist:
        raise Http404 from None
