"""Demo data of training: the next two half-days, one digital and one on site, so that the pages
have something to show. Called from load_demo_data (development only); running it again adds
nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from . import services
from .models import Half, Kind, Mode, TrainingSession

DEMO_TITLE = "Utbildningshalvdag: Mikamottagningen, KAST och regionkoordinatorerna"


@transaction.atomic
def load_demo_training() -> list[TrainingSession]:
    if TrainingSession.objects.filter(title=DEMO_TITLE).exists():
        return list(TrainingSession.objects.filter(title=DEMO_TITLE))
    leader = User.objects.filter(username="projektledare").first()
    today = timezone.localdate()
    return [
        services.create_session(
            by=leader,
            title=DEMO_TITLE,
            kind=Kind.HALF_DAY,
            date=today + datetime.timedelta(days=30),
            half=Half.MORNING,
            mode=Mode.DIGITAL,
            link="https://video.example.se/utbildning",
            capacity=40,
        ),
        services.create_session(
            by=leader,
            title=DEMO_TITLE,
            kind=Kind.HALF_DAY,
            date=today + datetime.timedelta(days=75),
            half=Half.AFTERNOON,
            mode=Mode.ON_SITE,
            location="Socialförvaltningen, Swedenborgsgatan 20, Stockholm",
            capacity=30,
        ),
    ]
