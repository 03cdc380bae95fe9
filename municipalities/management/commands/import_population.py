import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.management.arguments import iso_date
from municipalities import population_import


class Command(BaseCommand):
    help = (
        "Import SCB's population table (XLSX or CSV: code, name, population) for a reference "
        "date. All or nothing: if any row is bad, nothing is written and exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--date", required=True, type=iso_date, help="reference date, e.g. 2024-12-31"
        )
        parser.add_argument("--source", default="", help="where the figures come from")

    def handle(self, *args, file: Path, date: datetime.date, source: str, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        rows, errors = population_import.check_file(content, file.name)
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(errors)} fel; inget har sparats.")
            raise CommandError("import aborted", returncode=1)
        source = source or f"SCB, {file.name}"
        created, updated = population_import.apply(rows, date, source)
        self.stdout.write(
            f"{len(rows)} kommuner per {date:%Y-%m-%d}: {created} nya, {updated} uppdaterade."
        )
