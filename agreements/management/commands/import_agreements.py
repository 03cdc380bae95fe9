from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agreements import paper


class Command(BaseCommand):
    help = (
        "Import agreements signed on paper (XLSX or CSV with the header row "
        "kommunkod,start_date,signed_on,end_date,notice_date). All or nothing: if any row is bad, "
        "nothing is written and exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        rows, errors = paper.check_file(content, file.name)
        if not errors:
            try:
                agreements = paper.import_rows(rows, by=None)
            except paper.PaperImportError as exc:
                errors = exc.errors
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(errors)} fel; inget har sparats.")
            raise CommandError("import aborted", returncode=1)
        self.stdout.write(paper.summary(agreements))
