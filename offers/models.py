"""The offer (erbjudande) and what belongs to it: services, cost pools and special annual amounts.

An installation can hold several offers; today it holds one. Until every caller names its offer,
``Offer.objects.default()`` is the one offer of a single-offer installation, and the offer fields
of services, pools and special amounts default to it.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import format_amount


class FirstYearRule(models.TextChoices):
    """How the first invoice of the start year is computed (§ 6)."""

    TWELFTHS = "twelfths", _("Återstående tolftedelar (senare hälften av månaden: nästa månad)")
    FULL_YEAR = "full_year", _("Helt år")
    DAYS = "days", _("Efter dagar")


class OfferQuerySet(models.QuerySet):
    def default(self) -> "Offer":
        """The offer of a single-offer installation (the first one created).

        Raises Offer.DoesNotExist when there is none (the reference data has not been loaded).
        """
        offer = self.order_by("pk").first()
        if offer is None:
            raise Offer.DoesNotExist(_("Det finns inget erbjudande. Läs in referensdata först."))
        return offer


class Offer(models.Model):
    """A county-wide offer of the host city, shared among the municipalities by population."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnamn"), max_length=50, unique=True)
    host_party = models.TextField(
        _("värdens partsuppgifter"),
        help_text=_("Värdstadens förvaltning och organisationsnummer, som i avtalets § 1."),
    )
    indexation_percent = models.DecimalField(
        _("årlig uppräkning (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    population_date = models.DateField(
        _("befolkningsnyckelns datum"),
        help_text=_("Den dag vars folkmängd kostnaden fördelas efter."),
    )
    cost_base = models.ManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("kommuner i befolkningsnyckeln"),
        related_name="cost_base_offers",
        blank=True,
    )
    payment_term_days = models.PositiveSmallIntegerField(_("betalningsvillkor (dagar)"), default=30)
    first_year_rule = models.CharField(
        _("första årets faktura"),
        max_length=20,
        choices=FirstYearRule.choices,
        default=FirstYearRule.TWELFTHS,
    )
    has_steering_group = models.BooleanField(_("har styrgrupp"), default=True)
    has_followup = models.BooleanField(_("har uppföljning"), default=True)
    has_training = models.BooleanField(_("har utbildning"), default=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("erbjudande")
        verbose_name_plural = _("erbjudanden")
        ordering = ["name"]

    def __str__(self):
        return self.name


def default_offer_id() -> int | None:
    """The pk of the single offer, the default of the offer fields below; None without an offer
    (then saving a row without an explicit offer fails, as it should)."""
    offer = Offer.objects.order_by("pk").only("pk").first()
    return offer.pk if offer is not None else None


class Service(models.Model):
    """One of the services of an offer (§ 3)."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="services",
        default=default_offer_id,
    )
    code = models.SlugField(_("kod"))
    name = models.CharField(_("namn"), max_length=100)
    positions = models.PositiveSmallIntegerField(_("antal anställningar"))
    description = models.TextField(_("beskrivning"))
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("verksamhet")
        verbose_name_plural = _("verksamheter")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="one_service_code_per_offer")
        ]

    def __str__(self):
        return self.name


class CostPool(models.Model):
    """The year's cost pool of an offer (§ 6), shared among the municipalities by population.

    A year without a pool is proposed as the previous year's indexed by the offer's percentage
    (offers.costs.proposal) and must be confirmed, or overridden with a note, by the project
    leader before anything is invoiced for it.
    """

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="cost_pools",
        default=default_offer_id,
    )
    year = models.PositiveSmallIntegerField(_("år"))
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
    confirmed_at = models.DateTimeField(_("fastställd"), default=timezone.now)

    class Meta:
        verbose_name = _("kostnadsram")
        verbose_name_plural = _("kostnadsramar")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="cost_pool_not_negative"
            ),
            models.UniqueConstraint(fields=["offer", "year"], name="one_cost_pool_per_offer_year"),
        ]

    def __str__(self):
        return f"{self.year}: {format_amount(self.amount)}"


class SpecialAnnualAmount(models.Model):
    """An explicit annual amount of an offer for a municipality outside its cost base (Gotland)."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="special_annual_amounts",
        default=default_offer_id,
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", verbose_name=_("kommun"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(
        _("årsbelopp (kr)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("anteckning"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("särskilt årsbelopp")
        verbose_name_plural = _("särskilda årsbelopp")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "municipality", "year"], name="one_special_amount"
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {format_amount(self.amount)}"


# Today's offer, as the agreement and the reference data describe it.
TODAY_OFFER = {
    "name": "Mikamottagningen, KAST och regionkoordinatorer",
    "slug": "mikamottagningen-kast-regionkoordinatorer",
    "host_party": "Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
    "indexation_percent": Decimal("2.00"),
    "population_date": datetime.date(2018, 12, 31),
    "payment_term_days": 30,
    "first_year_rule": FirstYearRule.TWELFTHS,
    "has_steering_group": True,
    "has_followup": True,
    "has_training": True,
}
