"""The move of services, pools and special amounts into the offers app keeps an installation's
rows and attaches them, with its templates and agreements, to its one offer, made from today's
values."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("agreements", "0007_billing_details_change"),
    ("invoicing", "0005_payment_reversal"),
    ("followup", "0001_initial"),
    ("audit", "0005_historical_payment_reversal"),
    ("municipalities", "0002_municipal_orgnr"),
]
AFTER = [
    ("offers", "0004_offer_required"),
    ("audit", "0007_historical_agreement_offer"),
    ("agreements", "0011_offer_required"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    state_at = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(state_at).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rows_move_into_todays_offer():
    old = _migrate([("offers", None), *BEFORE])
    try:
        Municipality = old.get_model("municipalities", "Municipality")
        taby = Municipality.objects.create(code="0160", name="Täby", county="Stockholms län")
        gotland = Municipality.objects.create(
            code="0980", name="Gotland", county="Gotlands län", in_cost_base=False
        )
        service = old.get_model("agreements", "Service").objects.create(
            code="kast", name="KAST", positions=1, description="…"
        )
        old.get_model("invoicing", "CostPool").objects.create(year=2021, amount=Decimal("4000000"))
        old.get_model("invoicing", "SpecialAnnualAmount").objects.create(
            municipality=gotland, year=2022, amount=Decimal("50000")
        )
        old.get_model("followup", "UsageFigure").objects.create(
            municipality=taby, service=service, year=2022, half=1
        )
        template = old.get_model("agreements", "AgreementTemplate").objects.create(
            version="2021",
            year=2021,
            city_party="Socialförvaltningen",
            signatory_title="Socialdirektör",
            valid_from=datetime.date(2021, 1, 1),
        )
        agreement = old.get_model("agreements", "Agreement").objects.create(
            municipality=taby, template=template
        )

        new = _migrate(AFTER)
        offer = new.get_model("offers", "Offer").objects.get()
        assert offer.name == "Mikamottagningen, KAST och regionkoordinatorer"
        assert offer.population_date == datetime.date(2018, 12, 31)
        assert (offer.indexation_percent, offer.payment_term_days) == (Decimal("2.00"), 30)
        assert list(offer.cost_base.values_list("code", flat=True)) == ["0160"]
        moved = new.get_model("offers", "Service").objects.get()
        assert (moved.pk, moved.code, moved.offer_id) == (service.pk, "kast", offer.pk)
        pool = new.get_model("offers", "CostPool").objects.get()
        assert (pool.year, pool.amount, pool.offer_id) == (2021, Decimal("4000000"), offer.pk)
        special = new.get_model("offers", "SpecialAnnualAmount").objects.get()
        assert (special.municipality_id, special.offer_id) == (gotland.pk, offer.pk)
        figure = new.get_model("followup", "UsageFigure").objects.get()
        assert figure.service_id == moved.pk
        Template = new.get_model("agreements", "AgreementTemplate")
        assert Template.objects.get(pk=template.pk).offer_id == offer.pk
        Agreement = new.get_model("agreements", "Agreement")
        assert Agreement.objects.get(pk=agreement.pk).offer_id == offer.pk
    finally:
        _migrate(_leaf_nodes())


def _leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
