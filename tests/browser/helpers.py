"""What the browser journeys share: logging in through the real login form, and out again.

The keyboard-only login (test_keyboard.py) is its own function, since what it proves is that the
form works without a mouse; it uses the address and the logged-in check from here.
"""

from urllib.parse import urljoin

from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD

LOGIN_PATH = "/konto/logga-in/"


def submit_login_form(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Open the login form, fill it in and send it; what comes back is the caller's to check."""
    page.goto(LOGIN_PATH)
    page.get_by_label("Användarnamn eller e-post").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def expect_logged_in(page: Page) -> None:
    """The header's log-out button is shown: somebody is logged in."""
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def log_in(page: Page, username: str) -> None:
    """Log in as a demo user and wait until the home page, where the form leads, is shown."""
    submit_login_form(page, username)
    expect(page).to_have_url(urljoin(page.url, "/"))
    expect_logged_in(page)


def expect_logged_out(page: Page) -> None:
    """The log-out leads to the login form, and the header has no log-out button any more."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect_logged_out(page)
