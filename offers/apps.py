from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """The offer: its services, cost pools, cost table and the pure arithmetic of § 6 and § 11."""

    name = "offers"
    verbose_name = _("Erbjudanden")
