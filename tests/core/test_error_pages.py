"""The refusal (403) and "not found" (404) pages are the product's own: Swedish, with the
navigation and the footer (and so the link to the accessibility statement) like every page."""


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
