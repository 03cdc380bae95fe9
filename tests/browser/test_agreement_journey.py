"""The whole life of an agreement in headless Chromium: the project leader sends it to Nacka, Nacka's
contact fills in § 1, reviews and signs, the socialdirektör countersigns, both download the same
PDF, anyone can verify it, and Täby's contact sees none of it."""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD
from agreements.models import Agreement, Status

from .helpers import log_in, log_out

pytestmark = pytest.mark.browser


def download_pdf(page: Page) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner det undertecknade avtalet (PDF)").click()
    assert download.value.suggested_filename.startswith("avtal-nacka-")
    return Path(download.value.path()).read_bytes()


def test_an_agreement_from_sending_to_verification(
    page: Page, site: str, mailoutbox, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"

    # The project leader prepares the agreement for Nacka and sends it, after a confirmation.
    log_in(page, "projektledare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Avtal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avtal")
    page.get_by_role("link", name="Förbered ett nytt avtal").click()
    page.get_by_label("Kommun").select_option(label="Nacka")
    page.get_by_role("button", name="Förbered utkast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avtal med Nacka")
    page.get_by_role("link", name="Skicka till kommunen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skicka avtalet till Nacka?")
    page.get_by_role("button", name="Skicka avtalet").click()
    expect(page.get_by_text("Avtalet är skickat till Nacka.")).to_be_visible()
    log_out(page)

    # Nacka's contact follows the link in the mail.
    (mail,) = [m for m in mailoutbox if m.to == ["kontakt.nacka@demo.kommunavtal.se"]]
    detail_path = re.search(r"/avtal/\d+/", mail.body).group(0)
    log_in(page, "kontakt.nacka")
    page.goto(detail_path)
    page.get_by_role("link", name="Fyll i uppgifter (§ 1)").click()
    page.get_by_label("Organisationsnummer").fill("212000-0167")
    page.get_by_label("Avdelning/enhet").fill("Socialtjänsten")
    page.get_by_label("Kontaktperson").fill("Nils Nackasson")
    page.get_by_label("Kontaktuppgifter").fill("08-718 80 00, nils.nackasson@nacka.se")
    page.get_by_label("Postadress").fill("Nacka kommun\n131 81 Nacka")
    page.get_by_label("Faktureringsadress").fill("Nacka kommun\nFakturor\n131 81 Nacka")
    page.get_by_role("button", name="Spara och granska avtalet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Granska och underteckna avtalet för Nacka"
    )
    document = page.get_by_role("article", name="Avtalstexten")
    expect(document.get_by_role("heading", name="§ 11 Avtalstid och uppsägning")).to_be_visible()
    expect(document.get_by_text("212000-0167")).to_be_visible()
    expect(document.get_by_text(re.compile(r"Årlig kostnad för Nacka \d{4}: "))).to_be_visible()
    page.get_by_label("Titel").fill("Socialchef")
    page.get_by_label("Jag är behörig att underteckna avtalet för kommunen").check()
    page.get_by_label("Ditt lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Underteckna avtalet").click()
    expect(page.get_by_text("Tack! Avtalet är undertecknat för Nacka")).to_be_visible()
    log_out(page)

    # The socialdirektör countersigns the same text; the agreement comes into force.
    log_in(page, "socialdirektor")
    page.goto(detail_path)
    page.get_by_role("link", name="Granska och kontrasignera").click()
    page.get_by_label("Jag är behörig att underteckna avtalet för Stockholms stad").check()
    page.get_by_label("Ditt lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kontrasignera avtalet").click()
    expect(page.get_by_text("är undertecknat av båda parter och gäller nu")).to_be_visible()
    expect(page.get_by_text("Gällande", exact=True)).to_be_visible()
    city_copy = download_pdf(page)
    log_out(page)

    # Nacka's contact downloads the very same bytes.
    log_in(page, "kontakt.nacka")
    page.goto(detail_path)
    municipality_copy = download_pdf(page)
    log_out(page)

    agreement = Agreement.objects.get(municipality__code="0182")
    assert agreement.status == Status.ACTIVE
    assert city_copy == municipality_copy
    assert city_copy.startswith(b"%PDF-")
    assert hashlib.sha256(city_copy).hexdigest() == agreement.pdf_sha256

    # Anyone, logged out, can confirm the fingerprint printed on the pages, and the file itself.
    page.goto("/")
    page.get_by_role("link", name="Verifiera ett undertecknat avtal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifiera ett avtal")
    page.get_by_label("Fingeravtryck (SHA-256)").fill(agreement.content_sha256)
    page.get_by_role("button", name="Verifiera").click()
    expect(
        page.get_by_text(re.compile(r"^Ja\. .*avtalet mellan Stockholms stad och Nacka"))
    ).to_be_visible()
    pdf_file = tmp_path / "avtal.pdf"
    pdf_file.write_bytes(municipality_copy)
    page.get_by_label("… eller ladda upp avtalet som PDF").set_input_files(str(pdf_file))
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_text(re.compile(r"^Ja\. .*och Nacka"))).to_be_visible()
    expect(page.get_by_text(agreement.pdf_sha256)).to_be_visible()

    # Täby's contact: Nacka's agreement and its PDF do not exist.
    log_in(page, "kontakt.taby")
    assert page.goto(detail_path).status == 404
    assert page.goto(f"{detail_path}avtal.pdf").status == 404
    page.goto("/avtal/")
    expect(page.get_by_text("Nacka")).to_have_count(0)
