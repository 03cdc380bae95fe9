"""``{% term_url "members" term %}``: the URL of a year page of a term, with the offer's slug when
several offers have a steering group (steering_group/scope.py). One query per page."""

from django import template

from steering_group import scope

register = template.Library()


@register.simple_tag(takes_context=True)
def term_url(context, name, term):
    cache = context.render_context
    if "steering_group_several" not in cache:
        cache["steering_group_several"] = scope.several_offers()
    return scope.term_url(name, term, several=cache["steering_group_several"])


@register.simple_tag(takes_context=True)
def several_steering_groups(context) -> bool:
    """``{% several_steering_groups as several %}``: whether the pages must name the offer."""
    cache = context.render_context
    if "steering_group_several" not in cache:
        cache["steering_group_several"] = scope.several_offers()
    return cache["steering_group_several"]
