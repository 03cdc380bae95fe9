from django.core.management.base import BaseCommand

from agreements.reference_data import load_agreement_reference_data
from municipalities.reference_data import LoadReport, load_municipalities
from offers.reference_data import load_reference_data as load_offers

# Each app that owns reference data adds its loader here, in dependency order.
LOADERS = [load_municipalities, load_offers, load_agreement_reference_data]


class Command(BaseCommand):
    help = (
        "Load the reference data (municipalities, populations, …). Safe to run again: idempotent."
    )

    def handle(self, *args, **options):
        report = LoadReport()
        for loader in LOADERS:
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
