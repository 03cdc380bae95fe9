"""Gapless numbers when two connections issue at the same time (PostgreSQL only: SQLite has one
writer at a time by design, so there is no race to test there)."""

import threading

import pytest
from django.db import connection, connections

from invoicing import services

from .conftest import D

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are what is tested; needs PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_two_connections_issuing_at_once_get_distinct_gapless_numbers(pools, active):
    for code in ["0160", "0182", "0184", "0183", "0186", "0187"]:
        active(code, D(2024, 3, 1))
    plan = services.plan_run(2025, invoice_date=D(2025, 1, 15))
    halves = [plan.planned[0::2], plan.planned[1::2]]
    start = threading.Barrier(2)
    numbers, errors = [], []

    def worker(planned):
        try:
            start.wait()
            for p in planned:
                numbers.append(services.issue(p).number)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(numbers) == [f"2025-{n:04d}" for n in range(1, 7)]
