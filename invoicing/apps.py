from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    """Invoices, runs and payments under § 6 (issue: invoicing)."""

    name = "invoicing"
    verbose_name = _("Fakturering")

    def ready(self):
        from offers.pools import register_pool_lock

        from .pool_lock import invoiced_pool_lock

        register_pool_lock(invoiced_pool_lock)
