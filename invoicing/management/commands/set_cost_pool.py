from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from core.money import format_amount
from invoicing.services import OfferNotChosen, choose_offer
from offers.pools import set_pool


class Command(BaseCommand):
    help = "Confirm (or override, with a note) the cost pool of a year, in whole kronor."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("amount", help="whole kronor, e.g. 4080000")
        parser.add_argument("--note", default="", help="why; required when overriding a proposal")
        parser.add_argument(
            "--offer", metavar="SLUG", help="the offer's slug (needed when there are several)"
        )

    def handle(self, *args, year, amount, note, offer, **options):
        try:
            offer = choose_offer(offer)
        except OfferNotChosen as exc:
            raise CommandError(str(exc)) from None
        try:
            value = Decimal(amount.replace(" ", "").replace("\u00a0", ""))
        except InvalidOperation as exc:
            raise CommandError(f"amount must be a number of kronor, not {amount!r}") from exc
        try:
            pool, proposed = set_pool(year=year, amount=value, note=note, by=None, offer=offer)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Kostnadsram {year}: {format_amount(pool.amount)} fastställd"
            + (f" (förslag var {format_amount(proposed)})" if proposed is not None else "")
            + "."
        )
