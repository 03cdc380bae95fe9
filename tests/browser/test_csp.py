"""The Content Security Policy in a real browser: Chromium reports nothing it refused on our pages
or in the Django admin, and the admin's own scripts still run under it."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import User

from .helpers import log_in

pytestmark = pytest.mark.browser

PAGES = [
    "home",
    "municipalities:list",
    "agreements:list",
    "agreements:pipeline",
    "invoicing:invoice_list",
    "invoicing:pools",
    "steering_group:index",
]


def violations(page: Page) -> list[str]:
    """Console messages about the policy, collected while the test runs."""
    seen: list[str] = []
    page.on(
        "console",
        lambda m: (
            seen.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    return seen


def test_our_pages_break_no_rule_of_the_policy(page: Page, site: str):
    seen = violations(page)
    log_in(page, "projektledare")
    for url_name in PAGES:
        path = reverse(url_name)
        response = page.goto(path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
    assert seen == []
    # The listener does hear the browser refuse: an inline handler added to the page is blocked.
    with page.expect_console_message(lambda m: "inline event handler" in m.text):
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=1>')")


def test_the_django_admin_runs_its_scripts_under_the_policy(page: Page, site: str):
    User.objects.create_superuser("admin", "admin@example.se", "admin-lösenord-1")
    seen = violations(page)
    page.goto("/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("admin-lösenord-1")
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/municipalities/municipality/")
    # actions.js (a file, allowed) ticks every row when the header box is ticked.
    page.locator("#action-toggle").check()
    rows = page.locator("input.action-select")
    expect(rows.first).to_be_checked()
    expect(rows.last).to_be_checked()
    page.goto("/admin/municipalities/municipality/add/")
    expect(page.locator("form#municipality_form")).to_be_visible()
    assert seen == []
