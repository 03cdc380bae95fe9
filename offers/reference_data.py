"""Reference data of the offers: today's offer, its three services and its first cost pool.

The offer and its pools are created when missing and otherwise left alone: after loading, they
belong to the project leader. The services are kept as the agreement's § 3 describes them.
"""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from core.loading import LoadReport, upsert
from municipalities.models import Municipality

from .models import TODAY_OFFER, CostPool, Offer, Service

BODY = Path(settings.BASE_DIR) / "fixtures" / "agreement-body.md"

SERVICES = [
    ("mikamottagningen", "Mikamottagningen", 2, "### Mikamottagningen"),
    ("kast", "KAST", 1, "### KAST - Köpare Av Sexuella Tjänster"),
    ("regionkoordinatorer", "Regionkoordinatorer", 2, "### Regionkoordinatorer"),
]

POOLS = {2021: (Decimal("4000000"), "Avtalets utgångspunkt, § 6: 4,0 mnkr per år.")}


def parse_sections(text: str) -> list[tuple[str, str]]:
    """The agreement body as (heading, text) pairs, split at level-2 headings; comments dropped."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def service_description(sections, subheading: str) -> str:
    body = dict(sections)["§ 3 Ingående verksamheter"]
    after = body.split(subheading, 1)[1]
    return after.split("###", 1)[0].strip()


def load_offer(report: LoadReport) -> Offer:
    """Today's offer, created when missing with the municipalities then in the cost base (the
    reference data's flag: every municipality of the county but Gotland)."""
    values = dict(TODAY_OFFER)
    offer, created = Offer.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    if created:
        offer.cost_base.set(Municipality.objects.filter(in_cost_base=True))
    report.add(f"erbjudande {offer.slug}", created=created, changed=False)
    return offer


def load_cost_pools(report: LoadReport, offer: Offer) -> None:
    """Create the reference pools when missing; a pool the project leader has set is left alone."""
    for year, (amount, note) in POOLS.items():
        _pool, created = CostPool.objects.get_or_create(
            offer=offer, year=year, defaults={"amount": amount, "note": note}
        )
        report.add(f"kostnadsram {year}", created=created, changed=False)


@transaction.atomic
def load_reference_data(report: LoadReport) -> None:
    offer = load_offer(report)
    sections = parse_sections(BODY.read_text(encoding="utf-8"))
    for order, (code, name, positions, subheading) in enumerate(SERVICES, start=1):
        upsert(
            Service,
            {"offer": offer, "code": code},
            {
                "name": name,
                "positions": positions,
                "description": service_description(sections, subheading),
                "order": order,
            },
            report,
            f"verksamhet {code}",
        )
    load_cost_pools(report, offer)
