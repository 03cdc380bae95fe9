"""Which offer's training a page is about. Each offer with ``has_training`` has sessions of its
own; an installation with one such offer works as it always has. The session list takes the
offer as ``?erbjudande=<slug>`` when several offers have training."""

from django.http import Http404

from offers.models import Offer

OFFER_PARAMETER = "erbjudande"


def training_offers():
    """The offers that have training, the first one created first."""
    return Offer.objects.filter(has_training=True).order_by("pk")


def first_offer() -> Offer | None:
    return training_offers().first()


def offer_from_query(request) -> Offer | None:
    """The offer named by ``?erbjudande=<slug>``, or None when none is named; 404 for an unknown
    slug or an offer without training."""
    slug = request.GET.get(OFFER_PARAMETER, "").strip()
    if not slug:
        return None
    offer = Offer.objects.filter(slug=slug, has_training=True).first()
    if offer is None:
        raise Http404
    return offer
