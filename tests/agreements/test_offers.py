"""Agreements belong to an offer (their template's): a municipality may hold one open agreement
per offer, so it can join a second offer while its first agreement runs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement, AgreementTemplate
from agreements.services import prepare_agreement
from municipalities.models import Municipality
from offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_template(reference_data):
    offer = Offer.objects.create(
        name="Resurscentrum mot hedersrelaterat våld",
        slug="resurscentrum",
        host_party="Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
        indexation_percent=Decimal("2.00"),
        population_date=datetime.date(2018, 12, 31),
    )
    return AgreementTemplate.objects.create(
        offer=offer,
        version="2021",  # the same label as the first offer's version: unique per offer only
        year=2021,
        title="Avtal om resurscentrum",
        city_party="Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
        signatory_title="Socialdirektör",
        valid_from=datetime.date(2021, 1, 1),
    )


def test_the_reference_templates_and_their_agreements_belong_to_todays_offer(users):
    offer = Offer.objects.default()
    assert set(AgreementTemplate.objects.values_list("offer", flat=True)) == {offer.pk}
    taby = Municipality.objects.get(code="0160")
    agreement = prepare_agreement(municipality=taby, by=users["project_leader"])
    assert agreement.offer == offer == agreement.template.offer


def test_one_open_agreement_per_municipality_and_offer(users, second_template):
    taby = Municipality.objects.get(code="0160")
    first = prepare_agreement(municipality=taby, by=users["project_leader"])
    second = prepare_agreement(
        municipality=taby, by=users["project_leader"], template=second_template
    )
    assert (first.offer, second.offer) == (Offer.objects.default(), second_template.offer)
    with pytest.raises(ValidationError):
        prepare_agreement(municipality=taby, by=users["project_leader"])
    with pytest.raises(ValidationError):
        prepare_agreement(municipality=taby, by=users["project_leader"], template=second_template)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(municipality=taby, template=second_template)
