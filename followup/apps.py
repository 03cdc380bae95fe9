from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Follow-up of use (nyttjandegrad, § 5): aggregate counts per municipality, service and
    half-year, and the report the steering group reads."""

    name = "followup"
    verbose_name = _("Uppföljning")
