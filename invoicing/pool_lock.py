"""What invoicing tells offers.pools: a year with invoices keeps its cost pool."""

from django.utils.translation import gettext as _

from .models import Invoice


def invoiced_pool_lock(offer, year: int) -> str | None:
    """Issued invoices never change, so neither does the pool they were computed from: the
    offer's own invoices of the year, not another offer's."""
    if Invoice.objects.filter(year=year, agreement__offer=offer).exists():
        return _("Det finns fakturor för %(year)s; kostnadsramen kan inte längre ändras.") % {
            "year": year
        }
    return None
