"""Finance runs a year's invoicing in the browser: from the start page to the preview, the
confirmation and the numbers of the invoices issued; running again issues nothing."""

import re

import pytest
from playwright.sync_api import Page, expect

from invoicing.models import Invoice

from .helpers import log_in

pytestmark = pytest.mark.browser

# Täby's annual amount for 2025: 4 329 729 kr (4 000 000 × 1,02⁴, rounded each year)
# × 71 397 ÷ 2 344 124 = 131 873,6… → 131 874 kr.
TABY_2025 = "131\u00a0874\u00a0kr"


def test_finance_previews_confirms_and_sees_the_issued_invoices(
    page: Page, site: str, taby_in_force
):
    log_in(page, "ekonomi")
    card = page.locator("#att-fakturera")
    expect(card.get_by_role("heading", name="Att fakturera")).to_be_visible()
    card.get_by_role("link", name="Förhandsgranska och utfärda årets körning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fakturering")

    page.get_by_role("spinbutton", name="År").fill("2025")
    page.get_by_label("Fakturadatum").fill("2025-01-15")
    page.get_by_role("button", name="Förhandsgranska").click()

    expect(
        page.get_by_role("heading", name="Förhandsvisning 2025, fakturadatum 2025-01-15")
    ).to_be_visible()
    preview = page.get_by_role("table", name=re.compile("Förhandsvisning 2025"))
    taby = preview.get_by_role("row", name=re.compile("Täby"))
    expect(taby).to_contain_text("årsfaktura")
    expect(taby).to_contain_text("12/12")
    expect(taby).to_contain_text(TABY_2025)
    totals = page.locator("#run-totals")
    expect(totals).to_contain_text("1 faktura")
    expect(totals).to_contain_text(TABY_2025)
    assert Invoice.objects.count() == 0  # the preview issues nothing

    # 2025-01-15 lies far back: the date is confirmed with a tick (issue 12).
    page.get_by_label("Jag bekräftar fakturadatumet 2025-01-15.").check()
    page.get_by_role("button", name=f"Utfärda 1 faktura ({TABY_2025})").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Utfärdade fakturor")
    expect(page.get_by_role("status")).to_contain_text("1 faktura utfärdad för 2025")
    invoice = Invoice.objects.get()
    number = page.get_by_role("link", name="2025-0001")
    expect(number).to_have_attribute("href", f"/fakturering/{invoice.pk}/")
    expect(page.get_by_role("row", name=re.compile("2025-0001"))).to_contain_text(TABY_2025)

    # Running the same year again issues nothing: everything is already issued.
    page.get_by_role("link", name="Tillbaka till faktureringen").click()
    page.get_by_role("spinbutton", name="År").fill("2025")
    page.get_by_label("Fakturadatum").fill("2025-01-16")
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_text("Inget nytt att fakturera för 2025.")).to_be_visible()
    expect(page.locator("#run-totals dt:has-text('Redan utfärdade') + dd")).to_have_text("1")
    expect(page.get_by_role("button", name=re.compile("^Utfärda \\d"))).to_have_count(0)
    assert Invoice.objects.count() == 1
