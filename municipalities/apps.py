from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    """The county's municipalities and their population figures (the cost key of § 6)."""

    name = "municipalities"
    verbose_name = _("Kommuner")
