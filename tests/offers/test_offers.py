"""The offer holds its services, pools and cost base: a second offer's figures never mix with the
first one's."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from municipalities.models import Municipality
from offers import costs, rules
from offers.models import CostPool, FirstYearRule, Offer, Service
from offers.pools import set_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(reference_data):
    return Offer.objects.default()


@pytest.fixture
def second(reference_data):
    """A second offer over five municipalities, with its own 2021 pool and 3 % a year."""
    other = Offer.objects.create(
        name="Resurscentrum mot hedersrelaterat våld",
        slug="resurscentrum",
        host_party="Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
        indexation_percent=Decimal("3.00"),
        population_date=datetime.date(2018, 12, 31),
        first_year_rule=FirstYearRule.FULL_YEAR,
    )
    other.cost_base.set(
        Municipality.objects.filter(code__in=["0160", "0182", "0180", "0114", "0115"])
    )
    CostPool.objects.create(offer=other, year=2021, amount=Decimal("1000000"))
    return other


def test_the_reference_data_gives_todays_offer(offer):
    assert offer.name == "Mikamottagningen, KAST och regionkoordinatorer"
    assert (offer.indexation_percent, offer.payment_term_days) == (Decimal("2.00"), 30)
    assert offer.population_date == datetime.date(2018, 12, 31)
    assert offer.first_year_rule == FirstYearRule.TWELFTHS
    names = set(offer.cost_base.values_list("name", flat=True))
    assert len(names) == 26 and "Gotland" not in names and "Stockholm" in names
    assert list(offer.services.values_list("code", flat=True)) == [
        "mikamottagningen",
        "kast",
        "regionkoordinatorer",
    ]


def test_the_2021_bilaga_comes_from_the_offers_base_and_pool(offer):
    table = costs.cost_table(2021, offer=offer)
    assert (table.pool, table.county_total, len(table.rows)) == (Decimal("4000000"), 2344124, 26)
    assert costs.cost_table(2021).county_total == 2344124  # the default: the one offer


def test_a_second_offer_has_its_own_base_pool_and_proposal(offer, second):
    table = costs.cost_table(2021, offer=second)
    assert len(table.rows) == 5 and table.pool == Decimal("1000000")
    assert sum(r.amount for r in table.rows) in {
        Decimal("999999"),
        Decimal("1000000"),
        Decimal("1000001"),
    }
    assert costs.proposal(2022, offer=second) == Decimal("1030000")
    assert costs.proposal(2022, offer=offer) == Decimal("4080000")
    # The first offer's table is unchanged by the second one.
    assert costs.cost_table(2021, offer=offer).county_total == 2344124
    assert costs.in_cost_base(Municipality.objects.get(code="0160"), offer=second)
    assert not costs.in_cost_base(Municipality.objects.get(code="0980"), offer=offer)


def test_pools_and_service_codes_are_unique_per_offer_only(offer, second):
    set_pool(year=2022, amount=Decimal("1030000"), note="", by=None, offer=second)
    assert CostPool.objects.filter(year=2022).count() == 1  # the first offer has none yet
    Service.objects.create(offer=second, code="kast", name="Rådgivning", positions=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CostPool.objects.create(offer=second, year=2021, amount=Decimal("1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Service.objects.create(offer=offer, code="kast", name="KAST igen", positions=1)


def test_a_row_without_an_offer_belongs_to_the_one_offer(offer):
    pool = CostPool.objects.create(year=2030, amount=Decimal("5000000"))
    assert pool.offer == offer


def test_the_offers_first_year_rules_are_the_ones_the_arithmetic_knows():
    assert tuple(FirstYearRule.values) == rules.FIRST_YEAR_RULES
