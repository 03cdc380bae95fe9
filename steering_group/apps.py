from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringGroupConfig(AppConfig):
    """The steering group, follow-up of use and training under § 4 and § 5 (issue: steering group)."""

    name = "steering_group"
    verbose_name = _("Styrgrupp")
