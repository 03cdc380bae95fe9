"""The seller block: who sends the invoices and where they are paid.

:func:`current_seller` is the one reader of the seller settings (``INVOICE_SELLER_*``): the
environment gives the defaults, and what finance saved in the product (:class:`SellerDetails`:
Bankgiro, reference person, address, e-mail) replaces them. The invoice and reminder PDFs, the
e-invoice, the mails and the pages all read the seller from here.

Issuing is refused while the Bankgiro number is not a valid one (:func:`issue_problem`): an
invoice with the placeholder 000-0000 cannot be paid.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import luhn

from .models import SellerDetails

BANKGIRO_FORMAT = re.compile(r"^\d{3,4}-\d{4}$")


def bankgiro_digits(value: str) -> str | None:
    """'5050-1055' → '50501055'; None unless it is NNN-NNNN or NNNN-NNNN with a valid check
    digit (modulus 10, as Bankgirot computes it)."""
    value = (value or "").strip()
    if not BANKGIRO_FORMAT.match(value):
        return None
    digits = value.replace("-", "")
    return digits if luhn.is_valid(digits) and int(digits) != 0 else None


@dataclass(frozen=True)
class SellerBlock:
    name: str
    org_number: str
    vat_number: str
    f_skatt: bool
    address: str
    bankgiro: str
    reference_name: str
    reference_phone: str
    reference_email: str
    email: str
    saved_by: object = None  # who saved it in the product; None: the environment's defaults
    saved_at: object = None

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in (self.address or "").splitlines() if line.strip()]

    @property
    def address_line(self) -> str:
        return ", ".join(self.address_lines)

    @property
    def bankgiro_valid(self) -> bool:
        return bankgiro_digits(self.bankgiro) is not None

    @property
    def from_environment(self) -> bool:
        return self.saved_at is None


def environment_seller() -> SellerBlock:
    """The seller as the environment (config/settings.py) says."""
    return SellerBlock(
        name=(settings.INVOICE_SELLER_NAME or "").strip(),
        org_number=settings.INVOICE_SELLER_ORG_NUMBER or "",
        vat_number=settings.INVOICE_SELLER_VAT_NUMBER or "",
        f_skatt=bool(settings.INVOICE_SELLER_F_SKATT),
        address=settings.INVOICE_SELLER_ADDRESS or "",
        bankgiro=(settings.INVOICE_SELLER_BANKGIRO or "").strip(),
        reference_name=(settings.INVOICE_SELLER_REFERENCE or "").strip(),
        reference_phone=(getattr(settings, "INVOICE_SELLER_REFERENCE_PHONE", "") or "").strip(),
        reference_email=(getattr(settings, "INVOICE_SELLER_REFERENCE_EMAIL", "") or "").strip(),
        email=(settings.INVOICE_SELLER_EMAIL or "").strip(),
    )


def current_seller() -> SellerBlock:
    """The seller block in force: what finance saved, else the environment's (one query)."""
    base = environment_seller()
    saved = (
        SellerDetails.objects.select_related("updated_by")
        .filter(pk=SellerDetails.SINGLETON_PK)
        .first()
    )
    if saved is None:
        return base
    return SellerBlock(
        name=base.name,
        org_number=base.org_number,
        vat_number=base.vat_number,
        f_skatt=base.f_skatt,
        address=saved.address,
        bankgiro=saved.bankgiro.strip(),
        reference_name=saved.reference_name.strip(),
        reference_phone=saved.reference_phone.strip(),
        reference_email=saved.reference_email.strip(),
        email=saved.email.strip(),
        saved_by=saved.updated_by,
        saved_at=saved.updated_at,
    )


def bankgiro_problem(seller: SellerBlock | None = None) -> str | None:
    """Why nothing can be issued or mailed with this seller's Bankgiro; None when it is valid."""
    seller = seller or current_seller()
    if seller.bankgiro_valid:
        return None
    return _(
        "Bankgironumret INVOICE_SELLER_BANKGIRO = %(value)s är inte ett giltigt bankgironummer "
        "(NNN-NNNN eller NNNN-NNNN med rätt kontrollsiffra). Ekonomi måste ange stadens "
        "bankgironummer under Säljaruppgifter innan något faktureras."
    ) % {"value": seller.bankgiro or "–"}


def issue_problem() -> str | None:
    """Why no invoice or credit note may be issued (or mailed) now; None when they may."""
    return bankgiro_problem()


SAVED_FIELDS = (
    "bankgiro",
    "reference_name",
    "reference_phone",
    "reference_email",
    "address",
    "email",
)


@transaction.atomic
def save_seller(*, by, **values) -> SellerDetails:
    """Save the seller block finance entered (each save a version in the audit history)."""
    if bankgiro_digits(values.get("bankgiro", "")) is None:
        raise ValueError(_("Ange ett giltigt bankgironummer."))
    details, _created = SellerDetails.objects.select_for_update().get_or_create(
        pk=SellerDetails.SINGLETON_PK,
        defaults={**{f: values[f] for f in SAVED_FIELDS}, "updated_by": by},
    )
    if not _created:
        for name in SAVED_FIELDS:
            setattr(details, name, values[name])
        details.updated_by = by
        details.updated_at = timezone.now()
        details.save()
    return details
