"""Logging in through the real form, in headless Chromium: each role, a wrong password, the
lockout after too many failures, and the keyboard's first stop."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD, DEMO_USERS

from .helpers import LOGIN_PATH, submit_login_form

pytestmark = pytest.mark.browser

WRONG_PASSWORD = "inte-rätt-lösenord"
LOCKED_OUT = "Inloggningen är tillfälligt spärrad"

# User name → the heading of the section that the home page shows for that user's role.
ROLE_SECTION = {
    "projektledare": "Projektledare",
    "ekonomi": "Ekonomi",
    "socialdirektor": "Socialdirektör",
    "kontakt.taby": "Täby",
    "kontakt.nacka": "Nacka",
    "styrgrupp": "Styrgrupp",
}
FIRST_NAME = {username: first for username, first, *_ in DEMO_USERS}


@pytest.mark.parametrize("username", list(ROLE_SECTION))
def test_each_role_logs_in_and_lands_on_its_home_page(page: Page, site: str, username: str):
    submit_login_form(page, username, DEMO_PASSWORD)

    expect(page).to_have_url(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Välkommen, {FIRST_NAME[username]}")
    section = page.get_by_role("heading", level=2, name=ROLE_SECTION[username], exact=True)
    expect(section).to_be_visible()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def test_wrong_password_shows_the_error_and_stays_on_the_login_page(page: Page, site: str):
    submit_login_form(page, "ekonomi", WRONG_PASSWORD)

    expect(page.get_by_role("alert")).to_contain_text(
        "Fel användarnamn, e-postadress eller lösenord"
    )
    expect(page).to_have_url(site + LOGIN_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)


def test_too_many_failures_lock_the_login_even_with_the_right_password(page: Page, site: str):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        submit_login_form(page, "styrgrupp", WRONG_PASSWORD)
        expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn")

    # The failure that reaches the limit locks the login at once: 429 Too Many Requests.
    with page.expect_response(lambda r: r.request.method == "POST") as locking:
        submit_login_form(page, "styrgrupp", WRONG_PASSWORD)
    assert locking.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED_OUT)

    # The right password is refused as well, and nobody is logged in.
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        submit_login_form(page, "styrgrupp", DEMO_PASSWORD)
    assert refused.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED_OUT)
    expect(page.get_by_role("alert")).to_contain_text("För många misslyckade inloggningsförsök")
    page.goto("/")
    expect(page).to_have_url(re.compile(re.escape(site + LOGIN_PATH)))


def test_first_tab_on_the_login_page_reaches_the_skip_link(page: Page, site: str):
    page.goto(LOGIN_PATH)
    expect(page.get_by_label("Användarnamn eller e-post")).to_be_visible()
    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip_link).to_be_focused(timeout=1000)
    expect(skip_link).to_be_visible()  # off screen until it has the focus
