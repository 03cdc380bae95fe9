"""Fixtures of the follow-up tests: a confirmed pool, figures and an import file."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from followup import services
from municipalities.models import Municipality
from offers.models import CostPool, Service

# A year that is always in the past, with a pool of exactly 4 000 000 kr.
YEAR = 2024
POOL = Decimal("4000000")
TABY, NACKA, SOLNA = "0160", "0182", "0184"
# Täby's share of 4 000 000 kr: 4 000 000 × 71 397 ÷ 2 344 124 = 121 830,5… → 121 831 kr.
TABY_ANNUAL = Decimal("121831")


@pytest.fixture
def pool(reference_data):
    return CostPool.objects.create(year=YEAR, amount=POOL, note="test")


@pytest.fixture
def service_ids(reference_data):
    return dict(Service.objects.values_list("code", "pk"))


@pytest.fixture
def figures(users, service_ids):
    """figures("0160", {"kast": (1, 2, 3, 4)}, year=2024, half=1) stores the counts."""

    def make(code, counts_by_service, *, year=YEAR, half=1, by=None):
        municipality = Municipality.objects.get(code=code)
        return services.write_figures(
            [
                services.Figure(municipality.pk, service_ids[service], year, half, tuple(counts))
                for service, counts in counts_by_service.items()
            ],
            by=by or users["project_leader"],
        )

    return make


def xlsx_bytes(rows, header=None) -> bytes:
    """A workbook whose first sheet holds ``header`` and ``rows``."""
    from followup.importing import COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header or COLUMNS))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
