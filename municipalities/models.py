from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .orgnr import normalise_orgnr, validate_municipal_orgnr

COUNTIES = {
    # SCB's county code is the first two digits of the municipality code.
    "01": "Stockholms län",
    "09": "Gotlands län",
}


class Municipality(models.Model):
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden är fyra siffror."))],
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[validate_municipal_orgnr],
        help_text=_(
            "NNNNNN-NNNN; en kommuns nummer börjar med 2120. Krävs först när kommunen "
            "undertecknar avtalet."
        ),
    )
    county = models.CharField(_("län"), max_length=100)
    in_cost_base = models.BooleanField(
        _("ingår i befolkningsnyckeln"),
        default=True,
        help_text=_("Kommunen ingår i kostnadsfördelningen efter befolkning (§ 6)."),
    )
    is_host = models.BooleanField(
        _("värdkommun"), default=False, help_text=_("Stockholms stad, som driver verksamheterna.")
    )

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_host"], condition=models.Q(is_host=True), name="one_host_municipality"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.org_number:
            self.org_number = normalise_orgnr(self.org_number)
        super().save(*args, **kwargs)


class PopulationFigure(models.Model):
    """The population of a municipality on a reference date (SCB, 31 December)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="population_figures",
    )
    reference_date = models.DateField(_("per datum"))
    population = models.PositiveIntegerField(_("folkmängd"), validators=[MinValueValidator(1)])
    source = models.CharField(_("källa"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängder")
        ordering = ["-reference_date", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference_date"], name="one_figure_per_date"
            ),
            models.CheckConstraint(
                condition=models.Q(population__gt=0), name="population_positive"
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.reference_date:%Y-%m-%d}: {self.population}"
