"""Reference data of the agreements: the 2021 and 2023 template versions.

Templates are created when missing and otherwise left alone: after loading, they belong to the
project leader, who edits them in the product until they are frozen by a signature. Stockholm
city's contact persons in § 1 are loaded empty (only the role each version names): the project
leader fills them in on the version's page before any agreement on it is sent.
"""

import datetime

from django.db import transaction

from core.loading import LoadReport
from offers.models import TODAY_OFFER, Offer
from offers.reference_data import BODY, parse_sections

from .models import AgreementTemplate, TemplateContact, TemplateSection

CITY = "Socialförvaltningen i Stockholms stad, org.nr 212000-0142"
VERSIONS = [
    {
        "version": "2021",
        "year": 2021,
        "valid_from": datetime.date(2021, 1, 1),
        "city_party": f"{CITY}\nSocialtjänstavdelningen",
        "contacts": [
            "Kontaktperson",
            "Kontaktperson för Mikamottagningen och KAST",
            "Kontaktperson för regionkoordinator vuxna",
            "Kontaktperson för regionkoordinator barn/unga",
        ],
        "signatory_title": "Socialdirektör",
    },
    {
        "version": "2023",
        "year": 2023,
        "valid_from": datetime.date(2023, 1, 1),
        "city_party": CITY,
        "contacts": ["Kontaktperson"],
        "signatory_title": "Socialdirektör",
    },
]


@transaction.atomic
def load_reference_data(report: LoadReport) -> None:
    offer = Offer.objects.get(slug=TODAY_OFFER["slug"])  # loaded by offers.reference_data
    sections = parse_sections(BODY.read_text(encoding="utf-8"))
    for spec in VERSIONS:
        spec = dict(spec)
        version = spec.pop("version")
        roles = spec.pop("contacts")
        template, created = AgreementTemplate.objects.get_or_create(
            offer=offer, version=version, defaults=spec
        )
        report.add(f"avtalsversion {version}", created=created, changed=False)
        if created:
            TemplateSection.objects.bulk_create(
                TemplateSection(template=template, order=i, heading=h, body=b)
                for i, (h, b) in enumerate(sections, start=1)
            )
            # The contacts the version names, empty: the project leader fills them in.
            TemplateContact.objects.bulk_create(
                TemplateContact(template=template, order=i, role=role)
                for i, role in enumerate(roles, start=1)
            )
