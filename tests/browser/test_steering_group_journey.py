"""The steering group end to end in headless Chromium, as the issue's "Done when" says:
kontakt.taby applies; projektledare chooses the members, schedules a meeting and sends the
invitation; the minutes are written, approved by the chair and the adjuster, and locked; the PDF is
visible to styrgrupp and to kontakt.taby; editing after justering fails."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from agreements import services as agreement_services
from agreements.models import Status
from municipalities.models import Municipality
from steering_group import services
from steering_group.models import Minutes

from .helpers import log_in, log_out

pytestmark = pytest.mark.browser

TABY = "0160"


def open_steering_group(page: Page) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Styrgrupp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrgrupp")


def status(page: Page):
    return page.get_by_role("status")


def approve_minutes(page: Page, minutes_url: str) -> None:
    page.goto(minutes_url)
    page.get_by_role("link", name="Justera protokollet").click()
    page.get_by_label("Jag har läst protokollet och justerar det.").check()
    page.get_by_role("button", name="Justera", exact=True).click()


@pytest.fixture
def this_year(site) -> int:
    """This year's steering group exists, and Täby has an agreement in force."""
    leader = User.objects.get(username="projektledare")
    agreement = agreement_services.prepare_agreement(
        municipality=Municipality.objects.get(code=TABY), by=leader
    )
    agreement.transition(Status.SENT, by=leader)
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=leader)
    agreement.start_date = timezone.localdate() - datetime.timedelta(days=90)
    agreement.transition(Status.ACTIVE, by=leader)
    return services.create_term(year=timezone.localdate().year, by=leader).year


def test_apply_choose_meet_minute_approve_publish_and_lock(
    page: Page, site: str, this_year: int, mailoutbox
):
    today = timezone.localdate()
    taby_email = User.objects.get(username="kontakt.taby").email
    chair_email = User.objects.get(username="styrgrupp").email

    # kontakt.taby applies for Täby.
    log_in(page, "kontakt.taby")
    open_steering_group(page)
    page.get_by_role("link", name=f"Anmäl intresse för {this_year}").click()
    page.get_by_label("Representantens namn").fill("Tove Täbysson")
    page.get_by_label("avdelningschef", exact=True).check()
    page.get_by_label("Representantens e-post").fill(taby_email)
    page.get_by_role("button", name="Skicka intresseanmälan").click()
    expect(status(page)).to_contain_text(
        f"Intresseanmälan för Täby till styrgruppen {this_year} är skickad."
    )
    expect(page.locator(".lead")).to_contain_text("Status: Inkommen")
    log_out(page)

    # projektledare chooses the members: the chair, and Täby's representative.
    log_in(page, "projektledare")
    open_steering_group(page)
    page.get_by_role("link", name=f"Styrgruppen {this_year}").click()
    page.get_by_role("link", name=re.compile("^Välj ledamöter")).click()
    page.get_by_role("link", name="Lägg till ordförande").click()
    page.get_by_label("Namn:", exact=True).fill("Stina Styrgren")
    page.get_by_label("E-post:", exact=True).fill(chair_email)
    page.get_by_label("Befattning:", exact=True).fill("Enhetschef")
    page.get_by_role("button", name="Lägg till").click()
    expect(status(page)).to_contain_text(f"Stina Styrgren är ordförande i styrgruppen {this_year}.")
    page.get_by_label("Täby: Tove Täbysson, avdelningschef").check()
    page.get_by_role("button", name="Välj de markerade").click()
    expect(status(page)).to_contain_text("Valda till styrgruppen: Tove Täbysson.")
    expect(page.get_by_text("2 personer av högst 10.")).to_be_visible()

    # …schedules a meeting…
    page.get_by_role("link", name=f"Till styrgruppen {this_year}").click()
    page.get_by_role("link", name="Planera ett möte").click()
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Börjar").fill("09:00")
    page.get_by_label("Slutar").fill("11:00")
    page.get_by_label("Plats").fill("Socialförvaltningen, Swedenborgsgatan 20")
    page.get_by_label("Dagordning").fill(
        "Mötets öppnande\nUppföljning av nyttjandet per kommun\nNästa möte"
    )
    page.get_by_role("button", name="Planera mötet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Styrgruppsmöte {today.isoformat()}")
    meeting_url = page.url

    # …and sends the invitation, with the calendar file.
    mailoutbox.clear()
    page.get_by_role("link", name="Skicka kallelse").click()
    expect(page.get_by_text(f"Stina Styrgren <{chair_email}>")).to_be_visible()
    page.get_by_role("button", name="Skicka kallelsen").click()
    expect(status(page)).to_contain_text("Kallelsen är skickad till 2 ledamöter.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([chair_email, taby_email])
    for message in mailoutbox:
        (calendar,) = message.attachments
        assert calendar.get_content_type() == "text/calendar"
        assert b"BEGIN:VEVENT\r\n" in calendar.get_payload(decode=True)

    # The minutes, drawn from the agenda; Täby's representative is the adjuster.
    page.get_by_role("button", name="Skapa protokoll från dagordningen").click()
    expect(status(page)).to_contain_text("Protokollet är skapat från dagordningen.")
    expect(page.locator('[name="p-1-heading"]')).to_have_value(
        "Uppföljning av nyttjandet per kommun"
    )
    page.locator('[name="p-0-text"]').fill("Ordföranden öppnade mötet.")
    page.locator('[name="p-1-text"]').fill("Verksamheterna redovisade nyttjandet per kommun.")
    page.locator('[name="p-1-decision"]').fill("Styrgruppen lade redovisningen till handlingarna.")
    page.locator('[name="p-2-decision"]').fill("Nästa möte hålls i mars.")
    page.get_by_label("Justerare").select_option(label="Tove Täbysson, Täby")
    page.get_by_role("button", name="Spara protokollet").click()
    expect(status(page)).to_contain_text("Protokollet är sparat.")
    expect(
        page.get_by_role("heading", name="§ 2 Uppföljning av nyttjandet per kommun")
    ).to_be_visible()
    minutes_url = page.url
    log_out(page)

    # The chair approves…
    log_in(page, "styrgrupp")
    approve_minutes(page, minutes_url)
    expect(status(page)).to_contain_text("Du har justerat protokollet.")
    log_out(page)

    # …then the adjuster, and the minutes are locked and published.
    mailoutbox.clear()
    log_in(page, "kontakt.taby")
    approve_minutes(page, minutes_url)
    expect(status(page)).to_contain_text("Protokollet är justerat och låst.")
    minutes = Minutes.objects.get()
    assert minutes.is_locked and minutes.pdf_sha256
    assert {m.to[0] for m in mailoutbox} == {chair_email, taby_email}

    # The PDF is visible to kontakt.taby…
    def pdf_from_the_list() -> bytes:
        open_steering_group(page)
        link = page.get_by_role("link", name=f"Protokoll {today.isoformat()} (PDF)")
        expect(link).to_be_visible()
        response = page.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        return response.body()

    taby_pdf = pdf_from_the_list()
    assert taby_pdf.startswith(b"%PDF-")
    log_out(page)

    # …and to styrgrupp: the same stored bytes.
    log_in(page, "styrgrupp")
    assert pdf_from_the_list() == taby_pdf
    log_out(page)

    # Editing after justering fails.
    log_in(page, "projektledare")
    page.goto(minutes_url)
    expect(page.get_by_role("link", name="Redigera protokollet")).to_have_count(0)
    page.goto(minutes_url.replace("/protokoll/", "/protokoll/redigera/"))
    expect(page).to_have_url(minutes_url)
    expect(status(page)).to_contain_text(
        "Protokollet är justerat och låst. Ingenting i det kan ändras."
    )
    expect(page.get_by_role("button", name="Spara protokollet")).to_have_count(0)
    page.goto(meeting_url)
    expect(page.get_by_role("link", name="Ändra mötet")).to_have_count(0)
    minutes.refresh_from_db()
    assert [p.text for p in minutes.paragraphs.all()][0] == "Ordföranden öppnade mötet."
