"""Which offer's follow-up a page is about. Each offer with ``has_followup`` has figures of its
own (a figure's service belongs to one offer); an installation with one such offer works as it
always has. The pages take the offer as ``?erbjudande=<slug>`` and fall back on the first offer
with follow-up."""

from django.http import Http404
from django.utils.http import urlencode

from offers.models import Offer

OFFER_PARAMETER = "erbjudande"


def followup_offers():
    """The offers that have follow-up, the first one created first."""
    return Offer.objects.filter(has_followup=True).order_by("pk")


def offer_or_first(offer: Offer | None) -> Offer:
    """``offer``, or the first offer with follow-up (the one offer of a single-offer
    installation) when none is given."""
    if offer is not None:
        return offer
    first = followup_offers().first()
    return first if first is not None else Offer.objects.default()


def offer_for_request(request) -> Offer:
    """The offer named by ``?erbjudande=<slug>``, or the first offer with follow-up; 404 for an
    unknown slug, an offer without follow-up, or an installation where no offer has any."""
    slug = request.GET.get(OFFER_PARAMETER, "").strip()
    offers = followup_offers()
    offer = offers.filter(slug=slug).first() if slug else offers.first()
    if offer is None:
        raise Http404
    return offer


def several_offers() -> bool:
    return followup_offers().count() > 1


def offer_params(offer: Offer) -> dict[str, str]:
    """The query parameter naming ``offer``: none while only one offer has follow-up."""
    return {OFFER_PARAMETER: offer.slug} if several_offers() else {}


def offer_query(offer: Offer) -> str:
    """``?erbjudande=<slug>`` (with the question mark) when several offers have follow-up."""
    params = offer_params(offer)
    return "?" + urlencode(params) if params else ""
