"""A second offer beside today's, for tests that run two offers side by side: its own two
services, cost pool and agreement template, and agreements in force made through the real
transitions. Test set-up only; the reference data holds today's offer alone."""

import datetime
from decimal import Decimal

from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import AgreementTemplate, Status
from municipalities.models import Municipality
from offers.models import CostPool, Offer, Service

SECOND_OFFER = {
    "name": "Resurscentrum mot hedersrelaterat våld",
    "slug": "resurscentrum",
    "host_party": "Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
    "indexation_percent": Decimal("2.00"),
    "population_date": datetime.date(2018, 12, 31),
}


def second_offer(*, pool_years=(), pool=Decimal("107173"), **fields) -> Offer:
    """The second offer, with two services, a template and a pool for each of ``pool_years``;
    its cost base is today's offer's."""
    offer = Offer.objects.create(**{**SECOND_OFFER, **fields})
    offer.cost_base.set(Offer.objects.default().cost_base.all())
    Service.objects.create(
        offer=offer, code="radgivning", name="Rådgivning", positions=2, description="…", order=1
    )
    Service.objects.create(
        offer=offer, code="utbildning", name="Utbildningsinsatser", positions=1, description="…",
        order=2,
    )  # fmt: skip
    first_template = AgreementTemplate.objects.filter(offer=Offer.objects.default()).first()
    template = AgreementTemplate.objects.create(
        offer=offer,
        version="2021",
        year=2021,
        title="Avtal om resurscentrum mot hedersrelaterat våld",
        city_party=SECOND_OFFER["host_party"],
        signatory_title="Socialdirektör",
        valid_from=datetime.date(2021, 1, 1),
    )
    if first_template is not None:  # its sections and the city's contact persons, as filled in
        template.signatory_name = first_template.signatory_name
        template.save()
        for related in (first_template.contacts.all(), first_template.sections.all()):
            for row in related:
                row.pk = None
                row.template = template
                row.save()
    for year in pool_years:
        CostPool.objects.create(offer=offer, year=year, amount=pool)
    return offer


def in_force(code: str, offer: Offer, leader, *, start: datetime.date | None = None):
    """An agreement of ``offer`` in force for the municipality since ``start`` (two months ago by
    default), walked through the real transitions."""
    municipality = Municipality.objects.get(code=code)
    template = AgreementTemplate.objects.filter(offer=offer).order_by("-valid_from").first()
    agreement = agreement_services.prepare_agreement(
        municipality=municipality, by=leader, template=template
    )
    agreement.transition(Status.SENT, by=leader)
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=leader)
    agreement.start_date = start or timezone.localdate() - datetime.timedelta(days=60)
    agreement.transition(Status.ACTIVE, by=leader)
    return agreement
