import csv

from django.core.management.base import BaseCommand, CommandError

from core.money import format_amount
from invoicing.services import OfferNotChosen, choose_offer
from offers.costs import PoolNotConfirmed, cost_table


class Command(BaseCommand):
    help = "Print the cost table (Bilaga) of a year with a confirmed pool."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["csv", "text"], default="text")
        parser.add_argument(
            "--offer", metavar="SLUG", help="the offer's slug (needed when there are several)"
        )

    def handle(self, *args, year, format, offer, **options):
        try:
            offer = choose_offer(offer)
        except OfferNotChosen as exc:
            raise CommandError(str(exc), returncode=1) from None
        try:
            table = cost_table(year, offer=offer)
        except PoolNotConfirmed as exc:
            proposed = format_amount(exc.proposed) if exc.proposed is not None else "inget förslag"
            raise CommandError(
                f"Kostnadsramen för {year} är inte fastställd (förslag: {proposed}). "
                f"Fastställ den med: manage.py set_cost_pool {year} BELOPP --note TEXT",
                returncode=1,
            ) from exc
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["kommunkod", "kommun", "population", "share_percent", "amount_kr"])
            for r in table.rows:
                writer.writerow(
                    [
                        r.municipality.code,
                        r.municipality.name,
                        r.population,
                        f"{r.share_percent:.2f}",
                        int(r.amount),
                    ]
                )
            writer.writerow(["", "Summa", table.county_total, "100.00", int(table.pool)])
            return
        self.stdout.write(f"Kostnadsfördelning {year}")
        for r in table.rows:
            self.stdout.write(
                f"{r.municipality.name:<16} {r.population:>9} "
                f"{str(r.share_percent).replace('.', ','):>6} % {format_amount(r.amount):>13}"
            )
        self.stdout.write(
            f"{'Summa':<16} {table.county_total:>9} {'100,00':>6} % {format_amount(table.pool):>13}"
        )
