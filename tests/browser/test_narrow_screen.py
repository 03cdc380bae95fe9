"""At a phone's width (390 px) the pages with the widest tables do not widen the page: each table
scrolls inside its own box, which the keyboard can reach (tabindex="0") and which is named."""

import datetime
import os

import pytest
from playwright.sync_api import Page

from followup import services as followup_services
from offers.models import Service
from tests.url_cases.invoicing_invoices import issue_invoice

from .helpers import log_in

pytestmark = pytest.mark.browser

WIDTH = 390
# role → the pages with the widest tables that role sees
PAGES = {
    "ekonomi": [
        "/fakturering/",
        "/fakturering/forfallna/",
        "/fakturering/kostnader/2021/",
        "/avtal/",
    ],
    "projektledare": [
        "/",
        "/fakturering/kostnader/2021/",
        "/uppfoljning/?ar=2021",
        "/uppfoljning/registrera/0160/2021/1/",
        "/avtal/",
        "/avtal/anslutning/",
    ],
    "kontakt.taby": ["/fakturering/", "/avtal/", "/uppfoljning/?ar=2021"],
}
SCREENSHOT_DIR = os.environ.get("KOMMUNAVTAL_SCREENSHOTS")


@pytest.fixture
def wide_data(site, users):
    """Invoices for three municipalities (2021, overdue), and follow-up figures for Täby."""
    for code in ("0160", "0136", "0182"):
        invoice = issue_invoice(code, users)
    services = list(Service.objects.order_by("order"))
    followup_services.write_figures(
        [
            followup_services.Figure(invoice.municipality_id, s.pk, 2021, 1, (12, 345, 6, 78))
            for s in services
        ],
        by=users["project_leader"],
        today=datetime.date(2021, 12, 31),
    )


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("username", list(PAGES))
def test_wide_tables_scroll_in_their_own_box_at_390_px(
    page: Page, wide_data, username: str, tmp_path
):
    page.set_viewport_size({"width": WIDTH, "height": 844})
    log_in(page, username)
    for path in PAGES[username]:
        page.goto(path)
        if SCREENSHOT_DIR:
            name = path.strip("/").replace("/", "_").replace("?", "_") or "start"
            page.screenshot(path=f"{SCREENSHOT_DIR}/{username}-{name}.png", full_page=True)
        assert page.locator("main table").count(), f"{path} as {username}: no table"
        assert page_width(page) <= WIDTH, f"{path} as {username}: {page_width(page)} px wide"
        # Every table sits in a scroll box the keyboard reaches and a screen reader names.
        unboxed = page.evaluate(
            """() => [...document.querySelectorAll('main table')].filter(t => {
                const box = t.closest('.table-scroll');
                return !box || box.getAttribute('tabindex') !== '0' || !box.getAttribute('role')
                    || !(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'));
            }).length"""
        )
        assert unboxed == 0, f"{path} as {username}: {unboxed} table(s) outside a scroll box"


def test_the_browser_finds_the_favicon(page: Page, site: str):
    response = page.goto("/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    page.goto("/konto/logga-in/")
    href = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(site + href).status == 200
