from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, DEMO_USERS, confirm_demo_pools, load_demo_users
from agreements.demo import fill_demo_city_contacts
from followup.demo import load_demo_followup
from municipalities.models import Municipality
from steering_group.demo import load_demo_steering_group
from training.demo import load_demo_training


class Command(BaseCommand):
    help = "Create one demo user per role (password printed). Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo_data is for development only: it refuses to run when DEBUG is off."
            )
        if not Municipality.objects.exists():
            raise CommandError(
                "Run load_reference_data first: the demo contacts need their municipalities."
            )
        load_demo_users()
        fill_demo_city_contacts()  # before any demo agreement is sent or signed
        confirm_demo_pools(timezone.localdate().year + 1)
        load_demo_steering_group()
        load_demo_training()
        load_demo_followup()
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for username, _first, _last, _title, role, code in DEMO_USERS:
            where = f" ({Municipality.objects.get(code=code).name})" if code else ""
            self.stdout.write(f"  {username:<16} {role.label}{where}")
