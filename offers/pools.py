"""Confirming a year's cost pool of an offer (§ 6): the proposal is the previous year's raised by
the offer's indexation percentage (× 1,02 in today's offer).

A pool from which invoices have been computed keeps its amount. The apps that compute from pools
(invoicing) sit above this one, so they tell it which years they have locked: each registers a
lock with :func:`register_pool_lock`, in its AppConfig.ready.
"""

from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import format_amount

from .costs import offer_or_default, proposal
from .models import CostPool, Offer

# A lock answers, for an offer and a year, why its pool can no longer change (None: it can).
PoolLock = Callable[[Offer, int], str | None]
_locks: list[PoolLock] = []


def register_pool_lock(lock: PoolLock) -> None:
    if lock not in _locks:
        _locks.append(lock)


def locked_reason(offer: Offer, year: int) -> str | None:
    """Why the offer's pool of ``year`` can no longer change, or None."""
    for lock in _locks:
        reason = lock(offer, year)
        if reason:
            return reason
    return None


@transaction.atomic
def set_pool(
    *, year: int, amount: Decimal, note: str, by, offer: Offer | None = None
) -> tuple[CostPool, Decimal | None]:
    """Confirm the pool of ``year``. Returns (pool, the proposal it was compared with).

    An amount other than the proposal needs a note. A year that has been invoiced keeps its pool:
    issued invoices never change, so neither does what they were computed from.
    """
    offer = offer_or_default(offer)
    if amount < 0 or amount != amount.to_integral_value():
        raise ValueError(_("Kostnadsramen anges i hela kronor och kan inte vara negativ."))
    reason = locked_reason(offer, year)
    if reason:
        raise ValueError(reason)
    proposed = proposal(year, offer=offer)
    if proposed is not None and amount != proposed and not note.strip():
        raise ValueError(
            _("%(amount)s avviker från förslaget %(proposed)s: ange en anteckning (--note).")
            % {"amount": format_amount(amount), "proposed": format_amount(proposed)}
        )
    pool, _created = CostPool.objects.update_or_create(
        offer=offer,
        year=year,
        defaults={
            "amount": amount,
            "note": note.strip(),
            "confirmed_by": by if by is not None and by.is_authenticated else None,
            "confirmed_at": timezone.now(),
        },
    )
    return pool, proposed
