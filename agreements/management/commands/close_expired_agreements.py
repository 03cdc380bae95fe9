"""Move agreements whose end date has passed to avslutat. Run it daily (cron):

    python manage.py close_expired_agreements

Pages show an agreement past its end as avslutat already (Agreement.display_status); this makes
the stored status follow, with a row in the agreement's history, so that lists filtered by status
and the steering group's "agreement in force" agree with the dates. The day of the end date itself
still counts as in force, so an agreement ending on 31 December is closed on 1 January.
"""

from django.core.management.base import BaseCommand

from agreements.services import close_expired
from core.management.arguments import iso_date


class Command(BaseCommand):
    help = "Set every agreement whose end date has passed to avslutat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=iso_date,
            help="Act as if today were this date (YYYY-MM-DD); for tests and catch-up.",
        )

    def handle(self, *args, **options):
        today = options["date"]
        ended = close_expired(today=today)
        for agreement in ended:
            self.stdout.write(f"avslutat: {agreement}")
        self.stdout.write(f"{len(ended)} avtal avslutade.")
