"""Reference data of the agreements: the three services and the 2021 and 2023 template versions.

Templates are created when missing and otherwise left alone: after loading, they belong to the
project leader, who edits them in the product until they are frozen by a signature. Stockholm
city's contact persons in § 1 are loaded empty (only the role each version names): the project
leader fills them in on the version's page before any agreement on it is sent.
"""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction

from core.loading import LoadReport, upsert

from .models import AgreementTemplate, Service, TemplateContact, TemplateSection

BODY = Path(settings.BASE_DIR) / "fixtures" / "agreement-body.md"

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

SERVICES = [
    ("mikamottagningen", "Mikamottagningen", 2, "### Mikamottagningen"),
    ("kast", "KAST", 1, "### KAST - Köpare Av Sexuella Tjänster"),
    ("regionkoordinatorer", "Regionkoordinatorer", 2, "### Regionkoordinatorer"),
]


def parse_sections(text: str) -> list[tuple[str, str]]:
    """The body as (heading, text) pairs, split at level-2 headings; comments dropped."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def service_description(sections, subheading: str) -> str:
    body = dict(sections)["§ 3 Ingående verksamheter"]
    after = body.split(subheading, 1)[1]
    return after.split("###", 1)[0].strip()


@transaction.atomic
def load_reference_data(report: LoadReport) -> None:
    sections = parse_sections(BODY.read_text(encoding="utf-8"))
    for order, (code, name, positions, subheading) in enumerate(SERVICES, start=1):
        upsert(
            Service,
            {"code": code},
            {
                "name": name,
                "positions": positions,
                "description": service_description(sections, subheading),
                "order": order,
            },
            report,
            f"verksamhet {code}",
        )
    for spec in VERSIONS:
        spec = dict(spec)
        version = spec.pop("version")
        roles = spec.pop("contacts")
        template, created = AgreementTemplate.objects.get_or_create(version=version, defaults=spec)
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
