"""The five roles. Each is a Django group, created by a migration; a user may hold several.

A plain vocabulary with no dependency of its own, which every app names (accounts holds the users
and their groups): so it sits at the bottom, where municipalities, below the people, may name a
role too. ``accounts.roles`` gives the same names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROJECT_LEADER = "Projektledare", _("Projektledare")
    FINANCE = "Ekonomi", _("Ekonomi")
    SIGNATORY = "Socialdirektör", _("Socialdirektör")
    MUNICIPAL_CONTACT = "Kommunkontakt", _("Kommunkontakt")
    STEERING_GROUP_MEMBER = "Styrgruppsledamot", _("Styrgruppsledamot")


# Roles held by Stockholm city's own staff: they see every municipality.
CITY_ROLES = frozenset({Role.PROJECT_LEADER, Role.FINANCE, Role.SIGNATORY})
