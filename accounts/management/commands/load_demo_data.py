import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from accounts.demo import (
    DEMO_CONTACTS,
    DEMO_PASSWORD,
    DEMO_USERS,
    load_demo_contacts,
    load_demo_users,
)
from agreements.demo import fill_demo_city_contacts, load_demo_agreements
from core.demo import DemoClock
from followup.demo import load_demo_followup
from invoicing.demo import confirm_demo_pools, issue_demo_invoices, pay_demo_invoices
from municipalities.models import Municipality
from steering_group.demo import load_demo_steering_group
from training.demo import load_demo_training

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
        if not Municipality.objects.exists():
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
        load_demo_users()
        load_demo_contacts()
        fill_demo_city_contacts()  # before any demo agreement is sent or signed
        # The demo's mails are stored in the outbox as sent, as real use would leave them, but
        # the outbox's mail server is one that discards them: the addresses are made up.
        no_mail = {**settings.POST_OFFICE, "BACKENDS": {"default": NO_MAIL}}
        with override_settings(POST_OFFICE=no_mail):
            confirm_demo_pools(clock)
            load_demo_agreements(clock)
            issue_demo_invoices(clock)
            pay_demo_invoices(clock)
            load_demo_steering_group(clock)
            load_demo_training(clock)
            load_demo_followup(clock)
        self.stdout.write(f"Demodata klar på {time.perf_counter() - started:.1f} s.")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for username, _first, _last, _title, role, code in DEMO_USERS:
            where = f" ({Municipality.objects.get(code=code).name})" if code else ""
            self.stdout.write(f"  {username:<16} {role.label}{where}")
        self.stdout.write(
            "  Kommunkontakter för de övriga kommunerna: "
            + ", ".join(username for username, *_rest in DEMO_CONTACTS)
        )
