"""Keep the Styrgruppsledamot role in step with this year's steering group. Run it daily (cron):

    python manage.py sync_steering_group_roles

On 1 January last year's members lose the role and this year's get it; a member whose user
account was created after they were chosen is linked to it by e-mail.

With several offers it takes no ``--offer``: the role is one for every steering group (a person
who sits in any offer's group this year holds it), so syncing it for one offer alone would take
it from the members of the others.
"""

from django.core.management.base import BaseCommand

from core.management.arguments import iso_date
from steering_group.services import sync_roles


class Command(BaseCommand):
    help = "Give the Styrgruppsledamot role to this year's members and take it from everyone else."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=iso_date,
            help="Act as if today were this date (YYYY-MM-DD); for tests and catch-up.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change, change nothing."
        )

    def handle(self, *args, **options):
        today = options["date"]
        result = sync_roles(today=today, dry_run=options["dry_run"])
        prefix = "(provkörning) " if options["dry_run"] else ""
        for membership in result.linked:
            self.stdout.write(f"{prefix}kopplad till konto: {membership.name} <{membership.email}>")
        for user in result.added:
            self.stdout.write(f"{prefix}fick rollen Styrgruppsledamot: {user.username}")
        for user in result.removed:
            self.stdout.write(f"{prefix}förlorade rollen Styrgruppsledamot: {user.username}")
        self.stdout.write(
            f"{prefix}{len(result.added)} tillagda, {len(result.removed)} borttagna, "
            f"{len(result.linked)} kopplade."
        )
