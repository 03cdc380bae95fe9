"""{% costs_url 'cost_table' offer 2025 %}: the URL of a cost page (pools, cost table, special
amounts, run) of an offer. The installation's first offer keeps the URLs it has always had
(/fakturering/kostnader/2025/); every other offer's pages are under
/fakturering/kostnader/erbjudande/<slug>/."""

from django import template
from django.urls import reverse

from offers.models import Offer

register = template.Library()


def default_offer_pk() -> int | None:
    offer = Offer.objects.order_by("pk").only("pk").first()
    return offer.pk if offer is not None else None


def costs_url_for(name: str, offer: Offer | None, *args, default_pk: int | None = None) -> str:
    if offer is None or offer.pk == (default_pk if default_pk is not None else default_offer_pk()):
        return reverse(f"invoicing:{name}", args=args)
    return reverse(f"invoicing:offer_{name}", args=[offer.slug, *args])


@register.simple_tag(takes_context=True)
def costs_url(context, name: str, offer: Offer | None, *args) -> str:
    cache = context.render_context
    if "costs_default_offer_pk" not in cache:
        cache["costs_default_offer_pk"] = default_offer_pk()
    return costs_url_for(name, offer, *args, default_pk=cache["costs_default_offer_pk"])
