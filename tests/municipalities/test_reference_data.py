import io

import pytest
from django.core.management import call_command

from municipalities.models import Municipality, PopulationFigure
from municipalities.selectors import county_total


def load():
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loads_27_municipalities_and_the_county_total_twice_in_a_row():
    first = load()
    assert Municipality.objects.count() == 27
    assert county_total() == 2_344_124
    snapshot = list(
        PopulationFigure.objects.values_list("municipality__code", "population", "updated_at")
    )

    second = load()
    assert Municipality.objects.count() == 27
    assert county_total() == 2_344_124
    # Nothing was written the second time: not even a timestamp moved.
    assert (
        list(PopulationFigure.objects.values_list("municipality__code", "population", "updated_at"))
        == snapshot
    )
    assert "60 skapade" in first  # 27 + 26 figures + 1 offer + 3 services + 2 templates + 1 pool
    assert "0 skapade, 0 uppdaterade, 60 oförändrade" in second


@pytest.mark.django_db
def test_gotland_is_outside_the_cost_base_without_a_2018_figure_and_stockholm_is_host():
    load()
    gotland = Municipality.objects.get(code="0980")
    assert gotland.name == "Gotland"
    assert gotland.county == "Gotlands län"
    assert not gotland.in_cost_base
    assert not gotland.population_figures.exists()
    stockholm = Municipality.objects.get(code="0180")
    assert stockholm.is_host and stockholm.in_cost_base
    assert Municipality.objects.filter(is_host=True).count() == 1
    assert Municipality.objects.filter(county="Stockholms län").count() == 26


@pytest.mark.django_db
def test_a_changed_figure_is_put_back_by_the_loader():
    load()
    figure = PopulationFigure.objects.get(municipality__code="0127")
    figure.population = 1
    figure.save()
    out = load()
    figure.refresh_from_db()
    assert figure.population == 93_106
    assert "uppdaterad: folkmängd 0127" in out
