"""The invoice line of § 6, in the words both the PDF (invoicing.documents) and the e-invoice's
XML (invoicing.einvoice) print, and the invoice page and the notification mail show."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.money import format_amount


def agreement_line(*, year: int, twelfths: int, annual_amount) -> str:
    """The invoice line of § 6: '… regionkoordinatorer 2025: 7/12 av 131 874 kr'."""
    return _(
        "Avtal om nyttjande av insatser vid Mikamottagningen, KAST och regionkoordinatorer "
        "%(year)s: %(twelfths)s/12 av %(annual)s"
    ) % {"year": year, "twelfths": twelfths, "annual": format_amount(Decimal(annual_amount))}
