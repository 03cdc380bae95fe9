"""Demo data of the agreements: the fifteen municipalities that had joined by 2022 (the city's
report of that year), each with an agreement from 2021 that went the whole real way: prepared and
sent by the project leader, § 1 filled in and signed by the municipality's contact, countersigned
by the socialdirektör, who stores the signed PDF. Called from load_demo_data (development only);
a municipality that already has an agreement is left alone, so running it again adds nothing.
It also fills Stockholm city's contact persons in § 1 of every version, which the reference data
leaves empty for the project leader."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from stdnum import luhn

from accounts.demo import DEMO_CONTACTS, DEMO_USERS
from accounts.models import User
from core.demo import DemoClock
from municipalities.models import Municipality

from . import services, signing
from .documents import document_fingerprint
from .models import (
    IN_FORCE_STATUSES,
    OPEN_STATUSES,
    Agreement,
    AgreementTemplate,
    Status,
    TemplateContact,
)


@dataclass(frozen=True)
class DemoAgreement:
    code: str
    signed_on: datetime.date  # by the municipality; the city countersigns two days later
    agreed_start: datetime.date | None = None  # else in force from the countersignature (§ 11)

    @property
    def sent_on(self) -> datetime.date:
        return self.signed_on - datetime.timedelta(days=14)

    @property
    def countersigned_on(self) -> datetime.date:
        return self.signed_on + datetime.timedelta(days=2)


# Spread over 2021, so that the first invoices show the remaining twelfths of § 6 (a start in the
# latter half of a month is invoiced from the next month).
DEMO_AGREEMENTS = [
    DemoAgreement("0182", datetime.date(2021, 1, 11)),  # Nacka
    DemoAgreement("0160", datetime.date(2021, 1, 25), datetime.date(2021, 2, 1)),  # Täby
    DemoAgreement("0184", datetime.date(2021, 2, 8)),  # Solna
    DemoAgreement("0183", datetime.date(2021, 2, 22), datetime.date(2021, 3, 1)),  # Sundbyberg
    DemoAgreement("0123", datetime.date(2021, 3, 3)),  # Järfälla
    DemoAgreement("0136", datetime.date(2021, 3, 17)),  # Haninge
    DemoAgreement("0163", datetime.date(2021, 4, 6)),  # Sollentuna
    DemoAgreement("0181", datetime.date(2021, 4, 19), datetime.date(2021, 5, 1)),  # Södertälje
    DemoAgreement("0114", datetime.date(2021, 5, 10)),  # Upplands Väsby
    DemoAgreement("0120", datetime.date(2021, 6, 1)),  # Värmdö
    DemoAgreement("0125", datetime.date(2021, 6, 14)),  # Ekerö
    DemoAgreement("0191", datetime.date(2021, 8, 23)),  # Sigtuna
    DemoAgreement("0187", datetime.date(2021, 9, 6)),  # Vaxholm
    DemoAgreement("0128", datetime.date(2021, 10, 4)),  # Salem
    DemoAgreement("0192", datetime.date(2021, 11, 15)),  # Nynäshamn
]
DEMO_CODES = [a.code for a in DEMO_AGREEMENTS]


def demo_org_number(code: str) -> str:
    """A valid (Luhn) organisation number of the municipality's form 212000-NNNN; demo only."""
    base = f"212000{code[1:]}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def demo_contacts() -> dict[str, User]:
    """The demo's municipal contact of each municipality, by municipality code."""
    usernames = [u[0] for u in DEMO_USERS if u[5]] + [c[0] for c in DEMO_CONTACTS]
    users = User.objects.filter(username__in=usernames).select_related("municipality")
    return {u.municipality.code: u for u in users if u.municipality_id}


def _details(municipality: Municipality, contact: User, index: int) -> dict[str, str]:
    """§ 1 as the municipality fills it in. Telephone numbers from the series set aside for
    fiction (08-465 004 00–99)."""
    name = municipality.name
    return {
        "org_number": demo_org_number(municipality.code),
        "department": f"Socialförvaltningen, {name} kommun",
        "contact_person": f"{contact.get_full_name()}, {contact.title.lower()}",
        "contact_details": f"08-465 004 {10 + index:02d}, {contact.email}",
        "postal_address": f"{name} kommun\nSocialförvaltningen\nBox {100 + index}\n"
        f"{190 + index} {10 + index} {name}",
        "invoicing_address": f"{name} kommun\nFakturaservice\nBox {900 + index}\n"
        f"{190 + index} 90 {name}",
        "buyer_reference": f"SOC-{municipality.code}-MIKA",
    }


def _sign(clock: DemoClock, spec: DemoAgreement, index: int, contact: User, users: dict) -> None:
    """Prepare, send, sign and countersign, each at its moment and in its own transaction, as in
    the product; an agreement left half-way (a run that stopped) is taken from where it is."""
    municipality = contact.municipality
    leader, signatory = users["projektledare"], users["socialdirektor"]
    agreement = Agreement.objects.filter(
        municipality=municipality, status__in=OPEN_STATUSES
    ).first()
    if agreement is None:
        if Agreement.objects.filter(municipality=municipality).exists():
            return  # it has had one, which has ended: leave its history alone
        sent_at = clock.when(spec.sent_on, 9)
        if sent_at is None:
            return  # not yet history: the demo does not act in the future
        with clock.at(sent_at):
            agreement = services.prepare_agreement(
                municipality=municipality,
                by=leader,
                template=AgreementTemplate.in_force_on(spec.signed_on),
                agreed_start_date=spec.agreed_start,
            )
            services.send_agreement(agreement, by=leader)
    signed_at = clock.when(spec.signed_on, 14)
    if agreement.status == Status.SENT and signed_at is not None:
        with clock.at(signed_at):
            agreement = signing.save_details(agreement, **_details(municipality, contact, index))
            signing.sign_for_municipality(
                agreement,
                user=contact,
                full_name=contact.get_full_name(),
                title=contact.title,
                fingerprint=document_fingerprint(agreement),
                ip_address="192.0.2.10",
                user_agent="load_demo_data",
            )
        agreement.refresh_from_db()
    countersigned_at = clock.when(spec.countersigned_on, 11)
    if agreement.status == Status.SIGNED_BY_MUNICIPALITY and countersigned_at is not None:
        with clock.at(countersigned_at):
            signing.countersign(
                agreement,
                user=signatory,
                full_name=signatory.get_full_name(),
                title=signatory.title,
                fingerprint=agreement.content_sha256,
                ip_address="192.0.2.20",
                user_agent="load_demo_data",
            )


def load_demo_agreements(clock: DemoClock) -> list[Agreement]:
    """The demo's agreements, signed by both parties at their dates in 2021."""
    users = {u.username: u for u in User.objects.filter(username__in=[u[0] for u in DEMO_USERS])}
    contacts = demo_contacts()
    done = set(
        Agreement.objects.filter(
            municipality__code__in=DEMO_CODES, status__in=IN_FORCE_STATUSES
        ).values_list("municipality__code", flat=True)
    )
    for index, spec in enumerate(DEMO_AGREEMENTS):
        if spec.code not in done and spec.code in contacts:
            _sign(clock, spec, index, contacts[spec.code], users)
    return list(
        Agreement.objects.filter(municipality__code__in=DEMO_CODES).select_related("municipality")
    )


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


def load_demo_data(clock: DemoClock) -> None:
    """Stockholm city's contacts in § 1 first: no demo agreement is sent before they are filled."""
    fill_demo_city_contacts()
    load_demo_agreements(clock)
