"""Backup and restore as docs/operations.md describes them: the database (pg_dump -Fc and
pg_restore on PostgreSQL; SQLite's online backup API otherwise) and MEDIA_ROOT (a plain copy).

A restored copy, in a new empty database and a new media folder, holds every agreement, invoice
and PDF fingerprint again, and every stored file matches its SHA-256.
"""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from agreements.models import Agreement
from invoicing import documents, services
from invoicing.models import Invoice
from tests.clock import on

from .data import CODES, confirmed_pools, in_force, signed_by_both
from .databases import (
    Copy,
    create_postgres_database,
    is_postgresql,
    postgres_url,
)

# Committed data (other processes read it). No serialized rollback: after another transactional
# test's flush it would load content types that the flush has already made again (a unique
# violation on PostgreSQL); what the test needs (roles, reference data) its fixtures make.
pytestmark = pytest.mark.django_db(transaction=True)

AGREEMENTS_SQL = """
    SELECT a.id, m.code, a.status, a.start_date, a.content_sha256, a.pdf, a.pdf_sha256
    FROM agreements_agreement a JOIN municipalities_municipality m ON m.id = a.municipality_id
    ORDER BY a.id
"""
INVOICES_SQL = """
    SELECT i.number, m.code, i.amount, i.ocr, i.pdf, i.pdf_sha256
    FROM invoicing_invoice i JOIN municipalities_municipality m ON m.id = i.municipality_id
    ORDER BY i.number
"""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump_and_restore(tmp_path) -> Copy:
    """The database backed up and restored into a new, empty one, as docs/operations.md says."""
    if is_postgresql():
        if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
            pytest.skip("pg_dump/pg_restore are not on PATH")
        s = connection.settings_dict
        dump = tmp_path / "kommunavtal.dump"
        environment = {"PGPASSWORD": s["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
        common = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]]
        subprocess.run(
            ["pg_dump", "-Fc", *common, "-f", str(dump), s["NAME"]], env=environment, check=True
        )
        restored = f"{s['NAME']}_restored"
        create_postgres_database(restored)  # empty (from template1)
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *common, "-d", restored, str(dump)],
            env=environment,
            check=True,
        )
        return Copy(url=postgres_url(restored), name=restored)
    # SQLite: the online backup API (sqlite3's `.backup`), then that file into an empty one.
    backup, restored = tmp_path / "backup.sqlite3", tmp_path / "restored.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(backup) as target:
        connection.connection.backup(target)
    target.close()
    source, target = sqlite3.connect(backup), sqlite3.connect(restored)
    assert target.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)  # empty
    source.backup(target)
    source.close()
    target.close()
    return Copy(url=f"sqlite:///{restored}", name=str(restored))


def manage(database, media, *arguments):
    """manage.py against the restored database and media folder, in a process of its own."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            # Production's settings, as an operator restoring would run it.
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": "restore-test-" + "x" * 40,
            "DATABASE_URL": database.url,
            "MEDIA_ROOT": str(media),
        },
        capture_output=True,
        text=True,
    )


# Agreements signed today and three in force since 1 January: one year's run invoices all five
# only when today's signing does not start the agreement in the next year.
@on("2026-05-12")
def test_a_restored_backup_has_every_agreement_invoice_and_pdf(users, tmp_path, media_root):
    confirmed_pools()
    signed = [
        signed_by_both("0160", users=users, contact=users["contact_taby"]),
        signed_by_both("0182", users=users, contact=users["contact_nacka"]),
    ]
    for code in CODES[:3]:
        in_force(code, start=signed[0].start_date.replace(month=1, day=1), by=users["finance"])
    issued, _plan = services.issue_run(signed[0].start_date.year)
    for invoice in issued:
        documents.ensure_pdf(invoice)
    agreements = list(Agreement.objects.order_by("id"))
    invoices = list(Invoice.objects.order_by("number"))
    assert len(agreements) == 5 and len(invoices) == 5
    assert all(a.pdf_sha256 for a in signed) and all(i.pdf_sha256 for i in invoices)

    restored = dump_and_restore(tmp_path)
    restored_media = tmp_path / "restored-media"
    shutil.copytree(media_root, restored_media)  # MEDIA_ROOT is backed up and restored as files
    try:
        rows = restored.query(AGREEMENTS_SQL)
        assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in rows] == [
            (a.pk, a.municipality.code, a.status, a.content_sha256, a.pdf.name, a.pdf_sha256)
            for a in agreements
        ]
        rows = restored.query(INVOICES_SQL)
        assert [(r[0], r[1], r[3], r[4], r[5]) for r in rows] == [
            (i.number, i.municipality.code, i.ocr, i.pdf.name, i.pdf_sha256) for i in invoices
        ]
        # Every stored PDF is there again and is what its fingerprint says.
        stored = [(r[5], r[6]) for r in restored.query(AGREEMENTS_SQL) if r[5]]
        stored += [(r[4], r[5]) for r in restored.query(INVOICES_SQL) if r[4]]
        assert len(stored) == 7
        for name, fingerprint in stored:
            assert sha256_of(restored_media / name) == fingerprint, name

        # The restored database is complete (every migration applied), and check_documents
        # finds every stored document matching its fingerprint, then names one that does not.
        assert manage(restored, restored_media, "migrate", "--check").returncode == 0
        checked = manage(restored, restored_media, "check_documents")
        assert checked.returncode == 0, checked.stderr
        assert "Alla 7 lagrade dokument stämmer med sina fingeravtryck." in checked.stdout
        (restored_media / invoices[0].pdf.name).write_bytes(b"%PDF-1.7 something else")
        checked = manage(restored, restored_media, "check_documents")
        assert checked.returncode == 1
        assert (
            f"stämmer inte med sitt fingeravtryck: faktura {invoices[0].number}" in checked.stderr
        )
    finally:
        restored.drop()
