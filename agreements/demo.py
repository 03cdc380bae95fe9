"""Demo data of the agreements: Stockholm city's contact persons in § 1. Never in production.

The reference data loads every version's contacts empty (the project leader fills them in); the
demo fills the empty ones so that agreements can be sent and signed at once. Idempotent: a contact
someone has filled in is left as it is.
"""

from django.db import transaction

from .models import TemplateContact

# (name, title, phone, e-mail) for the contacts in the order a version names them; the last
# one serves any further contact.
DEMO_CITY_CONTACTS = [
    ("Anna Lindqvist", "Biträdande enhetschef", "08-508 25 100", "anna.lindqvist"),
    ("Karin Holm", "Enhetschef, Mikamottagningen och KAST", "08-508 25 110", "karin.holm"),
    ("Johan Berg", "Enhetschef, regionkoordinator vuxna", "08-508 25 120", "johan.berg"),
    ("Maria Ek", "Enhetschef, regionkoordinator barn och unga", "08-508 25 130", "maria.ek"),
]


@transaction.atomic
def fill_demo_city_contacts() -> int:
    """Fill every empty contact of every version with a demo person. Returns how many."""
    filled = 0
    for contact in TemplateContact.objects.select_for_update().order_by("template", "order"):
        if not contact.missing_fields():
            continue
        name, title, phone, mailbox = DEMO_CITY_CONTACTS[
            min(contact.order, len(DEMO_CITY_CONTACTS)) - 1
        ]
        contact.name, contact.title, contact.phone = name, title, phone
        contact.email = f"{mailbox}@demo.kommunavtal.se"
        contact.save()
        filled += 1
    return filled
