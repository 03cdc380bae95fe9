"""The data of every app, loaded from the top: each app owns its loaders, and the commands
``load_reference_data`` and ``load_demo_data`` (config/management/commands/) call them through
Django's app registry, in the order of INSTALLED_APPS (lower floors first), without importing
any app by name.

The convention, for an app that has such data:

- ``<app>/reference_data.py`` defines ``load_reference_data(report)``: it creates or updates the
  app's reference data and notes each row in ``report`` (core.loading.LoadReport). Safe to run
  again.
- ``<app>/demo.py`` defines ``load_demo_data(clock)``: the app's demo data, each step through the
  app's own services at the moment it would have happened (``clock``: core.demo.DemoClock).
  Running it again adds nothing. It may also define ``demo_summary()``, lines printed when the
  demo is loaded (the logins). A ``demo.py`` without ``load_demo_data`` (core's, which holds the
  clock) is passed over.

An app's loader may rely on the data of the apps installed before it, never on those after.
"""

from django.apps import apps
from django.utils.module_loading import import_module, module_has_submodule


def app_modules(name: str) -> list[tuple[str, object]]:
    """(app label, module) of each installed app that has the module ``<app>/<name>.py``, in the
    order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, name):
            found.append((config.label, import_module(f"{config.name}.{name}")))
    return found


def reference_data_loaders() -> list:
    return [
        module.load_reference_data
        for _label, module in app_modules("reference_data")
        if hasattr(module, "load_reference_data")
    ]


def demo_data_loaders() -> list:
    """Every app's load_demo_data, in order: the offers' pools are confirmed before any
    agreement is signed, the agreements before anything is invoiced, and so on."""
    return [
        module.load_demo_data
        for _label, module in app_modules("demo")
        if hasattr(module, "load_demo_data")
    ]


def demo_summaries() -> list[str]:
    return [
        line
        for _label, module in app_modules("demo")
        if hasattr(module, "demo_summary")
        for line in module.demo_summary()
    ]
