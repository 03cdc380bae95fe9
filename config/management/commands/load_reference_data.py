from django.core.management.base import BaseCommand

from config.loading import reference_data_loaders
from core.loading import LoadReport


class Command(BaseCommand):
    help = (
        "Load the reference data (municipalities, populations, …). Safe to run again: idempotent."
    )

    def handle(self, *args, **options):
        report = LoadReport()
        # Each app that owns reference data has its loader, in the order of INSTALLED_APPS.
        for loader in reference_data_loaders():
            loader(report)
        for label in report.created:
            self.stdout.write(f"skapad: {label}")
        for label in report.updated:
            self.stdout.write(f"uppdaterad: {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Referensdata: {len(report.created)} skapade, {len(report.updated)} uppdaterade, "
                f"{report.unchanged} oförändrade."
            )
        )
