"""The favicon: every page links to an SVG icon, and /favicon.ico (which browsers ask for on
their own) leads to it instead of a 404."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_every_page_links_the_icon(client, db):
    html = client.get("/konto/logga-in/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html


def test_favicon_ico_leads_to_the_svg_for_anyone(client_for):
    for role in ("anonymous", "contact_taby"):
        response = client_for(role).get("/favicon.ico")
        assert response.status_code == 302, role
        assert response["Location"] == static("favicon.svg"), role


def test_the_icon_is_a_small_svg():
    path = finders.find("favicon.svg")
    assert path, "static/favicon.svg is missing"
    with open(path, encoding="utf-8") as svg:
        text = svg.read()
    assert text.startswith("<svg") and 'viewBox="0 0 32 32"' in text and len(text) < 2000
