"""Template filters for money and counts, loaded as builtins in every template."""

from decimal import Decimal

from django import template

from core.money import format_kr, format_percent, group_thousands

register = template.Library()


@register.filter
def kr(value):
    """{{ amount|kr }} → '162 053 kr'."""
    if value is None or value == "":
        return "–"
    return format_kr(value if isinstance(value, Decimal) else Decimal(value))


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
