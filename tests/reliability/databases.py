"""Copies of the test database that other processes can open, on SQLite and on PostgreSQL.

The tests that use them are transactional (their data is committed), so a copy holds it:

- SQLite: the test database lives in memory; the online backup API copies it into a file.
- PostgreSQL: CREATE DATABASE … TEMPLATE the test database (our own connection is closed first,
  as PostgreSQL requires no other session on the template).

Each copy is read with plain SQL through the driver, not through Django's connection (which stays
on the test database).
"""

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db import connection


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def postgres_url(name: str) -> str:
    s = connection.settings_dict
    user, password = quote(s["USER"] or "", safe=""), quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def postgres_connect(name: str, **kwargs):
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        user=s["USER"],
        password=s["PASSWORD"],
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        **kwargs,
    )


@dataclass
class Copy:
    url: str
    name: str  # the PostgreSQL database name, or the SQLite file

    def query(self, sql: str, params=()) -> list[tuple]:
        if is_postgresql():
            with postgres_connect(self.name) as db:
                return db.execute(sql, params).fetchall()
        with sqlite3.connect(self.name) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()

    def drop(self) -> None:
        if is_postgresql():
            drop_postgres_database(self.name)
        else:
            Path(self.name).unlink(missing_ok=True)


def create_postgres_database(name: str, *, template: str | None = None) -> None:
    with postgres_connect("postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            # PostgreSQL copies a template only when no one else is connected to it. Our own
            # connection is closed; what may be left are idle connections of threads of earlier
            # tests (the row-lock tests), which nothing will use again.
            db.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (template,),
            )
        db.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def drop_postgres_database(name: str) -> None:
    with postgres_connect("postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_of_test_database(label: str, folder: Path) -> Copy:
    if is_postgresql():
        name = f"{connection.settings_dict['NAME']}_{label}_{os.getpid()}"
        connection.close()
        create_postgres_database(name, template=connection.settings_dict["NAME"])
        return Copy(url=postgres_url(name), name=name)
    path = folder / f"{label}.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()
    return Copy(url=f"sqlite:///{path}", name=str(path))
