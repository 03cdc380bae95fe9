"""Data for the reliability tests: agreements in force, confirmed pools, signed agreements with
their stored PDFs. Plain functions (not fixtures) so that each test says what it builds."""

import datetime
from decimal import Decimal

from agreements import services, signing
from agreements.documents import document_fingerprint
from agreements.models import Agreement, Status
from municipalities.models import Municipality
from offers.models import CostPool

# Municipalities without demo contacts: issuing their invoices mails nobody, so no PDF is made
# on the way (Täby 0160 and Nacka 0182 have the demo contacts).
CODES = ["0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128", "0136"]

DETAILS = {
    "department": "Socialtjänsten",
    "contact_person": "Kim Kontakt",
    "contact_details": "08-000 00 00",
    "postal_address": "Kommunen\n100 00 Kommunstad",
    "invoicing_address": "Kommunen\nFakturor\n100 00 Kommunstad",
}


def confirmed_pools(first=2022, last=2030) -> None:
    amount = Decimal("4000000")
    for year in range(first, last + 1):
        amount = (amount * Decimal("1.02")).quantize(Decimal("1"))
        CostPool.objects.update_or_create(year=year, defaults={"amount": amount, "note": "test"})


def in_force(code: str, *, start: datetime.date, by) -> Agreement:
    """An agreement in force since ``start``, through the real transitions (no signing, no PDF)."""
    agreement = services.prepare_agreement(municipality=Municipality.objects.get(code=code), by=by)
    agreement.transition(Status.SENT, by=by)
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=by)
    agreement.start_date = start
    agreement.transition(Status.ACTIVE, by=by)
    return agreement


# Valid organisation numbers (Luhn) for the municipalities the tests sign for.
ORG_NUMBERS = {"0160": "2120002882", "0182": "2120000167"}


def signed_by_both(code: str, *, users, contact) -> Agreement:
    """Signed by the municipality and countersigned by the city: the signed PDF is stored."""
    agreement = services.prepare_agreement(
        municipality=Municipality.objects.get(code=code), by=users["project_leader"]
    )
    agreement.transition(Status.SENT, by=users["project_leader"])
    agreement = signing.save_details(agreement, org_number=ORG_NUMBERS[code], **DETAILS)
    fingerprint = document_fingerprint(agreement)
    signing.sign_for_municipality(
        agreement,
        user=contact,
        full_name="Kim Kontakt",
        title="Socialchef",
        fingerprint=fingerprint,
        ip_address="192.0.2.1",
        user_agent="test",
    )
    agreement.refresh_from_db()
    signing.countersign(
        agreement,
        user=users["signatory"],
        full_name="Sara Direktörsdotter",
        title="Socialdirektör",
        fingerprint=agreement.content_sha256,
        ip_address="192.0.2.2",
        user_agent="test",
    )
    agreement.refresh_from_db()
    return agreement
