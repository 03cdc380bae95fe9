"""The dialogue with municipalities that have not joined: contact notes and residents met.

Residents met are counts only (BRIEF, "Privacy"): a municipality, a date, a service and a number.
Nothing here may ever describe a person who was met.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactStage(models.TextChoices):
    """Where the dialogue stands, as the project leader records it with a note."""

    IN_DIALOGUE = "i_dialog", _("i dialog")
    INTEREST = "intresseanmalan", _("intresseanmälan")


class ContactNote(models.Model):
    """One dated entry in the log of the project leader's dialogue with a municipality."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="contact_notes",
    )
    date = models.DateField(_("datum"))
    stage = models.CharField(_("läge"), max_length=20, choices=ContactStage.choices)
    text = models.TextField(
        _("anteckning"),
        help_text=_(
            "Om dialogen med kommunen: vem ni talade med, vad som sades, nästa steg. "
            "Skriv aldrig något om personer som verksamheterna har mött."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kontaktanteckning")
        verbose_name_plural = _("kontaktanteckningar")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "-date"], name="contactnote_latest")]

    def __str__(self):
        return f"{self.municipality} {self.date:%Y-%m-%d}: {self.get_stage_display()}"


class ResidentsMet(models.Model):
    """How many residents of a municipality a service met on a day: a count, never a person."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="residents_met",
    )
    date = models.DateField(_("datum"))
    service = models.ForeignKey(
        "offers.Service", verbose_name=_("verksamhet"), on_delete=models.PROTECT
    )
    count = models.PositiveIntegerField(
        _("antal personer"),
        validators=[MinValueValidator(1)],
        help_text=_(
            "Bara ett antal. Skriv aldrig namn, ålder eller något annat som kan peka ut en person."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("mötta invånare")
        verbose_name_plural = _("mötta invånare")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "date"], name="residentsmet_period")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="residents_met_count_positive"
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.date:%Y-%m-%d} {self.service}: {self.count}"
