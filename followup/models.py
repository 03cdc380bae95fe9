"""Follow-up of use (nyttjandegrad, § 5): aggregate counts, never anything about a person.

One :class:`UsageFigure` per municipality, service and half-year holds four counts: individuals
supported, contacts, consultations given to the municipality's professionals and participants in
training. There is deliberately no free-text field: nothing here can hold data about a client.
Who last changed a row, and when, is kept on the row (``entered_by``, ``updated_at``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The agreement was first offered for 2021: no figures before that.
FIRST_YEAR = 2021
LAST_YEAR = 2100
# A count above this is a typing error, not a half-year's use of three small services.
MAX_COUNT = 1_000_000


class Half(models.IntegerChoices):
    FIRST = 1, _("första halvåret (januari–juni)")
    SECOND = 2, _("andra halvåret (juli–december)")


# The four counts, in the order every form, file and table shows them.
COUNT_FIELDS = ("individuals_supported", "contacts", "consultations", "training_participants")


def count_labels() -> dict[str, str]:
    return {name: UsageFigure._meta.get_field(name).verbose_name for name in COUNT_FIELDS}


def _count(label):
    return models.PositiveIntegerField(
        label, default=0, validators=[MinValueValidator(0), MaxValueValidator(MAX_COUNT)]
    )


class UsageFigure(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="usage_figures",
    )
    service = models.ForeignKey(
        "offers.Service",
        verbose_name=_("verksamhet"),
        on_delete=models.PROTECT,
        related_name="usage_figures",
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    half = models.PositiveSmallIntegerField(_("halvår"), choices=Half.choices)
    individuals_supported = _count(_("stödda individer"))
    contacts = _count(_("kontakter"))
    consultations = _count(_("konsultationer till yrkesverksamma"))
    training_participants = _count(_("deltagare i utbildning"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("senast ändrad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("nyttjandesiffra")
        verbose_name_plural = _("nyttjandesiffror")
        ordering = ["year", "half", "municipality__name", "service__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service", "year", "half"],
                name="one_usage_figure_per_period",
            ),
            models.CheckConstraint(condition=models.Q(half__in=[1, 2]), name="usage_half_1_or_2"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="usage_year_in_range",
            ),
            # PositiveIntegerField checks >= 0 on PostgreSQL and SQLite alike; the upper bound is
            # ours.
            models.CheckConstraint(
                condition=models.Q(
                    individuals_supported__lte=MAX_COUNT,
                    contacts__lte=MAX_COUNT,
                    consultations__lte=MAX_COUNT,
                    training_participants__lte=MAX_COUNT,
                ),
                name="usage_counts_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.service} {self.year}:{self.half}"

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_FIELDS}
