from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: money, pagination, the layout's template tags."""

    name = "core"
    verbose_name = "Gemensamt"
