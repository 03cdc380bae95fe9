"""{{ value|kr_ore }} → '17,06 kr': a key figure in kronor and öre (cost per inhabitant)."""

from decimal import Decimal

from django import template

from core.money import group_thousands

register = template.Library()


@register.filter
def kr_ore(value):
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    whole = int(value)
    ore = abs(int((value - whole) * 100))
    sign = "−" if value < 0 and whole == 0 else ""
    return f"{sign}{group_thousands(whole)},{ore:02d}\u00a0kr"
