"""The entry form: one municipality and half-year, three services at once, nothing half-saved."""

import datetime

from django.utils import timezone

from followup.models import UsageFigure

from .conftest import NACKA, TABY, YEAR

URL = f"/uppfoljning/registrera/{TABY}/{YEAR}/1/"


def grid(**overrides):
    """A full, valid form: every service, every count."""
    data = {}
    for index, service in enumerate(("mikamottagningen", "kast", "regionkoordinatorer")):
        data[f"{service}-individuals_supported"] = str(10 + index)
        data[f"{service}-contacts"] = str(40 + index)
        data[f"{service}-consultations"] = "3"
        data[f"{service}-training_participants"] = "0"
    data.update(overrides)
    return data


def test_start_page_sends_the_choice_to_the_grid(client_for):
    client = client_for("project_leader")
    response = client.get(f"/uppfoljning/registrera/?kommun={TABY}&ar={YEAR}&halvar=2")
    assert response.status_code == 302
    assert response["Location"] == f"/uppfoljning/registrera/{TABY}/{YEAR}/2/"
    html = client.get("/uppfoljning/registrera/").content.decode()
    assert "Täby" in html and 'name="halvar"' in html


def test_saving_the_grid_stores_one_row_per_service_with_who_and_when(client_for, users):
    response = client_for("project_leader").post(URL, grid())
    assert response.status_code == 302
    assert response["Location"] == f"/uppfoljning/kommun/{TABY}/"
    rows = UsageFigure.objects.filter(municipality__code=TABY, year=YEAR, half=1)
    assert sorted(rows.values_list("service__code", "individuals_supported")) == [
        ("kast", 11),
        ("mikamottagningen", 10),
        ("regionkoordinatorer", 12),
    ]
    assert {r.entered_by for r in rows} == {users["project_leader"]}
    page = client_for("project_leader").get(f"/uppfoljning/kommun/{TABY}/").content.decode()
    assert "2024, första halvåret" in page and "Petra Projektsson" in page


def test_bad_input_saves_nothing_and_says_what_is_wrong(client_for):
    client = client_for("project_leader")
    bad = grid(**{"kast-contacts": "-1", "mikamottagningen-consultations": "tre"})
    del bad["regionkoordinatorer-individuals_supported"]
    response = client.post(URL, bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inget har sparats" in html
    assert "KAST: kontakter" in html
    assert "Mikamottagningen: konsultationer till yrkesverksamma" in html
    assert "Regionkoordinatorer: stödda individer" in html
    # The values typed are kept, so the user corrects rather than retypes.
    assert 'value="-1"' in html
    assert not UsageFigure.objects.exists()


def test_changing_one_count_keeps_the_other_rows_untouched(client_for, users, figures):
    figures(TABY, {"mikamottagningen": (10, 40, 3, 0)}, by=users["finance"])
    client_for("project_leader").post(URL, grid(**{"kast-contacts": "99"}))
    mika = UsageFigure.objects.get(municipality__code=TABY, service__code="mikamottagningen")
    kast = UsageFigure.objects.get(municipality__code=TABY, service__code="kast")
    assert mika.entered_by == users["finance"]  # unchanged: still says who entered it
    assert kast.contacts == 99 and kast.entered_by == users["project_leader"]


def test_the_form_shows_what_is_stored(client_for, figures):
    figures(TABY, {"kast": (7, 8, 9, 10)})
    html = client_for("project_leader").get(URL).content.decode()
    assert 'name="kast-training_participants" value="10"' in html


def test_a_half_year_that_has_not_begun_takes_no_figures(client_for):
    today = timezone.localdate()
    later = today + datetime.timedelta(days=200)
    half = 1 if later.month <= 6 else 2
    url = f"/uppfoljning/registrera/{TABY}/{later.year}/{half}/"
    client = client_for("project_leader")
    assert "har inte börjat ännu" in client.get(url).content.decode()
    assert client.post(url, grid()).status_code == 200
    assert not UsageFigure.objects.exists()


def test_only_the_project_leader_enters_and_another_municipality_is_404(client_for):
    url = f"/uppfoljning/registrera/{NACKA}/{YEAR}/1/"
    assert client_for("contact_taby").post(url, grid()).status_code == 404
    assert client_for("contact_nacka").post(url, grid()).status_code == 403
    assert client_for("finance").post(url, grid()).status_code == 403
    assert (
        client_for("project_leader").get(f"/uppfoljning/registrera/{TABY}/{YEAR}/3/").status_code
        == 404
    )
    assert not UsageFigure.objects.exists()
