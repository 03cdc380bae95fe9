"""The public verification page: a fingerprint, a PDF's SHA-256 or the PDF itself."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from agreements import forms_signing, signing
from agreements.documents import document_fingerprint
from agreements.models import Status

URL = "/avtal/verifiera/"
YES = "Ja. Det här är ett avtal som är undertecknat av båda parter"
NO = "Nej. Fingeravtrycket hör inte till något avtal"

DETAILS = {
    "org_number": "212000-0167",
    "department": "Socialtjänsten",
    "contact_person": "Nils Nackasson",
    "contact_details": "08-718 80 00",
    "postal_address": "131 81 Nacka",
    "invoicing_address": "131 81 Nacka",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign(agreement, user, *, city: bool):
    function = signing.countersign if city else signing.sign_for_municipality
    agreement.refresh_from_db()
    function(
        agreement,
        user=user,
        full_name=str(user),
        title=user.title,
        fingerprint=agreement.content_sha256 or document_fingerprint(agreement),
        ip_address=None,
        user_agent="",
    )
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def signed_by_municipality(make_agreement, users):
    agreement = signing.save_details(make_agreement(status=Status.SENT), **DETAILS)
    return _sign(agreement, users["contact_nacka"], city=False)


@pytest.fixture
def active(signed_by_municipality, users):
    return _sign(signed_by_municipality, users["signatory"], city=True)


@pytest.fixture
def anonymous(client, db):
    client.logout()
    return client


def answer(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_is_public(anonymous):
    html = answer(anonymous.get(URL))
    assert "Verifiera ett avtal" in html
    assert 'enctype="multipart/form-data"' in html


def test_by_the_document_fingerprint(active, anonymous):
    html = answer(anonymous.post(URL, {"fingerprint": active.content_sha256}))
    assert YES in html
    assert "Nacka" in html
    assert date_format(timezone.localdate(), "j F Y") in html
    # Nothing more: neither the signatories nor the details of § 1.
    assert "Nils" not in html and "Sara" not in html and "212000-0167" not in html


def test_by_the_pdfs_sha256_written_loosely(active, anonymous):
    loose = " ".join(active.pdf_sha256[i : i + 8] for i in range(0, 64, 8)).upper()
    html = answer(anonymous.post(URL, {"fingerprint": loose}))
    assert YES in html and "Nacka" in html


def test_by_uploading_the_pdf(active, anonymous):
    upload = SimpleUploadedFile("avtal.pdf", active.pdf.read(), content_type="application/pdf")
    html = answer(anonymous.post(URL, {"document": upload}))
    assert YES in html and "Nacka" in html
    assert active.pdf_sha256 in html


def test_a_changed_pdf_is_not_confirmed(active, anonymous):
    changed = active.pdf.read() + b"\n% one more line\n"
    upload = SimpleUploadedFile("avtal.pdf", changed, content_type="application/pdf")
    html = answer(anonymous.post(URL, {"document": upload}))
    assert NO in html and "Nacka" not in html.split("<footer")[0].split("<main")[1]


def test_an_unknown_fingerprint_is_not_confirmed(active, anonymous):
    html = answer(anonymous.post(URL, {"fingerprint": "a" * 64}))
    assert NO in html


def test_an_agreement_signed_by_one_party_only_is_not_confirmed(signed_by_municipality, anonymous):
    html = answer(anonymous.post(URL, {"fingerprint": signed_by_municipality.content_sha256}))
    assert NO in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Klistra in ett fingeravtryck eller ladda upp avtalet som PDF."),
        ({"fingerprint": "abc123"}, "Ett fingeravtryck består av 64 tecken"),
        ({"fingerprint": "g" * 64}, "Ett fingeravtryck består av 64 tecken"),
    ],
)
def test_invalid_input_gets_a_clear_error(anonymous, data, error):
    html = answer(anonymous.post(URL, data))
    assert error in html
    assert YES not in html and NO not in html


def test_a_file_that_is_not_a_pdf_is_refused(anonymous):
    upload = SimpleUploadedFile(
        "avtal.pdf", b"PK\x03\x04 not a pdf", content_type="application/pdf"
    )
    html = answer(anonymous.post(URL, {"document": upload}))
    assert "Filen är inte en PDF." in html


def test_a_file_larger_than_the_limit_is_refused(anonymous, monkeypatch):
    monkeypatch.setattr(forms_signing, "MAX_UPLOAD_BYTES", 100)
    upload = SimpleUploadedFile("avtal.pdf", b"%PDF-1.7\n" + b"0" * 200)
    html = answer(anonymous.post(URL, {"document": upload}))
    assert "Filen är större än 20 MB." in html


def test_the_limit_is_twenty_megabytes():
    assert forms_signing.MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_both_a_fingerprint_and_a_file_is_refused(active, anonymous):
    upload = SimpleUploadedFile("avtal.pdf", active.pdf.read())
    html = answer(anonymous.post(URL, {"fingerprint": active.content_sha256, "document": upload}))
    assert "antingen ett fingeravtryck eller en fil" in html
