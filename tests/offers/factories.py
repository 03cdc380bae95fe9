"""Set-up helpers for tests with more than one offer: ``make_offer`` builds a second offer with its
own services, cost base, pool and (optionally) a version of the agreement that can be sent.

Keep them plain: each test names what it relies on (its own slug, municipalities and figures).
"""

import datetime
from decimal import Decimal

from agreements.models import AgreementTemplate, TemplateContact, TemplateSection
from municipalities.models import Municipality
from offers.models import CostPool, FirstYearRule, Offer, Service

HOST_PARTY = "Socialförvaltningen i Stockholms stad, org.nr 212000-0142"
# Täby, Nacka, Vallentuna, Danderyd, Sollentuna.
DEFAULT_BASE = ("0160", "0182", "0115", "0162", "0163")
DEFAULT_SERVICES = (
    ("radgivning", "Rådgivningen", 2),
    ("utbildningsteamet", "Utbildningsteamet", 1),
)


def make_offer(
    name: str = "Resurscentrum mot hedersrelaterat våld",
    *,
    slug: str = "resurscentrum",
    services=DEFAULT_SERVICES,
    cost_base=DEFAULT_BASE,
    pools: dict[int, Decimal] | None = None,
    template: bool = True,
    **fields,
) -> Offer:
    """An offer with its services ((code, name, positions) …), the municipalities of its cost base
    (SCB codes), its confirmed pools ({year: amount}, default 2021: 1 000 000 kr) and, unless
    ``template`` is False, a version "2021" of its agreement with the city's contact filled in."""
    values = {
        "host_party": HOST_PARTY,
        "indexation_percent": Decimal("3.00"),
        "population_date": datetime.date(2018, 12, 31),
        "first_year_rule": FirstYearRule.TWELFTHS,
        **fields,
    }
    offer = Offer.objects.create(name=name, slug=slug, **values)
    offer.cost_base.set(Municipality.objects.filter(code__in=cost_base))
    for order, (code, service_name, positions) in enumerate(services, start=1):
        Service.objects.create(
            offer=offer,
            code=code,
            name=service_name,
            positions=positions,
            description=f"{service_name} inom {name}.",
            order=order,
        )
    for year, amount in (pools if pools is not None else {2021: Decimal("1000000")}).items():
        CostPool.objects.create(offer=offer, year=year, amount=amount, note="test")
    if template:
        make_template(offer)
    return offer


def make_template(
    offer: Offer, *, version: str = "2021", valid_from=datetime.date(2021, 1, 1)
) -> AgreementTemplate:
    """A short version of the offer's agreement (§ 1, § 3, § 6, § 11) that can be sent and signed."""
    template = AgreementTemplate.objects.create(
        offer=offer,
        version=version,
        year=valid_from.year,
        title=f"Avtal om nyttjande av insatser vid {offer.name}",
        city_party=offer.host_party,
        signatory_title="Socialdirektör",
        valid_from=valid_from,
    )
    sections = [
        ("§ 1 Parter", "Detta avtal har träffats mellan följande parter."),
        ("§ 3 Ingående verksamheter", f"Avtalet omfattar {offer.name}."),
        ("§ 6 Kostnader", "Kostnaden fördelas efter befolkningen."),
        ("§ 11 Avtalstid", "Avtalet gäller från dagen då sista part undertecknar."),
    ]
    for order, (heading, body) in enumerate(sections, start=1):
        TemplateSection.objects.create(template=template, order=order, heading=heading, body=body)
    TemplateContact.objects.create(
        template=template,
        order=1,
        role=f"Kontaktperson för {offer.name}",
        name="Rut Resursdotter",
        title="Enhetschef",
        phone="08-508 00 000",
        email="rut.resursdotter@demo.kommunavtal.se",
    )
    return template
