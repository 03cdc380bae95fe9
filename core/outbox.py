"""The one outbox every mail of the product goes through (django-post-office).

:func:`send` stores each message (with its attachments: invoice PDFs, .ics files) as a
``post_office.Email`` row and then sends it at once through the mail server of ``EMAIL_URL``.
When that server fails, nothing is raised: the action that sent the mail stays saved, the mail
stays in the outbox with the status "failed" and the error, and :func:`retry` (``manage.py
send_outbox``, run by cron: docs/operations.md) sends it again later. The project leader reads
the outbox, with each mail's status, at /utkorg/ (core/views.py).

Mail that Django sends by itself goes the same way: ``EMAIL_BACKEND`` is the outbox too
(config/settings.py).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS, Email, Log

OUTBOX_BACKEND = "post_office.EmailBackend"

# What the outbox page calls each status.
STATUS_LABELS = {
    STATUS.sent: _("skickat"),
    STATUS.failed: _("misslyckades, skickas igen"),
    STATUS.queued: _("väntar"),
    STATUS.requeued: _("väntar på nytt försök"),
}
GAVE_UP = _("misslyckades, inga fler försök")

NOT_SENT = (STATUS.failed, STATUS.queued, STATUS.requeued)


def send(messages) -> int:
    """Store ``messages`` (Django EmailMessage objects) in the outbox and send them now. Returns
    how many were sent; a mail the server refused waits in the outbox, nothing is raised."""
    messages = list(messages)
    if not messages:
        return 0
    return get_connection(OUTBOX_BACKEND).send_messages(messages) or 0


def max_retries() -> int:
    return int(settings.POST_OFFICE.get("MAX_RETRIES", 0))


def due_for_retry(now: datetime.datetime | None = None):
    """The mails not sent yet that may be tried again, oldest first."""
    now = now or timezone.now()
    return (
        Email.objects.filter(status__in=NOT_SENT)
        .filter(Q(number_of_retries__isnull=True) | Q(number_of_retries__lt=max_retries()))
        .filter(Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("created", "pk")
    )


@dataclass
class Retry:
    sent: int = 0
    failed: int = 0


def retry(*, now: datetime.datetime | None = None) -> Retry:
    """Try every mail that is not sent yet once more (up to POST_OFFICE["MAX_RETRIES"] times)."""
    result = Retry()
    for email in due_for_retry(now):
        if email.dispatch() == STATUS.sent:
            result.sent += 1
        else:
            email.number_of_retries = (email.number_of_retries or 0) + 1
            email.save(update_fields=["number_of_retries"])
            result.failed += 1
    return result


def status_label(email: Email) -> str:
    if email.status == STATUS.failed and (email.number_of_retries or 0) >= max_retries():
        return GAVE_UP
    return STATUS_LABELS.get(email.status, _("väntar"))


def mails():
    """The outbox page's rows, newest first, with their number of attempts and last error: one
    query per page whatever its length."""
    last_error = (
        Log.objects.filter(email=OuterRef("pk"), status=STATUS.failed)
        .order_by("-date", "-pk")
        .values("message")[:1]
    )
    return (
        Email.objects.annotate(attempts=Count("logs"), last_error=Subquery(last_error))
        .only("to", "cc", "subject", "status", "created", "last_updated", "number_of_retries")
        .order_by("-created", "-pk")
    )


def count_not_sent() -> int:
    return Email.objects.filter(status__in=NOT_SENT).count()
