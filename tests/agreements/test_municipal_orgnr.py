"""A municipality's organisation number is one of a municipality (2120…), never the seller's, in
every form and import that takes one: the municipality itself, § 1 when signing, paper imports."""

import pytest
from django.core.exceptions import ValidationError

from agreements import paper, signing
from agreements.models import Status
from municipalities.models import Municipality
from municipalities.orgnr import normalise_municipal_orgnr

SELLER = "212000-0142"  # Stockholm city, settings.INVOICE_SELLER_ORG_NUMBER's default
COMPANY = "556036-0793"  # a limited company (valid Luhn)
REGION = "232100-0016"  # a region, not a municipality


def test_a_municipality_number_is_accepted_and_formatted():
    assert normalise_municipal_orgnr("2120000167") == "212000-0167"


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        (SELLER, "Stockholms stads eget organisationsnummer"),
        (COMPANY, "inte en kommuns organisationsnummer"),
        (REGION, "inte en kommuns organisationsnummer"),
        ("212000-0143", "inte ett giltigt organisationsnummer"),
    ],
)
def test_other_numbers_are_refused_in_swedish(given, reason):
    with pytest.raises(ValidationError) as exc:
        normalise_municipal_orgnr(given)
    assert reason in " ".join(exc.value.messages)


def test_the_seller_is_whatever_the_settings_say(settings):
    other = "212000-0167"
    settings.INVOICE_SELLER_ORG_NUMBER = other
    with pytest.raises(ValidationError):
        normalise_municipal_orgnr(other)
    assert normalise_municipal_orgnr(SELLER) == SELLER


@pytest.mark.django_db
@pytest.mark.parametrize("given", [SELLER, COMPANY])
def test_the_municipality_model_refuses_them(given):
    municipality = Municipality(code="0160", name="Täby", county="Stockholms län", org_number=given)
    with pytest.raises(ValidationError) as exc:
        municipality.full_clean()
    assert "org_number" in exc.value.message_dict


def test_the_signing_form_refuses_the_sellers_number_and_gives_no_real_example(
    make_agreement, client_for
):
    agreement = make_agreement(status=Status.SENT)
    client = client_for("contact_nacka")
    page = client.get(f"/avtal/{agreement.pk}/uppgifter/").content.decode()
    assert "212000-0142" not in page and "börjar med 2120" in page
    form = {
        "org_number": SELLER,
        "department": "Socialtjänsten",
        "contact_person": "Nils Nackasson",
        "contact_details": "08-718 80 00",
        "postal_address": "Nacka kommun",
        "invoicing_address": "Nacka kommun",
    }
    response = client.post(f"/avtal/{agreement.pk}/uppgifter/", form)
    assert response.status_code == 200
    assert "Stockholms stads eget organisationsnummer" in response.content.decode()
    with pytest.raises(ValidationError):
        signing.save_details(agreement, **{**form, "org_number": COMPANY})
    agreement.refresh_from_db()
    assert agreement.org_number == ""


def test_a_paper_import_refuses_a_municipality_holding_the_sellers_number(reference_data):
    Municipality.objects.filter(code="0184").update(org_number=SELLER)
    rows, errors = paper.check_table(
        [
            (1, ["kommunkod", "start_date", "signed_on", "end_date", "notice_date"]),
            (2, ["0184", "2021-03-01", "", "", ""]),
        ]
    )
    assert rows == []
    assert any("Solna" in str(e) and "Stockholms stads eget" in str(e) for e in errors)


def test_the_municipality_page_no_longer_says_given_at_signing_once_signed(
    make_agreement, client_for
):
    client = client_for("project_leader")
    assert "anges när avtalet undertecknas" in client.get("/kommuner/0182/").content.decode()
    agreement = make_agreement(status=Status.SENT, org_number="212000-0167")
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=None)
    page = client.get("/kommuner/0182/").content.decode()
    assert "anges när avtalet undertecknas" not in page
    assert "212000-0167" in page
