"""Template filters for money and counts, loaded as builtins in every template."""

from decimal import Decimal

from django import template

from core.money import format_amount, format_percent, group_thousands

register = template.Library()


@register.filter
def kr(value):
    """{{ amount|kr }} → '162 053 kr' ('1 234,50 kr' with öre): the same as ``|money``."""
    return money(value)


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
    """A function that writes an amount without its unit ('1 234', '1 234,50', '−500'), for a
    table of many amounts whose cells add '&nbsp;kr': core.money.format_amount."""

    def amount(value: Decimal) -> str:
        return format_amount(value, unit=False)

    return amount
