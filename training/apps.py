from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training for the staff of joined municipalities (§ 4): sessions, registrations with a
    waiting list, confirmations with an .ics file, attendance and participants per year."""

    name = "training"
    verbose_name = _("Utbildning")
