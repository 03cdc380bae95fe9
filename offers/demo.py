"""Demo data of offers: the cost pools. Called from load_demo_data (development only), before
any agreement is signed; running it again adds nothing.

2021 is the reference data's 4 000 000 kr; each later year up to this one is confirmed by the
project leader in November of the year before, at the proposal (the previous year's × 1,02:
4 080 000 kr for 2022, the table the city published).
"""

import datetime

from accounts.models import User
from core.demo import DemoClock

from . import costs, pools
from .models import CostPool

FIRST_POOL_YEAR = 2021


def load_demo_data(clock: DemoClock) -> list[CostPool]:
    """Confirm the proposed pool of each year from 2022 through this year, in November of the
    year before. Needs the reference data's pool of 2021."""
    leader = User.objects.filter(username="projektledare").first()
    if not CostPool.objects.filter(year=FIRST_POOL_YEAR).exists():
        return []
    confirmed = []
    for year in range(FIRST_POOL_YEAR + 1, clock.today.year + 1):
        if CostPool.objects.filter(year=year).exists():
            continue
        with clock.at(clock.when(datetime.date(year - 1, 11, 20))):
            pool, _proposed = pools.set_pool(
                year=year, amount=costs.proposal(year), note="", by=leader
            )
        confirmed.append(pool)
    return confirmed
