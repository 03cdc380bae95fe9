"""The move of steering-group terms and training sessions into an offer keeps an installation's
rows and attaches them to its one offer; a term's year is then unique per offer."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("offers", "0004_offer_required"),
    ("steering_group", "0002_membership_rotation_override_reason"),
    ("training", "0001_initial"),
]
AFTER = [("steering_group", "0003_term_offer"), ("training", "0002_trainingsession_offer")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_existing_terms_and_sessions_move_into_the_offer():
    old = _migrate(BEFORE)
    try:
        offer = old.get_model("offers", "Offer").objects.create(
            name="Mikamottagningen, KAST och regionkoordinatorer",
            slug="mikamottagningen-kast-regionkoordinatorer",
            host_party="Socialförvaltningen",
            population_date=datetime.date(2018, 12, 31),
        )
        term = old.get_model("steering_group", "Term").objects.create(year=2024)
        session = old.get_model("training", "TrainingSession").objects.create(
            title="Utbildningshalvdag",
            kind="halvdag",
            date=datetime.date(2024, 5, 14),
            half="formiddag",
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            mode="digital",
            link="https://video.example.se/utbildning",
            capacity=20,
        )

        new = _migrate(AFTER)
        Term = new.get_model("steering_group", "Term")
        assert Term.objects.get(pk=term.pk).offer_id == offer.pk
        TrainingSession = new.get_model("training", "TrainingSession")
        assert TrainingSession.objects.get(pk=session.pk).offer_id == offer.pk
        second = new.get_model("offers", "Offer").objects.create(
            name="Resurscentrum",
            slug="resurscentrum",
            host_party="Socialförvaltningen",
            population_date=datetime.date(2018, 12, 31),
        )
        Term.objects.create(year=2024, offer=second)  # the same year, another offer's group
        with pytest.raises(IntegrityError), transaction.atomic():
            Term.objects.create(year=2024, offer_id=offer.pk)
    finally:
        _migrate(_leaf_nodes())
