import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from config.loading import demo_data_loaders, demo_summaries
from core.demo import DemoClock

# The demo's people have made-up addresses: the mails its steps would send go nowhere.
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Demo data as the city's 2022 report describes it: one demo user per role, the fifteen "
        "municipalities that had joined with agreements signed in 2021, cost pools, invoices and "
        "payments through this year, the steering group with approved minutes, follow-up figures "
        "and training. Running it again adds nothing. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo_data is for development only: it refuses to run when DEBUG is off."
            )
        if not apps.get_model("municipalities", "Municipality").objects.exists():
            raise CommandError(
                "Run load_reference_data first: the demo contacts need their municipalities."
            )
        try:
            import time_machine  # noqa: F401  (core/demo.py moves the clock with it)
        except ImportError as exc:
            raise CommandError(
                "load_demo_data needs the dev extra (time-machine): pip install -e '.[dev]'."
            ) from exc
        started = time.perf_counter()
        self.stdout.write(
            "Läser in demodata. Första gången tar det en stund: avtal, fakturor och protokoll "
            "får sina PDF:er som i verklig användning."
        )
        clock = DemoClock()  # "now", read once: every moment of the demo is derived from it
        # The demo's mails are stored in the outbox as sent, as real use would leave them, but
        # the outbox's mail server is one that discards them: the addresses are made up.
        no_mail = {**settings.POST_OFFICE, "BACKENDS": {"default": NO_MAIL}}
        with override_settings(POST_OFFICE=no_mail):
            # Each app's own loader, lower floors first (config/loading.py).
            for loader in demo_data_loaders():
                loader(clock)
        self.stdout.write(f"Demodata klar på {time.perf_counter() - started:.1f} s.")
        for line in demo_summaries():
            self.stdout.write(line)
