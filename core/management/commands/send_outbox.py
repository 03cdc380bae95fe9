"""Send again every mail in the outbox that the mail server did not take (core/outbox.py). Run it
from cron every few minutes, and with the daily jobs (docs/operations.md):

    python manage.py send_outbox
"""

from django.core.management.base import BaseCommand

from core import outbox


class Command(BaseCommand):
    help = "Send the mails of the outbox that are not sent yet (failed or queued)."

    def handle(self, *args, **options):
        result = outbox.retry()
        self.stdout.write(f"{result.sent} skickade, {result.failed} misslyckades igen.")
