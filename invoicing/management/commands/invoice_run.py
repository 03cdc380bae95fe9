import csv

from django.core.management.base import BaseCommand, CommandError

from core.management.arguments import iso_date
from core.money import format_amount
from invoicing import einvoice, services

HEADER = [
    "number",
    "kommunkod",
    "kommun",
    "kind",
    "twelfths",
    "annual_amount_kr",
    "amount_kr",
    "invoice_date",
    "due_date",
]


def _portion(p) -> str:
    """' 7/12', or under the offer's days rule '200 dagar'."""
    return f"{p.days} dagar" if p.days is not None else f"{p.twelfths:>2}/12"


class Command(BaseCommand):
    help = (
        "List every invoice due for YEAR (first invoices of agreements starting that year, annual "
        "invoices of agreements in force on 1 January) and issue them, unless --dry-run. Running "
        "again issues nothing new. A run is one offer's year: --offer names it when there are "
        "several."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--date", type=iso_date, help="invoice date (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="list, issue nothing")
        parser.add_argument(
            "--confirm-past-date",
            action="store_true",
            help=f"issue with a --date more than {services.PAST_DATE_DAYS} days back",
        )
        parser.add_argument("--format", choices=["text", "csv"], default="text")
        parser.add_argument(
            "--offer", metavar="SLUG", help="the offer's slug (needed when there are several)"
        )

    def handle(self, *args, year, date, dry_run, format, confirm_past_date, offer, **options):
        try:
            offer = services.choose_offer(offer)
        except services.OfferNotChosen as exc:
            raise CommandError(str(exc), returncode=1) from None
        past = services.past_date_problem(date) if date else None
        if past and not dry_run and not confirm_past_date:
            raise CommandError(
                f"{past} Ingenting utfärdades; kör igen med --confirm-past-date.", returncode=1
            )
        if dry_run:
            plan = services.plan_run(year, offer=offer, invoice_date=date)
            rows = [(None, p) for p in plan.planned]
        else:
            issued, plan = services.issue_run(year, offer=offer, invoice_date=date)
            rows = [(invoice.number, p) for invoice, p in zip(issued, plan.planned, strict=True)]
        for error in plan.errors:
            self.stderr.write(f"fel: {error}")
        warnings = einvoice.plan_warnings(plan)
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(HEADER)
            for number, p in rows:
                writer.writerow(
                    [
                        number or "",
                        p.municipality.code,
                        p.municipality.name,
                        p.kind,
                        p.twelfths,
                        int(p.annual_amount),
                        int(p.amount),
                        p.invoice_date.isoformat(),
                        p.due_date.isoformat(),
                    ]
                )
            # Standard output is the CSV as specified; what a person must read goes to stderr.
            for _number, p in rows:
                for warning in warnings.get(p.agreement.pk, []):
                    self.stderr.write(f"varning (e-faktura): {warning}")
            self.stderr.write(self._summary(year, rows, plan, dry_run))
        else:
            for number, p in rows:
                self.stdout.write(
                    f"{number or '(provkörning)':<14} {p.municipality.code} {p.municipality.name:<16} "
                    f"{p.kind:<7} {_portion(p)} av {format_amount(p.annual_amount):>12} = "
                    f"{format_amount(p.amount):>12}"
                )
                for warning in warnings.get(p.agreement.pk, []):
                    self.stdout.write(f"  varning (e-faktura): {warning}")
            self.stdout.write(self._summary(year, rows, plan, dry_run))
            if warnings:
                self.stdout.write(
                    f"{len(warnings)} fakturor kan inte skickas som e-faktura förrän det som "
                    "saknas är angivet."
                )
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} fel", returncode=1)

    @staticmethod
    def _summary(year, rows, plan, dry_run) -> str:
        verb = "skulle utfärdas" if dry_run else "utfärdade"
        summary = (
            f"{len(rows)} fakturor {verb} för {year}, summa {format_amount(plan.total)}; "
            f"{plan.already_issued} redan utfärdade."
        )
        if not rows and not plan.errors:
            summary += "\nInget nytt att fakturera."
        return summary
