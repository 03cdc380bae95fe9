"""The roles, as the apps have always imported them; they live in core.roles (a plain vocabulary
that municipalities, which accounts builds on, names too)."""

from core.roles import CITY_ROLES, Role

__all__ = ["CITY_ROLES", "Role"]
