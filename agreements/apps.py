from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """Agreement templates, agreements, signing, notice and the pipeline (issue: agreements)."""

    name = "agreements"
    verbose_name = _("Avtal")
