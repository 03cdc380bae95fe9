"""Training end to end in headless Chromium: kontakt.taby registers a person for a session with
one place, then a second who goes on the waiting list; projektledare sees them both, cancels the
first after the confirmation step, and the second moves up with a mail carrying the .ics file."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from agreements import services as agreement_services
from agreements.models import Status
from municipalities.models import Municipality
from training import services
from training.models import Half, Kind, Mode

from .helpers import log_in, log_out

pytestmark = pytest.mark.browser

TITLE = "Utbildningshalvdag om människohandel"


def open_session(page: Page) -> None:
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Utbildning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utbildning")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def register(page: Page, name: str, email: str) -> None:
    page.get_by_role("link", name="Anmäl personal").click()
    page.get_by_label("Namn").fill(name)
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Arbetsplats").fill("Socialtjänsten, vuxenenheten")
    page.get_by_role("button", name="Anmäl").click()


@pytest.fixture
def session(site):
    """Täby has an agreement in force; a session next week has one place."""
    leader = User.objects.get(username="projektledare")
    agreement = agreement_services.prepare_agreement(
        municipality=Municipality.objects.get(code="0160"), by=leader
    )
    agreement.transition(Status.SENT, by=leader)
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=leader)
    agreement.start_date = timezone.localdate() - datetime.timedelta(days=90)
    agreement.transition(Status.ACTIVE, by=leader)
    return services.create_session(
        by=leader,
        title=TITLE,
        kind=Kind.HALF_DAY,
        date=timezone.localdate() + datetime.timedelta(days=7),
        half=Half.MORNING,
        mode=Mode.DIGITAL,
        link="https://video.example.se/utbildning",
        capacity=1,
    )


def test_register_wait_cancel_and_move_up(page: Page, site: str, session, mailoutbox):
    log_in(page, "kontakt.taby")
    open_session(page)
    register(page, "Tilda Täbysson", "tilda@taby.example.se")
    expect(page.get_by_role("status")).to_contain_text("Tilda Täbysson har fått en plats.")
    register(page, "Tore Täbysson", "tore@taby.example.se")
    expect(page.get_by_role("status")).to_contain_text("Tore Täbysson står på väntelistan")
    table = page.get_by_role("table", name="Anmälda från Täby")
    expect(table.get_by_role("row", name="Tilda Täbysson")).to_contain_text("bekräftad")
    expect(table.get_by_role("row", name="Tore Täbysson")).to_contain_text("nr 1")
    log_out(page)

    log_in(page, "projektledare")
    open_session(page)
    table = page.get_by_role("table", name="Anmälda")
    expect(table.get_by_role("row", name="Tilda Täbysson")).to_contain_text("Täby")
    page.get_by_role("link", name="Avboka Tilda Täbysson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avboka Tilda Täbysson?")
    mailoutbox.clear()
    page.get_by_role("button", name="Avboka").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Tore Täbysson har flyttats upp från väntelistan"
    )
    expect(table.get_by_role("row", name="Tore Täbysson")).to_contain_text("bekräftad")

    promoted = next(m for m in mailoutbox if m.to == ["tore@taby.example.se"])
    assert promoted.attachments[0].get_filename() == "utbildning.ics"
