"""Reference data of invoicing: the cost pool of the first year, 4 000 000 kr for 2021."""

from decimal import Decimal

from django.db import transaction

from core.loading import LoadReport

from .models import CostPool

POOLS = {2021: (Decimal("4000000"), "Avtalets utgångspunkt, § 6: 4,0 mnkr per år.")}


@transaction.atomic
def load_reference_data(report: LoadReport) -> None:
    """Create the reference pools when missing; a pool the project leader has set is left alone."""
    for year, (amount, note) in POOLS.items():
        _pool, created = CostPool.objects.get_or_create(
            year=year, defaults={"amount": amount, "note": note}
        )
        report.add(f"kostnadsram {year}", created=created, changed=False)
