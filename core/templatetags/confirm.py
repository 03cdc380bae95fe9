"""The confirm step of a two-step form (templates/includes/confirm.html)."""

import datetime

from django import template

register = template.Library()


@register.filter
def confirmed_value(field):
    """{{ field|confirmed_value }} → the field's cleaned value as the form reads it back: a date
    as YYYY-MM-DD, nothing as an empty string."""
    value = field.form.cleaned_data.get(field.name)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
