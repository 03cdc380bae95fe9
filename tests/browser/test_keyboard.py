"""The signing journey and the invoice run with the keyboard alone: Tab, Shift+Tab, Enter, Space
and typing, no mouse. At every stop the focus must be visible (an outline on an element on the
screen); the skip link is the first stop and leads past the navigation into the content; axe
checks the pages that only these journeys reach (the review, the preview of a run)."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD
from agreements.models import Agreement, Status
from invoicing.models import Invoice

from .a11y import assert_focus_visible, axe_violations, has_focus, tab_to
from .helpers import LOGIN_PATH, expect_logged_in, expect_logged_out

pytestmark = pytest.mark.browser


def skip_to_content(page: Page) -> None:
    """The first Tab reaches the skip link, shown while it has the focus; Enter moves the focus to
    the content, so the next Tab lands inside <main>, past the header's navigation."""
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "Tab left <main>"
    assert_focus_visible(page)


def type_into(page: Page, field, text: str) -> None:
    """Tab to a field and type, replacing what it held."""
    tab_to(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def type_date(page: Page, field, iso: str) -> None:
    """Type a date into Chromium's date field, part by part as it shows them. The order of the
    parts follows the browser's own language (not the page's), so try the usual orders: Tab into
    the field starts at its first part again. Month and day move on by themselves after two
    digits; a year may have more than four, so the arrow key moves on from it."""
    year, month, day = iso.split("-")
    for order in ((month, day, year), (year, month, day), (day, month, year)):
        tab_to(page, field)
        for part in order:
            page.keyboard.type(part)
            if part is year:
                page.keyboard.press("ArrowRight")
        if field.input_value() == iso:
            return
        page.keyboard.press("Shift+Tab")
    raise AssertionError(f"could not type {iso} into the date field")


def press_on(page: Page, target, key: str = "Enter") -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def log_in(page: Page, username: str) -> None:
    """The login form with the keyboard alone (helpers.log_in fills it in with the mouse's means)."""
    page.goto(LOGIN_PATH)
    skip_to_content(page)
    # The skip link's Tab landed on the first field already, or the next ones reach it.
    username_field = page.get_by_label("Användarnamn eller e-post")
    if not has_focus(username_field):
        tab_to(page, username_field)
    page.keyboard.type(username)
    type_into(page, page.get_by_label("Lösenord"), DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect_logged_in(page)


def log_out(page: Page) -> None:
    # The log-out button is in the header: back there from the content with Shift+Tab.
    tab_to(page, page.get_by_role("button", name="Logga ut"), backwards=True)
    page.keyboard.press("Enter")
    expect_logged_out(page)


def no_axe_violations(page: Page, where: str) -> None:
    assert axe_violations(page, where) == []


def test_a_municipality_signs_and_the_city_countersigns_with_the_keyboard_alone(
    page: Page,
    site: str,
    make_agreement,
):
    agreement = make_agreement("0182", status=Status.SENT)

    # Nacka's contact: the agreements in the menu, Nacka's agreement, § 1, then the review.
    log_in(page, "kontakt.nacka")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    tab_to(page, menu.get_by_role("link", name="Avtal"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avtal")
    skip_to_content(page)
    press_on(page, page.get_by_role("main").get_by_role("link", name=re.compile("Nacka")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Avtal med Nacka")
    press_on(page, page.get_by_role("link", name="Fyll i uppgifter (§ 1)"))

    type_into(page, page.get_by_label("Organisationsnummer"), "212000-0167")
    type_into(page, page.get_by_label("Avdelning/enhet"), "Socialtjänsten")
    type_into(page, page.get_by_label("Kontaktperson"), "Nils Nackasson")
    type_into(page, page.get_by_label("Kontaktuppgifter"), "08-718 80 00, nils@nacka.se")
    type_into(page, page.get_by_label("Postadress"), "Nacka kommun")
    page.keyboard.press("Enter")  # a new line in the address, not a submit
    page.keyboard.type("131 81 Nacka")
    type_into(page, page.get_by_label("Faktureringsadress"), "Nacka kommun, Fakturor")
    press_on(page, page.get_by_role("button", name="Spara och granska avtalet"))

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Granska och underteckna avtalet för Nacka"
    )
    no_axe_violations(page, "the review before signing")
    type_into(page, page.get_by_label("Titel"), "Socialchef")
    press_on(
        page, page.get_by_label("Jag är behörig att underteckna avtalet för kommunen"), "Space"
    )
    expect(page.get_by_label("Jag är behörig att underteckna avtalet för kommunen")).to_be_checked()
    type_into(page, page.get_by_label("Ditt lösenord"), DEMO_PASSWORD)
    press_on(page, page.get_by_role("button", name="Underteckna avtalet"))
    expect(page.get_by_text("Tack! Avtalet är undertecknat för Nacka")).to_be_visible()
    log_out(page)

    # The socialdirektör: the same agreement, countersigned.
    log_in(page, "socialdirektor")
    page.goto(f"/avtal/{agreement.pk}/")
    skip_to_content(page)
    press_on(page, page.get_by_role("link", name="Granska och kontrasignera"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrasignera avtalet med Nacka")
    no_axe_violations(page, "the countersigning page")
    press_on(
        page,
        page.get_by_label("Jag är behörig att underteckna avtalet för Stockholms stad"),
        "Space",
    )
    type_into(page, page.get_by_label("Ditt lösenord"), DEMO_PASSWORD)
    press_on(page, page.get_by_role("button", name="Kontrasignera avtalet"))
    expect(page.get_by_text("är undertecknat av båda parter och gäller nu")).to_be_visible()

    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.status == Status.ACTIVE
    assert agreement.signatures.count() == 2


def test_finance_previews_and_issues_the_years_invoices_with_the_keyboard_alone(
    page: Page, site: str, taby_in_force
):
    log_in(page, "ekonomi")
    # The login page's skip link went to #main, and the browser keeps the fragment through the
    # redirect: the home page opens at its content, where the next Tab starts.
    card = page.locator("#att-fakturera")
    press_on(page, card.get_by_role("link", name="Förhandsgranska och utfärda årets körning"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fakturering")

    skip_to_content(page)
    type_into(page, page.get_by_role("spinbutton", name="År"), "2025")
    type_date(page, page.get_by_label("Fakturadatum"), "2025-01-15")
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("heading", name="Förhandsvisning 2025, fakturadatum 2025-01-15")
    ).to_be_visible()
    no_axe_violations(page, "the preview of the run")
    assert Invoice.objects.count() == 0

    # 2025-01-15 lies far back: the date is confirmed with a tick (issue 12).
    press_on(page, page.get_by_label("Jag bekräftar fakturadatumet 2025-01-15."), "Space")
    press_on(page, page.get_by_role("button", name=re.compile(r"^Utfärda 1 faktura")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Utfärdade fakturor")
    expect(page.get_by_role("status")).to_contain_text("1 faktura utfärdad för 2025")
    no_axe_violations(page, "the invoices issued")
    assert Invoice.objects.count() == 1

    # The invoice's number leads to the invoice.
    press_on(page, page.get_by_role("link", name="2025-0001"))
    expect(page).to_have_url(re.compile(rf"/fakturering/{Invoice.objects.get().pk}/$"))
