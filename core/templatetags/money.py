"""Template filters for money and counts, loaded as builtins in every template."""

from decimal import Decimal

from django import template
from django.utils.formats import get_format

from core.money import format_amount, format_kr, format_percent, group_thousands

register = template.Library()


@register.filter
def kr(value):
    """{{ amount|kr }} → '162 053 kr'."""
    if value is None or value == "":
        return "–"
    return format_kr(value if isinstance(value, Decimal) else Decimal(value))


@register.filter
def money(value):
    """{{ amount|money }} → '1 234,50 kr', '162 053 kr', '−500 kr' (core.money.format_amount)."""
    if value is None or value == "":
        return "–"
    return format_amount(value if isinstance(value, Decimal) else Decimal(value))


@register.filter
def thousands(value):
    """{{ population|thousands }} → '93 106'."""
    if value is None or value == "":
        return "–"
    return group_thousands(value)


@register.filter
def percent(value, places=2):
    """{{ share|percent }} → '3,97 %' (share given in percent)."""
    if value is None or value == "":
        return "–"
    return format_percent(Decimal(value), int(places))


def amount_formatter():
    """A function that writes an amount as ``floatformat:"-2g"`` does in the active language
    ('1 234', '1 234,50'; whole kronor without decimals), for a table of many amounts: it looks
    the separators up once instead of once per cell. For amounts in öre (two decimals at most).
    """
    decimal_sep = get_format("DECIMAL_SEPARATOR")
    thousand_sep = get_format("THOUSAND_SEPARATOR")

    def amount(value: Decimal) -> str:
        text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
        return text.replace(",", "\0").replace(".", decimal_sep).replace("\0", thousand_sep)

    return amount
