"""An invoice run killed half-way and run again ends with the same invoices as a run that was never
interrupted: the same numbers for the same municipalities and amounts, gapless from -0001, no
duplicate.

`manage.py invoice_run` runs in a subprocess against a copy of the test database (a file on
SQLite, a database of its own on PostgreSQL). A test-only hook (tests/reliability/kill_hook.py)
stops it at a chosen invoice and tells the test through a pipe; the test then SIGKILLs it, so the
kill lands exactly there every time:

- inside the transaction that issues the invoice (its number taken, its row written, nothing
  committed): the database must roll it back and give the number back;
- just after that transaction commits, before the next invoice: the invoice must stay.

Why this holds (invoicing/services.py): each invoice is issued in a transaction of its own that
takes the next number from the year's sequence row under a lock, so an invoice and its number
are committed together or not at all; the second run plans only what is not issued yet.
"""

import datetime
import os
import select
import signal
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings

from .data import CODES, confirmed_pools, in_force
from .databases import copy_of_test_database

# Committed data (other processes read it). No serialized rollback: after another transactional
# test's flush it would load content types that the flush has already made again (a unique
# violation on PostgreSQL); what the test needs (roles, reference data) its fixtures make.
pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2025
INVOICE_DATE = "2025-01-15"
KILL_AT = 4  # of 8 invoices

INVOICES_SQL = """
    SELECT i.number, i.series_year, i.series_number, m.code, i.kind, i.twelfths,
           i.annual_amount, i.amount, i.ocr
    FROM invoicing_invoice i JOIN municipalities_municipality m ON m.id = i.municipality_id
    ORDER BY i.series_year, i.series_number
"""


@pytest.fixture
def agreements(users):
    """Eight agreements due for 2025: four annual invoices and four first invoices (by twelfths)."""
    confirmed_pools()
    for i, code in enumerate(CODES[:8]):
        start = datetime.date(2023, 1, 1) if i % 2 else datetime.date(2025, 2 + i, 1)
        in_force(code, start=start, by=users["project_leader"])


@pytest.fixture
def copies(agreements, tmp_path):
    made = []

    def make(label):
        made.append(copy_of_test_database(label, tmp_path))
        return made[-1]

    yield make
    for copy in made:
        copy.drop()


def environment_for(database, tmp_path, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reliability.killable_settings",
        "DATABASE_URL": database.url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        **extra,
    }


COMMAND = [
    sys.executable,
    "manage.py",
    "invoice_run",
    str(YEAR),
    "--date",
    INVOICE_DATE,
    "--confirm-past-date",  # a date long past, on purpose
]


def invoice_run(database, tmp_path):
    """Run `manage.py invoice_run 2025` to its end."""
    return subprocess.run(
        COMMAND,
        cwd=settings.BASE_DIR,
        env=environment_for(database, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )


def killed_run(database, tmp_path, *, kill_where):
    """Run `manage.py invoice_run 2025` and SIGKILL it where the hook stops it, at invoice
    KILL_AT. Returns the invoices another connection saw committed while it was stopped."""
    read_end, write_end = os.pipe()
    environment = environment_for(
        database,
        tmp_path,
        KOMMUNAVTAL_KILL_AT_INVOICE=str(KILL_AT),
        KOMMUNAVTAL_KILL_WHERE=kill_where,
        KOMMUNAVTAL_KILL_SIGNAL_FD=str(write_end),
    )
    with open(tmp_path / f"killed-{kill_where}.log", "w+") as log:
        process = subprocess.Popen(
            COMMAND,
            cwd=settings.BASE_DIR,
            env=environment,
            pass_fds=(write_end,),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        os.close(write_end)
        try:
            # Blocks until the hook writes, or the process ends (which closes the pipe: EOF).
            ready, _, _ = select.select([read_end], [], [], 300)
            reached = bool(ready) and os.read(read_end, 1) == b"k"
        finally:
            os.close(read_end)
        if not reached:
            process.kill()
            process.wait()
            log.seek(0)
            pytest.fail(f"the run did not reach invoice {KILL_AT}:\n{log.read()}")
        while_stopped = invoices(database)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    return while_stopped


def invoices(database):
    return [
        (
            number,
            year,
            serial,
            code,
            kind,
            twelfths,
            Decimal(str(annual)),
            Decimal(str(amount)),
            ocr,
        )
        for number, year, serial, code, kind, twelfths, annual, amount, ocr in database.query(
            INVOICES_SQL
        )
    ]


def last_number(database):
    rows = database.query(
        "SELECT last_number FROM invoicing_invoicesequence WHERE year = %s", (YEAR,)
    )
    return rows[0][0] if rows else 0


@pytest.mark.parametrize("kill_where", ["in_transaction", "after_commit"])
def test_a_killed_run_run_again_issues_what_an_uninterrupted_run_does(copies, tmp_path, kill_where):
    uninterrupted, interrupted = copies("uninterrupted"), copies("interrupted")

    result = invoice_run(uninterrupted, tmp_path)
    assert result.returncode == 0, result.stderr
    expected = invoices(uninterrupted)
    assert len(expected) == 8
    assert [row[0] for row in expected] == [f"{YEAR}-{n:04d}" for n in range(1, 9)]
    assert {row[4] for row in expected} == {"first", "annual"}

    # Stopped at invoice KILL_AT: inside its transaction it is not committed yet, after the
    # commit it is.
    committed = KILL_AT - 1 if kill_where == "in_transaction" else KILL_AT
    while_stopped = killed_run(interrupted, tmp_path, kill_where=kill_where)
    assert while_stopped == expected[:committed]
    after_kill = invoices(interrupted)
    assert after_kill == expected[:committed]
    assert last_number(interrupted) == committed  # a number taken and rolled back is given back

    again = invoice_run(interrupted, tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"{8 - committed} fakturor utfärdade för {YEAR}" in again.stdout
    assert f"{committed} redan utfärdade" in again.stdout

    final = invoices(interrupted)
    assert final == expected  # same numbers, municipalities, kinds, amounts and OCR
    serials = [row[2] for row in final]
    assert serials == list(range(1, len(final) + 1))  # gapless from 1, no duplicate
    assert last_number(interrupted) == len(final)
