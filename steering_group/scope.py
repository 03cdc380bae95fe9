"""Which offer a steering-group page is about, and the URLs of a term's pages.

Each offer with ``has_steering_group`` has a steering group of its own: a term per year, with its
members, meetings and minutes. The year pages have two addresses:

- ``/styrgrupp/<year>/…``: the group of the first offer that has one (an installation with one
  offer, as it has always been);
- ``/styrgrupp/<offer slug>/<year>/…``: the group of that offer.

Links use the short address while only one offer has a steering group, the one with the offer's
slug as soon as several have (:func:`term_url`).
"""

from django.http import Http404
from django.urls import reverse

from offers.models import Offer

# URL name of a year page → its name with the offer's slug (steering_group/urls.py)
OFFER_NAMES = {
    "term": "offer_term",
    "members": "offer_members",
    "add_chair": "offer_add_chair",
    "add_adjunct": "offer_add_adjunct",
    "apply": "offer_apply",
    "meeting_create": "offer_meeting_create",
}


def steering_offers():
    """The offers that have a steering group, the first one created first."""
    return Offer.objects.filter(has_steering_group=True).order_by("pk")


def first_offer() -> Offer | None:
    """The offer the short addresses (``/styrgrupp/<year>/``) are about: the first offer that has
    a steering group, or None when none has."""
    return steering_offers().first()


def first_offer_or_404() -> Offer:
    offer = first_offer()
    if offer is None:
        raise Http404
    return offer


def offer_by_slug(slug: str) -> Offer:
    """The offer with this slug (404 if there is none); it may have no steering group."""
    try:
        return Offer.objects.get(slug=slug)
    except Offer.DoesNotExist:
        raise Http404 from None


def steering_offer_by_slug(slug: str) -> Offer:
    """The offer with this slug if it has a steering group; 404 otherwise."""
    offer = offer_by_slug(slug)
    if not offer.has_steering_group:
        raise Http404
    return offer


def several_offers() -> bool:
    return steering_offers().count() > 1


def term_url(name: str, term, *, several: bool | None = None) -> str:
    """The URL of a year page (``name`` as in steering_group/urls.py) of ``term``: the short one
    while one offer has a steering group, the one with the offer's slug when several have.
    ``several``: :func:`several_offers`, when the caller already knows it."""
    if several is None:
        several = several_offers()
    if several:
        return reverse(f"steering_group:{OFFER_NAMES[name]}", args=[term.offer.slug, term.year])
    return reverse(f"steering_group:{name}", args=[term.year])
