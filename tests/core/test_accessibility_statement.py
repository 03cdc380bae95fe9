"""The accessibility statement (tillgänglighetsredogörelse): open to all, linked from every page,
with DIGG's required parts and a way to report a problem."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

STATEMENT = "/tillganglighet/"


def mailto_of(html: str) -> tuple[str, dict]:
    """The address and the fields of the report button's mailto link."""
    href = unescape(re.search(r'class="button" href="(mailto:[^"]+)"', html).group(1))
    parts = urlsplit(href)
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_anyone_reads_the_statement_with_the_parts_digg_asks_for(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@stockholm.example.se"
    response = client.get(STATEMENT)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tillgänglighet för kommunavtal</h1>" in html
    assert "Stockholms stad, Socialförvaltningen" in html
    # Compliance in DIGG's words, the known shortcomings, the method and the dates.
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in html
    assert "Bristande förenlighet med lagkraven" in html
    assert "PDF/UA" in html and "2.2.1" in html
    assert "självskattning" in html
    assert "Vi har inte testat manuellt" in html
    assert "Senaste bedömningen gjordes den 1 december 2026" in html
    assert "uppdaterades senast den 1 december 2026" in html
    # How to report a problem, and where to complain.
    address, fields = mailto_of(html)
    assert address == "tillganglighet@stockholm.example.se"
    assert fields["subject"] == "Tillgänglighet i kommunavtal"
    assert 'href="mailto:tillganglighet@stockholm.example.se"' in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html


def test_the_report_mail_names_the_page_the_reader_came_from(client, db, settings):
    settings.SITE_URL = "https://kommunavtal.example.se"
    html = client.get(STATEMENT, {"sida": "/fakturering/12/"}).content.decode()

    _address, fields = mailto_of(html)
    assert fields["body"].startswith(
        "Sidan det gäller: https://kommunavtal.example.se/fakturering/12/"
    )


@pytest.mark.parametrize(
    "page", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "fakturering/"]
)
def test_the_report_mail_names_no_page_that_is_not_ours(client, db, page):
    html = client.get(STATEMENT, {"sida": page}).content.decode()

    _address, fields = mailto_of(html)
    assert "Sidan det gäller" not in fields["body"]
    assert "evil" not in fields["body"]


@pytest.mark.parametrize("role", ["anonymous", "contact_taby", "finance"])
def test_every_page_links_to_the_statement_from_its_footer(client_for, role):
    client = client_for(role)
    path = "/konto/logga-in/" if role == "anonymous" else "/"
    html = client.get(path).content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    link = re.search(r'<a href="(/tillganglighet/[^"]*)">Tillgänglighetsredogörelse</a>', footer)
    assert link, "no link to the accessibility statement in the footer"
    assert client.get(unescape(link.group(1))).status_code == 200
