from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import CITY_ROLES, Role


class User(AbstractUser):
    """A person who logs in. Roles are groups; a municipal contact belongs to one municipality."""

    email = models.EmailField(_("e-post"), blank=True)
    title = models.CharField(_("titel"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Krävs för en kommunkontakt, som bara ser sin egen kommun."),
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            # Login by e-mail must name one person only.
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[Role]:
        """The roles of this user, read once per request."""
        if not self.is_active:
            return frozenset()
        names = {g.name for g in self.groups.all()}
        return frozenset(role for role in Role if role.value in names)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_city_staff(self) -> bool:
        """Stockholm city staff see every municipality."""
        return bool(self.roles & CITY_ROLES)

    @property
    def is_municipal_contact(self) -> bool:
        return Role.MUNICIPAL_CONTACT in self.roles

    def clean(self):
        super().clean()
        if self.email:
            clash = User.objects.filter(email__iexact=self.email).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"email": _("Det finns redan en användare med den e-posten.")}
                )


def validate_role_municipality(roles, municipality):
    """A municipal contact belongs to exactly one municipality; other roles to none."""
    if Role.MUNICIPAL_CONTACT in roles and municipality is None:
        raise ValidationError({"municipality": _("En kommunkontakt måste höra till en kommun.")})
    if Role.MUNICIPAL_CONTACT not in roles and municipality is not None:
        raise ValidationError({"municipality": _("Bara en kommunkontakt kan höra till en kommun.")})
