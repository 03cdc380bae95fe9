"""{{ value|kr_ore }} → '17,06 kr': a key figure in kronor and öre (cost per inhabitant), written
as every amount is (core.money.format_amount)."""

from decimal import Decimal

from django import template

from core.money import format_amount

register = template.Library()


@register.filter
def kr_ore(value):
    if value is None or value == "":
        return "–"
    return format_amount(Decimal(value))
