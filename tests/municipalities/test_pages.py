from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import Municipality, PopulationFigure


def test_list_shows_code_name_population_and_share(client_for):
    html = client_for("project_leader").get("/kommuner/").content.decode()
    assert "0127" in html and "Botkyrka" in html
    assert "93\u00a0106" in html  # population, thousands grouped
    assert "3,97\u00a0%" in html  # Botkyrka's share, as in the published table
    assert "2\u00a0344\u00a0124" in html  # county total in the sum row
    assert "utanför nyckeln" in html  # Gotland


def test_contact_sees_only_their_own_municipality(client_for):
    client = client_for("contact_taby")
    response = client.get("/kommuner/")
    assert [r.municipality.name for r in response.context["rows"]] == ["Täby"]
    assert "Nacka" not in response.content.decode()
    assert client.get("/kommuner/0182/").status_code == 404
    assert client.get("/kommuner/0160/").status_code == 200
    assert client.get("/kommuner/9999/").status_code == 404


def test_detail_lists_the_figures(client_for):
    html = client_for("finance").get("/kommuner/0182/").content.decode()
    assert "Nacka" in html and "103\u00a0656" in html and "2018-12-31" in html


def test_list_uses_the_same_number_of_queries_whatever_the_rows(client_for):
    client = client_for("project_leader")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/kommuner/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(40):
        m = Municipality.objects.create(code=f"2{i:03d}", name=f"Extra {i}", county="Test")
        PopulationFigure.objects.create(
            municipality=m, reference_date="2018-12-31", population=100 + i
        )
    assert count() == before


def test_home_page_per_role(client_for):
    pl = client_for("project_leader").get("/").content.decode()
    assert "Kommuner i erbjudandet" in pl and "Hantera användare" in pl
    taby = client_for("contact_taby").get("/").content.decode()
    assert "Täby" in taby and "Inget väntar på dig just nu" in taby
    assert "Nacka" not in taby
    finance = client_for("finance").get("/").content.decode()
    assert "Fakturor" in finance and "Hantera användare" not in finance
    signatory = client_for("signatory").get("/").content.decode()
    assert "Inget väntar på dig just nu" in signatory
    member = client_for("steering_member").get("/").content.decode()
    assert "Möten och protokoll" in member


def test_base_layout_is_accessible(client_for):
    html = client_for("contact_taby").get("/").content.decode()
    assert '<html lang="sv">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<nav" in html and "<footer" in html
    assert html.count("<h1>") == 1
