from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from invoicing import einvoice_documents


class Command(BaseCommand):
    help = (
        "Write the e-invoice (Peppol BIS Billing 3.0, UBL 2.1 XML) of every invoice and credit "
        "note concerning YEAR into DIR, one file each, exactly as stored (built, checked and "
        "stored the first time). Lists those that cannot be built and why, and then exits 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--output", required=True, type=Path, help="folder to write to")

    def handle(self, *args, year, output, **options):
        if output.exists() and not output.is_dir():
            raise CommandError(f"--output {output} is not a folder")
        built, not_built = einvoice_documents.year_xml(year)
        if not built and not not_built:
            raise CommandError(f"No invoices concern {year}.", returncode=1)
        output.mkdir(parents=True, exist_ok=True)
        for invoice, data in built:
            (output / einvoice_documents.xml_filename(invoice)).write_bytes(data)
            self.stdout.write(f"{einvoice_documents.xml_filename(invoice)}")
        self.stdout.write(f"{len(built)} e-fakturor skrivna till {output}.")
        for invoice, reasons in not_built:
            name = invoice.snapshot.get("municipality_name", "")
            self.stderr.write(f"kan inte skapas: {invoice.number} {name}: {' '.join(reasons)}")
        if not_built:
            raise CommandError(f"{len(not_built)} e-fakturor kunde inte skapas", returncode=1)
