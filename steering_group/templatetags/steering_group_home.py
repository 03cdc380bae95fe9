"""The steering-group card of the start page: ``{% steering_group_home %}`` (needs ``request``)."""

from django import template
from django.utils import timezone

from steering_group import access, selectors
from steering_group.models import Meeting

register = template.Library()


@register.inclusion_tag("steering_group/includes/home.html", takes_context=True)
def steering_group_home(context):
    user = context["request"].user
    now = timezone.now()
    terms = access.visible_terms(user)
    upcoming = list(
        Meeting.objects.filter(term__in=terms, starts_at__gte=now)
        .select_related("term")
        .order_by("starts_at")[:3]
    )
    published = (
        list(selectors.published_minutes(access.published_offer_ids(user))[:3])
        if access.can_read_published(user)
        else []
    )
    current = terms.filter(year=timezone.localdate().year).first()
    return {"upcoming": upcoming, "published": published, "current_term": current}
