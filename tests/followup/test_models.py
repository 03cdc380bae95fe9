"""The database refuses what the follow-up must never hold: two rows for the same period, a
negative count, a third half-year. And there is no field that could hold a person."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from followup.models import COUNT_FIELDS, UsageFigure
from municipalities.models import Municipality

from .conftest import TABY, YEAR


@pytest.fixture
def taby(reference_data):
    return Municipality.objects.get(code=TABY)


def make(taby, service_ids, **fields):
    values = {"municipality": taby, "service_id": service_ids["kast"], "year": YEAR, "half": 1}
    return UsageFigure.objects.create(**{**values, **fields})


def test_one_row_per_municipality_service_and_half_year(taby, service_ids):
    make(taby, service_ids)
    make(taby, service_ids, half=2)  # the other half is another row
    make(taby, service_ids, service_id=service_ids["mikamottagningen"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make(taby, service_ids)
    assert UsageFigure.objects.count() == 3


@pytest.mark.parametrize(
    "fields",
    [
        {"half": 3},
        {"half": 0},
        {"year": 2020},
        {"contacts": -1},
        {"individuals_supported": -5},
        {"training_participants": 2_000_000},
    ],
)
def test_the_database_refuses_impossible_values(taby, service_ids, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(taby, service_ids, **fields)
    assert not UsageFigure.objects.exists()


def test_full_clean_names_the_bad_field(taby, service_ids):
    figure = UsageFigure(
        municipality=taby, service_id=service_ids["kast"], year=YEAR, half=1, consultations=-1
    )
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert set(caught.value.message_dict) == {"consultations"}


def test_no_free_text_field_could_hold_data_about_a_person():
    text_fields = [
        f.name
        for f in UsageFigure._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "TextField", "JSONField")
    ]
    assert text_fields == []
    assert len(COUNT_FIELDS) == 4
