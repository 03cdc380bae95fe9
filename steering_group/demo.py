"""Demo data of the steering group: this year's group with the demo user ``styrgrupp`` as chair,
so that the steering-group member sees the pages, and the daily role sync keeps their role.
Called from load_demo_data (development only)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from . import services
from .models import Seat, Term


@transaction.atomic
def load_demo_steering_group() -> Term:
    year = timezone.localdate().year
    leader = User.objects.filter(username="projektledare").first()
    term = Term.objects.filter(year=year).first() or services.create_term(year=year, by=leader)
    member = User.objects.filter(username="styrgrupp").first()
    if member is not None and not term.memberships.filter(seat=Seat.CHAIR).exists():
        services.add_member(
            term=term,
            seat=Seat.CHAIR,
            name=member.get_full_name() or member.username,
            email=member.email,
            title=member.title,
            organisation="Stockholms stad, Socialförvaltningen",
            by=leader,
        )
    return term
