"""The refusal (403), "not found" (404), bad request (400) and stale form (CSRF, 403) pages are
the product's own: Swedish, with the navigation and the footer (and so the link to the
accessibility statement) like every page."""

from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory

from config import urls
from core.errors import bad_request


def test_not_found_is_a_swedish_page_of_the_product(client_for):
    for role, path in (("contact_taby", "/kommuner/0182/"), ("anonymous", "/finns-inte/")):
        response = client_for(role).get(path)
        html = response.content.decode()
        assert response.status_code == 404, role
        assert '<html lang="sv">' in html and "<h1>Sidan finns inte</h1>" in html, role
        assert 'href="/tillganglighet/?sida=' in html, role
        assert "Nacka" not in html.split("<main")[1], role  # says nothing of what exists


def test_a_refusal_is_a_swedish_page_of_the_product(client_for):
    response = client_for("contact_taby").get("/anvandare/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Du har inte behörighet</h1>" in html
    assert 'aria-label="Huvudmeny"' in html and 'href="/tillganglighet/?sida=' in html


def _is_the_products_page(response, status: int) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="sv">' in html and 'aria-label="Huvudmeny"' in html
    assert 'href="/tillganglighet/?sida=' in html
    return html


def test_a_bad_letter_period_answers_the_products_error_page(client_for, reference_data):
    pl = client_for("project_leader")
    response = pl.get("/avtal/anslutning/0115/brev.pdf?fran=2026-05-01&till=2026-04-01")
    html = _is_the_products_page(response, 400)
    assert "<h1>Uppgifterna kunde inte användas</h1>" in html
    assert '<div class="error-summary" role="alert">' in html
    assert "<li>Periodens början ligger efter dess slut.</li>" in html
    assert '<a href="/avtal/anslutning/0115/">Tillbaka till Vallentuna</a>' in html
    response = pl.get("/avtal/anslutning/0115/brev.pdf?fran=inte-ett-datum")
    assert "giltigt datum" in _is_the_products_page(response, 400)


def test_every_other_bad_request_of_a_view_answers_the_products_error_page(
    client_for, reference_data
):
    pl = client_for("project_leader")
    html = _is_the_products_page(pl.post("/avtal/anslutning/0115/", {"form": "other"}), 400)
    assert "Okänt formulär." in html
    html = _is_the_products_page(pl.get("/avtal/anslutning/0160/offert.pdf?datum=2019-05-01"), 400)
    assert '<a href="/avtal/anslutning/0160/offert/">Tillbaka till offerten</a>' in html


def test_a_request_django_refuses_answers_the_products_error_page(users):
    """handler400 (a SuspiciousOperation raised anywhere) renders the product's page."""
    request = RequestFactory().get("/")
    request.user, request.session = users["finance"], {}
    html = _is_the_products_page(bad_request(request, SuspiciousOperation()), 400)
    assert "Förfrågan var ofullständig eller felaktig." in html
    assert urls.handler400 == "core.errors.bad_request"


def test_a_form_sent_from_a_stale_page_answers_the_products_page(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["project_leader"])
    response = client.post("/avtal/anslutning/0115/", {"form": "note"})
    html = _is_the_products_page(response, 403)
    assert "<h1>Formuläret kunde inte skickas</h1>" in html and "Inget har sparats." in html
