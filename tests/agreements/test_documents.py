"""The agreement as a document: the text filter, the canonical content, its fingerprint, the PDF."""

import datetime
import hashlib
import re
import zlib
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from agreements import signing
from agreements.documents import (
    bilaga_year,
    document_fingerprint,
    render_agreement_html,
    render_agreement_pdf,
)
from agreements.models import Party, Signature, Status
from agreements.templatetags.agreement_text import agreement_text
from offers.costs import cost_table
from offers.models import CostPool

DETAILS = {
    "org_number": "2120000167",
    "department": "Socialtjänsten <Individ & familj>",
    "contact_person": "Nils Nackasson",
    "contact_details": "08-718 80 00, nils.nackasson@nacka.se",
    "postal_address": "Nacka kommun\n131 81 Nacka",
    "invoicing_address": "Nacka kommun\nFakturor\n131 81 Nacka",
    "buyer_reference": "REF-42",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sent(make_agreement):
    agreement = make_agreement(status=Status.SENT)
    return signing.save_details(agreement, **DETAILS)


# --- The text filter ----------------------------------------------------------------------------


def test_paragraphs_are_split_at_blank_lines_and_unwrapped():
    html = agreement_text("Första raden\nfortsätter här.\n\nAndra stycket.")
    assert html == "<p>Första raden fortsätter här.</p>\n<p>Andra stycket.</p>"


def test_list_items_and_their_indented_continuations():
    html = agreement_text("Inledning:\n- En punkt\n  som fortsätter.\n- Nästa punkt.\n\nSlut.")
    assert html == (
        "<p>Inledning:</p>\n<ul><li>En punkt som fortsätter.</li><li>Nästa punkt.</li></ul>\n"
        "<p>Slut.</p>"
    )


def test_sub_headings_take_the_level_asked_for():
    html = agreement_text("### KAST - Köpare\n\nText.", 4)
    assert html == "<h4>KAST - Köpare</h4>\n<p>Text.</p>"
    assert agreement_text("### Rubrik", 3) == "<h3>Rubrik</h3>"


def test_everything_is_escaped():
    html = agreement_text('<script>alert("x")</script>\n\n- <b>fet</b> & "citat"\n\n### <i>r</i>')
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;fet&lt;/b&gt; &amp; &quot;citat&quot;" in html


def test_the_filter_is_usable_in_templates():
    template = Template("{% load agreement_text %}{{ body|agreement_text:4 }}")
    html = template.render(Context({"body": "### Rubrik\n\nEtt <stycke>."}))
    assert html == "<h4>Rubrik</h4>\n<p>Ett &lt;stycke&gt;.</p>"


# --- The canonical content ----------------------------------------------------------------------


def test_content_has_every_section_in_order_with_section_1_filled_in(sent):
    html = render_agreement_html(sent)
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    expected = list(sent.template.sections.values_list("heading", flat=True))
    year = bilaga_year(sent)
    assert headings == [*expected, f"Bilaga: Kostnadsfördelning {year}"]
    # § 1: the municipality's details, escaped, and the city's part from the template version.
    assert "212000-0167" in html
    assert "Socialtjänsten &lt;Individ &amp; familj&gt;" in html
    assert "Nacka kommun<br>131 81 Nacka" in html
    assert "REF-42" in html
    assert "Socialförvaltningen i Stockholms stad, org.nr 212000-0142" in html
    # Sub-headings of § 3 and the list of § 4.
    assert "<h4>KAST - Köpare Av Sexuella Tjänster</h4>" in html
    assert html.count("<li>") >= 5


def test_the_bilaga_highlights_the_municipality_and_states_its_amount(sent):
    html = render_agreement_html(sent)
    year = bilaga_year(sent)
    row = cost_table(year, allow_proposal=True).row_for(sent.municipality)
    amount = f"{int(row.amount):,}".replace(",", "\u00a0")
    assert re.search(r'<tr class="highlight">\s*<th scope="row">Nacka</th>', html)
    assert html.count('class="highlight"') == 1
    assert f"Årlig kostnad för Nacka {year}: {amount}\u00a0kr." in html


def test_a_municipality_outside_the_cost_base_has_its_amount_set_separately(make_agreement):
    gotland = make_agreement("0980", status=Status.SENT)
    html = render_agreement_html(gotland)
    assert 'class="highlight"' not in html
    assert "Gotland ingår inte i befolkningsnyckeln" in html
    assert "fastställs särskilt" in html


def test_agreed_start_and_latest_end_are_part_of_the_content(make_agreement):
    agreement = make_agreement(
        status=Status.SENT,
        agreed_start_date=datetime.date(2027, 1, 1),
        latest_end_date=datetime.date(2028, 12, 31),
    )
    html = render_agreement_html(agreement)
    assert "tidigast från och med 1 januari 2027" in html
    assert "längst till och med 31 december 2028" in html


# --- The fingerprint ----------------------------------------------------------------------------


def test_the_fingerprint_is_the_sha256_of_the_content_and_is_stable(sent):
    first = document_fingerprint(sent)
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert first == hashlib.sha256(render_agreement_html(sent).encode()).hexdigest()
    assert document_fingerprint(sent) == first


def test_the_fingerprint_does_not_depend_on_the_readers_language(sent):
    swedish = document_fingerprint(sent)
    with translation.override("en"):
        assert document_fingerprint(sent) == swedish
        assert "Detta avtal har ingåtts" in render_agreement_html(sent)


def test_the_fingerprint_changes_with_the_details(sent):
    before = document_fingerprint(sent)
    signing.save_details(sent, **{**DETAILS, "contact_person": "Nina Nackasson"})
    sent.refresh_from_db()
    assert document_fingerprint(sent) != before


def test_signatures_are_not_part_of_the_content(sent, users):
    before = document_fingerprint(sent)
    Signature.objects.create(
        agreement=sent,
        party=Party.MUNICIPALITY,
        user=users["contact_nacka"],
        full_name="Nils Nackasson",
        title="Socialchef",
        document_sha256=before,
    )
    assert document_fingerprint(sent) == before
    assert "Nils Nackasson" not in render_agreement_html(sent).split("Kontaktperson", 1)[0]


def pool(year, amount="4500000"):
    CostPool.objects.update_or_create(year=year, defaults={"amount": Decimal(amount)})


def test_the_bilaga_is_that_of_the_year_the_agreement_starts_when_its_pool_is_confirmed(
    make_agreement,
):
    """Signed in December for a start on 1 January: next year's table, once it is confirmed."""
    agreement = make_agreement(status=Status.SENT, agreed_start_date=datetime.date(2026, 1, 1))
    pool(2025)
    december = datetime.date(2025, 12, 15)
    assert bilaga_year(agreement, on=december) == 2025  # 2026 not confirmed yet: the latest one
    pool(2026, "4600000")
    assert bilaga_year(agreement, on=december) == 2026
    assert bilaga_year(agreement, on=datetime.date(2026, 3, 1)) == 2026  # starts when signed
    html = render_agreement_html(agreement, year=bilaga_year(agreement, on=december))
    assert "Bilaga: Kostnadsfördelning 2026" in html and "preliminär" not in html


def test_without_the_start_years_pool_the_bilaga_is_the_latest_confirmed_one(make_agreement):
    agreement = make_agreement(status=Status.SENT)  # starts when signed
    CostPool.objects.all().delete()
    pool(2023)
    pool(2024)
    assert bilaga_year(agreement, on=datetime.date(2025, 6, 1)) == 2024
    assert bilaga_year(agreement, on=datetime.date(2023, 6, 1)) == 2023
    CostPool.objects.all().delete()  # none confirmed: the start year's preliminary table
    assert bilaga_year(agreement, on=datetime.date(2025, 6, 1)) == 2025


def test_after_the_municipality_signed_the_bilaga_year_is_that_of_its_signing_day(sent, users):
    Signature.objects.create(
        agreement=sent,
        party=Party.MUNICIPALITY,
        user=users["contact_nacka"],
        full_name="Nils Nackasson",
        title="Socialchef",
        signed_at=timezone.make_aware(datetime.datetime(2024, 12, 30, 12, 0)),
        document_sha256="0" * 64,
    )
    pool(2024)
    pool(2025)
    assert bilaga_year(sent) == 2024  # it starts when the city signs: 2024 at the earliest


def test_signing_in_december_for_january_stores_next_years_bilaga(make_agreement, users):
    agreement = make_agreement(status=Status.SENT, agreed_start_date=datetime.date(2026, 1, 1))
    agreement = signing.save_details(agreement, **DETAILS)
    pool(2025)
    pool(2026, "4600000")
    with time_machine.travel(datetime.datetime(2025, 12, 15, 12, tzinfo=datetime.UTC)):
        signing.sign_for_municipality(
            agreement,
            user=users["contact_nacka"],
            full_name="Nils Nackasson",
            title="Socialchef",
            fingerprint=document_fingerprint(agreement),
            ip_address="192.0.2.1",
            user_agent="test",
        )
    agreement.refresh_from_db()
    assert "Bilaga: Kostnadsfördelning 2026" in agreement.signed_appendix
    assert "Kostnadsfördelning 2025" not in agreement.signed_appendix
    pool(2026, "9000000")  # a pool changed afterwards does not change what was signed
    assert document_fingerprint(agreement) == agreement.content_sha256


def test_a_changed_pool_changes_the_content(sent):
    year = timezone.localdate().year
    before = document_fingerprint(sent)
    CostPool.objects.update_or_create(year=year, defaults={"amount": Decimal("9000000")})
    assert document_fingerprint(sent) != before


# --- The PDF ------------------------------------------------------------------------------------


def _texts(box):
    if hasattr(box, "text"):
        yield box.text
    for child in getattr(box, "children", []):
        yield from _texts(child)


def _streams(pdf: bytes):
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            yield zlib.decompress(pdf[match.end() : end])
        except zlib.error:
            yield pdf[match.end() : end]


@pytest.fixture
def signed_by_both(sent, users):
    fingerprint = document_fingerprint(sent)
    signing.sign_for_municipality(
        sent,
        user=users["contact_nacka"],
        full_name="Nils Nackasson",
        title="Socialchef",
        fingerprint=fingerprint,
        ip_address="192.0.2.1",
        user_agent="test",
    )
    signing.countersign(
        sent,
        user=users["signatory"],
        full_name="Sara Direktörsdotter",
        title="Socialdirektör",
        fingerprint=fingerprint,
        ip_address="192.0.2.2",
        user_agent="test",
    )
    sent.refresh_from_db()
    return sent


def test_every_page_of_the_pdf_has_the_fingerprint_and_the_verification_address(signed_by_both):
    from weasyprint import HTML

    from core.pdf import PDF_CSS

    html = render_agreement_html(signed_by_both, for_pdf=True)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(stylesheets=[str(PDF_CSS)])
    assert len(document.pages) >= 3
    verify_url = settings.SITE_URL.rstrip("/") + "/avtal/verifiera/"
    for number, page in enumerate(document.pages, start=1):
        footer = " ".join(
            text
            for box in page._page_box.children
            if getattr(box, "at_keyword", "") == "@bottom-left"
            for text in _texts(box)
        )
        assert signed_by_both.content_sha256 in footer, number
        assert verify_url in footer, number
    text = " ".join(t for page in document.pages for t in _texts(page._page_box))
    assert "Sara Direktörsdotter" in text and "Nils Nackasson" in text
    assert text.count("Undertecknat elektroniskt") == 2
    assert "Bilaga: Kostnadsfördelning" in text and "§ 11 Avtalstid och uppsägning" in text


def test_the_pdf_is_pdf_a_and_carries_the_fingerprint_in_its_metadata(signed_by_both):
    pdf = render_agreement_pdf(signed_by_both)
    assert pdf.startswith(b"%PDF-")
    metadata = b"".join(s for s in _streams(pdf) if b"xmpmeta" in s)
    assert b'pdfaid:part="3"' in metadata and b'pdfaid:conformance="A"' in metadata
    assert signed_by_both.content_sha256.encode() in metadata
    assert b"Nacka" in metadata


def test_the_stored_pdf_is_the_one_made_when_countersigning(signed_by_both):
    stored = signed_by_both.pdf.read()
    assert hashlib.sha256(stored).hexdigest() == signed_by_both.pdf_sha256
    # The content it was made from has not moved: a new rendering has the same fingerprint.
    assert document_fingerprint(signed_by_both) == signed_by_both.content_sha256
