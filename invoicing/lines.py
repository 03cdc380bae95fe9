"""The invoice line of § 6, in the words both the PDF (invoicing.documents) and the e-invoice's
XML (invoicing.einvoice) print, and the invoice page and the notification mail show. The services
it names are the offer's (its name), never a template's text."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.money import format_amount


def agreement_line(
    *, offer_name: str, year: int, twelfths: int, annual_amount, days: int | None = None
) -> str:
    """The invoice line of § 6: '… regionkoordinatorer 2025: 7/12 av 131 874 kr', or under the
    offer's days rule '… 2025: 200 dagar av 131 874 kr'."""
    values = {
        "offer": offer_name,
        "year": year,
        "twelfths": twelfths,
        "days": days,
        "annual": format_amount(Decimal(annual_amount)),
    }
    if days is not None:
        return (
            _("Avtal om nyttjande av insatser vid %(offer)s %(year)s: %(days)s dagar av %(annual)s")
            % values
        )
    return (
        _("Avtal om nyttjande av insatser vid %(offer)s %(year)s: %(twelfths)s/12 av %(annual)s")
        % values
    )


def invoice_line(invoice) -> str:
    """The line of an issued invoice (or credit note), with its offer's name as at issue."""
    return agreement_line(
        offer_name=invoice.offer_name,
        year=invoice.year,
        twelfths=invoice.twelfths,
        days=invoice.days,
        annual_amount=invoice.annual_amount,
    )
