from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The top floor: settings, URLs, the start page and the commands that load every app's data
    (config/loading.py). It may use every app; no app uses it."""

    name = "config"
    label = "config"
    verbose_name = "kommunavtal"
