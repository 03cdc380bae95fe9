"""Confirming a year's cost pool (§ 6): the proposal is the previous year's × 1,02."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import format_amount

from .costs import proposal
from .models import CostPool, Invoice


@transaction.atomic
def set_pool(*, year: int, amount: Decimal, note: str, by) -> tuple[CostPool, Decimal | None]:
    """Confirm the pool of ``year``. Returns (pool, the proposal it was compared with).

    An amount other than the proposal needs a note. A year that has been invoiced keeps its pool:
    issued invoices never change, so neither does what they were computed from.
    """
    if amount < 0 or amount != amount.to_integral_value():
        raise ValueError(_("Kostnadsramen anges i hela kronor och kan inte vara negativ."))
    if Invoice.objects.filter(year=year).exists():
        raise ValueError(
            _("Det finns fakturor för %(year)s; kostnadsramen kan inte längre ändras.")
            % {"year": year}
        )
    proposed = proposal(year)
    if proposed is not None and amount != proposed and not note.strip():
        raise ValueError(
            _("%(amount)s avviker från förslaget %(proposed)s: ange en anteckning (--note).")
            % {"amount": format_amount(amount), "proposed": format_amount(proposed)}
        )
    pool, _created = CostPool.objects.update_or_create(
        year=year,
        defaults={
            "amount": amount,
            "note": note.strip(),
            "confirmed_by": by if by is not None and by.is_authenticated else None,
            "confirmed_at": timezone.now(),
        },
    )
    return pool, proposed
