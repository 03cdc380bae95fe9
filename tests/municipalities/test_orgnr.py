import pytest
from django.core.exceptions import ValidationError

from municipalities.models import Municipality
from municipalities.orgnr import normalise_orgnr


@pytest.mark.parametrize(
    "given", ["212000-0142", "2120000142", " 212000 0142 ", "212000-0142".replace("-", " ")]
)
def test_valid_numbers_are_stored_as_nnnnnn_nnnn(given):
    assert normalise_orgnr(given) == "212000-0142"


@pytest.mark.parametrize(
    "given",
    [
        "212000-0143",  # wrong Luhn check digit
        "21200001",  # too short
        "abcdef-ghij",
        "",
    ],
)
def test_invalid_numbers_are_refused_with_a_swedish_message(given):
    with pytest.raises(ValidationError) as exc:
        normalise_orgnr(given)
    assert "inte ett giltigt organisationsnummer" in str(exc.value)


@pytest.mark.django_db
def test_model_normalises_on_save_and_full_clean_refuses_a_bad_number():
    m = Municipality.objects.create(
        code="0160", name="Täby", county="Stockholms län", org_number="2120000142"
    )
    m.refresh_from_db()
    assert m.org_number == "212000-0142"
    m.org_number = "212000-0143"
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "org_number" in exc.value.message_dict


@pytest.mark.django_db
def test_org_number_is_optional_until_signing():
    m = Municipality(code="0160", name="Täby", county="Stockholms län")
    m.full_clean()  # no error
