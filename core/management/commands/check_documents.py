"""manage.py check_documents: every stored document against the SHA-256 the database keeps for it.

For every model field that stores a file and has a fingerprint beside it (``pdf`` and
``pdf_sha256``, ``einvoice_xml`` and ``einvoice_sha256``, …), the file must exist under
MEDIA_ROOT and hash to that fingerprint. Run it after a restore (docs/operations.md); it exits 1
naming each document that is missing or does not match.
"""

import hashlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db.models import FileField


def fingerprinted_fields():
    """(model, file field name, fingerprint field name) for every fingerprinted file."""
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        for field in model._meta.concrete_fields:
            if not isinstance(field, FileField):
                continue
            for candidate in (f"{field.name}_sha256", f"{field.name.rsplit('_', 1)[0]}_sha256"):
                if candidate in names:
                    yield model, field.name, candidate
                    break


def sha256_of(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as stored:
        for chunk in iter(lambda: stored.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Check every stored document (PDFs, e-invoices) against its SHA-256 in the database."

    def handle(self, *args, **options):
        checked, problems = 0, []
        for model, file_name, sha_name in fingerprinted_fields():
            rows = model._default_manager.exclude(**{sha_name: ""}).exclude(**{file_name: ""})
            for row in rows.iterator():
                field_file = getattr(row, file_name)
                label = f"{model._meta.verbose_name} {row} ({field_file.name})"
                checked += 1
                try:
                    actual = sha256_of(field_file)
                except FileNotFoundError:
                    problems.append(f"saknas: {label}")
                    continue
                if actual != getattr(row, sha_name):
                    problems.append(f"stämmer inte med sitt fingeravtryck: {label}")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} av {checked} dokument saknas eller stämmer inte.")
        self.stdout.write(f"Alla {checked} lagrade dokument stämmer med sina fingeravtryck.")
