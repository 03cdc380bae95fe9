"""Swedish organisation numbers, checked with python-stdnum."""

from django.conf import settings
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


# Every Swedish municipality's organisation number begins with 2120 (group 2, "stat, landsting,
# kommuner", then 120); regions, companies and associations have others.
MUNICIPAL_PREFIX = "2120"


def normalise_municipal_orgnr(value: str) -> str:
    """A municipality's organisation number, as NNNNNN-NNNN: valid, one of a municipality, and
    never the seller's (settings.INVOICE_SELLER_ORG_NUMBER, Stockholm city's own).

    The one check of every form and import that takes a municipality's organisation number.
    """
    formatted = normalise_orgnr(value)
    compact = formatted.replace("-", "")
    seller = orgnr.compact(settings.INVOICE_SELLER_ORG_NUMBER or "")
    if compact == seller:
        raise ValidationError(
            _(
                "%(value)s är Stockholms stads eget organisationsnummer (säljarens), inte "
                "kommunens. Ange kommunens organisationsnummer."
            ),
            code="seller_orgnr",
            params={"value": formatted},
        )
    if not compact.startswith(MUNICIPAL_PREFIX):
        raise ValidationError(
            _(
                "%(value)s är inte en kommuns organisationsnummer: en kommuns nummer börjar "
                "med 2120."
            ),
            code="not_municipal_orgnr",
            params={"value": formatted},
        )
    return formatted


def validate_municipal_orgnr(value: str) -> None:
    normalise_municipal_orgnr(value)
