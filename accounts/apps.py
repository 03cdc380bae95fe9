from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, the five roles, login and the project leader's user administration."""

    name = "accounts"
    verbose_name = _("Konton")
