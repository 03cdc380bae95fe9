"""The signing services: § 1 details, the municipality's signature, the countersignature, the PDF."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agreements import services, signing
from agreements.documents import document_fingerprint
from agreements.models import Party, Signature, Status
from offers.models import CostPool

DETAILS = {
    "org_number": "2120000167",
    "department": "Socialtjänsten",
    "contact_person": "Nils Nackasson",
    "contact_details": "08-718 80 00, nils.nackasson@nacka.se",
    "postal_address": "Nacka kommun\n131 81 Nacka",
    "invoicing_address": "Nacka kommun\nFakturor\n131 81 Nacka",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def sent(make_agreement):
    return make_agreement(status=Status.SENT)


@pytest.fixture
def filled(sent):
    return signing.save_details(sent, **DETAILS)


def sign(agreement, users, fingerprint=None, **overrides):
    arguments = {
        "user": users["contact_nacka"],
        "full_name": "Nils Nackasson",
        "title": "Socialchef",
        "fingerprint": fingerprint or document_fingerprint(agreement),
        "ip_address": "192.0.2.10",
        "user_agent": "Testwebbläsare/1.0",
        **overrides,
    }
    return signing.sign_for_municipality(agreement, **arguments)


def countersign(agreement, users, fingerprint=None):
    agreement.refresh_from_db()
    return signing.countersign(
        agreement,
        user=users["signatory"],
        full_name="Sara Direktörsdotter",
        title="Socialdirektör",
        fingerprint=fingerprint or agreement.content_sha256,
        ip_address="192.0.2.20",
        user_agent="Stadens webbläsare",
    )


@pytest.fixture
def signed(filled, users):
    sign(filled, users)
    filled.refresh_from_db()
    return filled


# --- § 1 ----------------------------------------------------------------------------------------


def test_details_are_stored_with_the_orgnr_normalised(filled):
    filled.refresh_from_db()
    assert filled.org_number == "212000-0167"
    assert filled.postal_address == "Nacka kommun\n131 81 Nacka"
    assert signing.details_complete(filled)


def test_a_bad_orgnr_is_refused_and_nothing_is_saved(sent):
    with pytest.raises(ValidationError, match="inte ett giltigt organisationsnummer"):
        signing.save_details(sent, **{**DETAILS, "org_number": "212000-0168"})
    sent.refresh_from_db()
    assert sent.department == "" and sent.contact_person == ""


def test_details_can_only_change_while_the_agreement_awaits_the_municipality(signed):
    with pytest.raises(ValidationError, match="bara ändras medan"):
        signing.save_details(signed, **{**DETAILS, "department": "Annat"})
    signed.refresh_from_db()
    assert signed.department == "Socialtjänsten"


def test_missing_details_are_named(sent):
    assert "avdelning/enhet" in signing.missing_details(sent)
    assert "fakturareferens" not in signing.missing_details(sent)


# --- The municipality signs ---------------------------------------------------------------------


def test_signing_records_who_when_where_and_what(filled, users):
    fingerprint = document_fingerprint(filled)
    signature = sign(filled, users, fingerprint)
    filled.refresh_from_db()
    assert filled.status == Status.SIGNED_BY_MUNICIPALITY
    assert filled.content_sha256 == fingerprint
    assert (signature.party, signature.user, signature.full_name, signature.title) == (
        Party.MUNICIPALITY,
        users["contact_nacka"],
        "Nils Nackasson",
        "Socialchef",
    )
    assert signature.ip_address == "192.0.2.10"
    assert signature.user_agent == "Testwebbläsare/1.0"
    assert signature.document_sha256 == fingerprint
    change = filled.history.first()
    assert (change.to_status, change.by) == (Status.SIGNED_BY_MUNICIPALITY, users["contact_nacka"])
    # What was signed renders to the same fingerprint afterwards (the Bilaga year is fixed).
    assert document_fingerprint(filled) == fingerprint


def test_signing_what_is_no_longer_shown_is_refused(filled, users):
    fingerprint = document_fingerprint(filled)
    signing.save_details(filled, **{**DETAILS, "contact_person": "Nina Nackasson"})
    with pytest.raises(signing.SigningRefused, match="har ändrats sedan du öppnade det"):
        sign(filled, users, fingerprint)
    filled.refresh_from_db()
    assert filled.status == Status.SENT
    assert filled.content_sha256 == ""
    assert not Signature.objects.exists()


def test_signing_without_the_details_is_refused(sent, users):
    with pytest.raises(signing.SigningRefused, match="Fyll i alla uppgifter"):
        sign(sent, users)
    assert not Signature.objects.exists()


def test_signing_twice_is_refused(signed, users):
    with pytest.raises(signing.SigningRefused, match="kan inte undertecknas"):
        sign(signed, users, signed.content_sha256)
    assert Signature.objects.count() == 1


def test_the_signed_content_cannot_change_afterwards(signed):
    signed.department = "Något annat"
    with pytest.raises(ValidationError, match="undertecknat avtal ändras inte"):
        signed.save()


def test_signing_mails_the_city_and_gives_the_signatory_a_receipt(
    filled, users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(filled, users)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {
        users["project_leader"].email,
        users["signatory"].email,
        users["contact_nacka"].email,
    }
    to_city = by_recipient[users["signatory"].email]
    assert to_city.subject == "Att kontrasignera: Nacka har undertecknat avtalet"
    assert f"/avtal/{filled.pk}/" in to_city.body
    receipt = by_recipient[users["contact_nacka"].email]
    assert "Kvitto" in receipt.subject
    assert document_fingerprint(filled) in receipt.body


# --- The city countersigns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agreed", "signed_on", "start"),
    [
        (None, datetime.date(2026, 6, 10), datetime.date(2026, 6, 10)),
        (datetime.date(2027, 1, 1), datetime.date(2026, 6, 10), datetime.date(2027, 1, 1)),
        (datetime.date(2026, 6, 10), datetime.date(2026, 6, 10), datetime.date(2026, 6, 10)),
        (datetime.date(2026, 1, 1), datetime.date(2026, 6, 10), datetime.date(2026, 6, 10)),
    ],
)
def test_the_agreement_starts_when_the_last_party_signs_or_on_a_later_agreed_date(
    agreed, signed_on, start
):
    assert signing.start_date_on_signing(agreed_start_date=agreed, signed_on=signed_on) == start


def test_countersigning_makes_the_agreement_active_and_stores_the_pdf_once(signed, users, media):
    signature = countersign(signed, users)
    signed.refresh_from_db()
    assert signed.status == Status.ACTIVE
    assert signed.start_date == timezone.localdate()
    assert (signature.party, signature.user) == (Party.CITY, users["signatory"])
    assert signature.document_sha256 == signed.content_sha256
    assert signature.ip_address == "192.0.2.20"
    stored = signed.pdf.read()
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == signed.pdf_sha256
    assert len(list((media / "agreements" / "signed").iterdir())) == 1
    # Once: the PDF is never made again, and its checksum cannot change.
    with pytest.raises(signing.SigningRefused):
        countersign(signed, users)
    signed.pdf_sha256 = "0" * 64
    with pytest.raises(ValidationError, match="undertecknat avtal ändras inte"):
        signed.save()
    assert len(list((media / "agreements" / "signed").iterdir())) == 1


def test_a_later_agreed_start_date_is_kept(make_agreement, users):
    later = timezone.localdate() + datetime.timedelta(days=40)
    agreement = make_agreement(status=Status.SENT, agreed_start_date=later)
    agreement = signing.save_details(agreement, **DETAILS)
    sign(agreement, users)
    countersign(agreement, users)
    agreement.refresh_from_db()
    assert agreement.start_date == later


def test_an_earlier_agreed_start_date_gives_the_signing_day(make_agreement, users):
    earlier = timezone.localdate() - datetime.timedelta(days=40)
    agreement = make_agreement(status=Status.SENT, agreed_start_date=earlier)
    agreement = signing.save_details(agreement, **DETAILS)
    sign(agreement, users)
    countersign(agreement, users)
    agreement.refresh_from_db()
    assert agreement.start_date == timezone.localdate()


def test_countersigning_another_document_is_refused(signed, users):
    with pytest.raises(signing.SigningRefused, match="har ändrats"):
        countersign(signed, users, fingerprint="f" * 64)
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED_BY_MUNICIPALITY
    assert not signed.signatures.filter(party=Party.CITY).exists()


def test_a_pool_changed_after_the_municipality_signed_does_not_change_the_signed_document(
    signed, users
):
    """What was signed is stored: the countersignature and the PDF use it, not today's table."""
    signed_text = signed.signed_body + signed.signed_appendix
    assert "Kostnadsfördelning" in signed.signed_appendix
    year = timezone.localdate().year
    CostPool.objects.update_or_create(year=year, defaults={"amount": Decimal("9000000")})
    countersign(signed, users)
    signed.refresh_from_db()
    assert signed.status == Status.ACTIVE and signed.pdf_sha256
    assert signed.signed_body + signed.signed_appendix == signed_text
    assert document_fingerprint(signed) == signed.content_sha256
    assert "9\u00a0000\u00a0000" not in signed.signed_appendix


def test_countersigning_refuses_stored_content_that_no_longer_matches_its_fingerprint(
    signed, users
):
    from agreements.models import Agreement

    # Bypass save()'s guard, as a direct database edit would.
    Agreement.objects.filter(pk=signed.pk).update(signed_body=signed.signed_body + "<p>x</p>")
    with pytest.raises(signing.SigningRefused, match="stämmer inte med sitt fingeravtryck"):
        countersign(signed, users)
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED_BY_MUNICIPALITY and not signed.pdf


def test_a_failing_pdf_leaves_nothing_half_written(signed, users, media, monkeypatch):
    def broken(agreement):
        raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(signing, "render_agreement_pdf", broken)
    with pytest.raises(RuntimeError, match="WeasyPrint failed"):
        countersign(signed, users)
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED_BY_MUNICIPALITY
    assert signed.start_date is None
    assert not signed.pdf and signed.pdf_sha256 == ""
    assert not signed.signatures.filter(party=Party.CITY).exists()
    assert not (media / "agreements" / "signed").exists()


def test_countersigning_mails_the_municipality_and_the_project_leader(
    signed, users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        countersign(signed, users)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [users["contact_nacka"].email, users["project_leader"].email]
    )
    mail = mailoutbox[0]
    assert mail.subject == "Avtalet med Nacka är undertecknat och gäller"
    assert f"/avtal/{signed.pk}/" in mail.body


# --- Notice preview -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "latest_end"),
    [
        (datetime.date(2026, 1, 31), None),
        (datetime.date(2026, 12, 15), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 3, 10), datetime.date(2026, 12, 31)),
    ],
)
def test_the_notice_preview_gives_the_end_date_that_notice_stores(
    make_agreement, users, notice, latest_end
):
    agreement = make_agreement(
        status=Status.ACTIVE, start=datetime.date(2025, 1, 1), latest_end_date=latest_end
    )
    preview = signing.notice_end_date(agreement, notice_date=notice)
    stored = services.give_notice(
        agreement, by=users["project_leader"], notice_date=notice, party="kommunen"
    )
    assert preview == stored


def test_the_notice_preview_refuses_a_date_before_the_start(make_agreement):
    agreement = make_agreement(status=Status.ACTIVE, start=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="före avtalets startdatum"):
        signing.notice_end_date(agreement, notice_date=datetime.date(2025, 2, 1))
