"""URLs of the offers (see tests/url_cases/__init__.py for the format).

- City staff read every offer; the project leader alone creates and changes offers and services
  (the others: 403). Steering-group members see no offer (403).
- A municipal contact reads the offers their municipality has an agreement of (not a draft):
  today's offer is Täby's and Nacka's (their agreements from the other parts); the second offer
  ({offer2}) only Nacka's, which has a sent agreement of it. kontakt.taby gets 404 for it, and for
  the pages that change it, before being told they may not (nothing revealed).
- An empty POST to a form shows it again with its errors (200); removing a service is a POST that
  answers with a redirect to the offer.
"""

from agreements import services
from agreements.models import Status
from municipalities.models import Municipality
from offers.models import Offer
from tests.offers.factories import make_offer

from . import CHANGED, NOT_FOUND, only

CITY_AND_CONTACTS = only("project_leader", "finance", "signatory", "contact_taby", "contact_nacka")
# The second offer: city staff and Nacka's contact read it; Täby's contact does not know it.
SECOND_READ = {**CITY_AND_CONTACTS, "contact_taby": NOT_FOUND}
# Pages that change an offer: the project leader; a contact who sees the offer 403, one who does
# not 404.
MANAGE_TODAY = only("project_leader")
MANAGE_SECOND = {**only("project_leader"), "contact_taby": NOT_FOUND}
REMOVE_SECOND = {**MANAGE_SECOND, "project_leader": CHANGED}

SECOND = "url-cases-resurscentrum"
TODAY = "mikamottagningen-kast-regionkoordinatorer"

CASES = {
    "offers:list": ("/erbjudanden/", CITY_AND_CONTACTS, None),
    "offers:create": ("/erbjudanden/nytt/", MANAGE_TODAY, MANAGE_TODAY),
    "offers:detail": (f"/erbjudanden/{SECOND}/", SECOND_READ, None),
    "offers:edit": (f"/erbjudanden/{TODAY}/andra/", MANAGE_TODAY, MANAGE_TODAY),
    "offers:service_create": (
        f"/erbjudanden/{SECOND}/verksamheter/ny/",
        MANAGE_SECOND,
        MANAGE_SECOND,
    ),
    "offers:service_edit": (
        f"/erbjudanden/{SECOND}/verksamheter/{{offer2_service}}/",
        MANAGE_SECOND,
        MANAGE_SECOND,
    ),
    "offers:service_delete": (
        f"/erbjudanden/{SECOND}/verksamheter/{{offer2_spare_service}}/ta-bort/",
        MANAGE_SECOND,
        REMOVE_SECOND,
    ),
}


def placeholders(users) -> dict:
    """The second offer, Nacka's sent agreement of it, and a spare service to remove (made again
    for each request, as the project leader's POST removes it)."""
    offer = Offer.objects.filter(slug=SECOND).first()
    if offer is None:
        offer = make_offer("Resurscentrum (url cases)", slug=SECOND)
        nacka = Municipality.objects.get(code="0182")
        agreement = services.prepare_agreement(
            municipality=nacka, by=users["project_leader"], template=offer.templates.get()
        )
        agreement.transition(Status.SENT, by=users["project_leader"])
    service = offer.services.order_by("order").first()
    spare, _created = offer.services.get_or_create(
        code="reserv", defaults={"name": "Reserv", "positions": 1, "description": "", "order": 9}
    )
    return {"offer2_service": service.pk, "offer2_spare_service": spare.pk}
