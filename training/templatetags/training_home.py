"""The training card of the start page: ``{% training_home %}`` (needs ``request``). The project
leader sees every municipality's participants this year; a contact sees their own."""

from django import template
from django.utils import timezone

from training import access, selectors

register = template.Library()
UPCOMING = 3


@register.inclusion_tag("training/includes/home.html", takes_context=True)
def training_home(context):
    user = context["request"].user
    year = timezone.localdate().year
    own = user.municipality_id if user.is_municipal_contact else None
    municipality_ids = None if access.can_manage(user) else ({own} if own else set())
    rows = selectors.participants_by_municipality(year, municipality_ids=municipality_ids)
    sessions = selectors.upcoming(
        selectors.with_counts(access.visible_sessions(user), municipality_id=own)
    )
    return {
        "year": year,
        "rows": rows,
        "totals": selectors.participant_totals(rows),
        "upcoming": list(sessions[:UPCOMING]),
        "single": municipality_ids is not None,
        "can_manage": access.can_manage(user),
        "can_register": access.can_register(user),
    }
