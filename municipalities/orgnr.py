"""Swedish organisation numbers, checked with python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


def normalise_orgnr(value: str) -> str:
    """Validate an organisation number and return it as NNNNNN-NNNN.

    Accepts the usual ways of writing it (with or without the hyphen, with spaces).
    """
    try:
        compact = orgnr.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("%(value)s är inte ett giltigt organisationsnummer (NNNNNN-NNNN)."),
            code="invalid_orgnr",
            params={"value": value},
        ) from exc
    return orgnr.format(compact)


def validate_orgnr(value: str) -> None:
    normalise_orgnr(value)
