from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    """Cost pools, the cost table, invoices and payments under § 6 (issue: invoicing)."""

    name = "invoicing"
    verbose_name = _("Fakturering")
