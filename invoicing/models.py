from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CostPool(models.Model):
    """The year's cost pool of § 6, shared among the municipalities by population.

    A year without a pool is proposed as the previous year's × 1,02 (invoicing.costs.proposal)
    and must be confirmed, or overridden with a note, by the project leader before anything is
    invoiced for it.
    """

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    amount = models.DecimalField(
        _("belopp (kr)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("anteckning"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fastställd av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("fastställd"), auto_now_add=True)

    class Meta:
        verbose_name = _("kostnadsram")
        verbose_name_plural = _("kostnadsramar")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="cost_pool_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount} kr"
