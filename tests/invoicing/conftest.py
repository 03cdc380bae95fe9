import datetime
from decimal import Decimal

import pytest

from agreements.models import Status
from invoicing.models import CostPool
from tests.agreements.conftest import make_agreement, nacka  # noqa: F401  (shared fixtures)


@pytest.fixture
def pools(reference_data):
    """Confirmed pools 2021–2027, each the previous × 1,02 as § 6 proposes."""
    amount = Decimal("4000000")
    for year in range(2022, 2028):
        amount = (amount * Decimal("1.02")).quantize(Decimal("1"))
        CostPool.objects.create(year=year, amount=amount, note="test")
    return {p.year: p.amount for p in CostPool.objects.all()}


@pytest.fixture
def active(make_agreement):  # noqa: F811
    def make(code, start, **fields):
        return make_agreement(code, status=Status.ACTIVE, start=start, **fields)

    return make


D = datetime.date
