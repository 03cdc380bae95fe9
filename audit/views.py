"""The audit history, for the project leader: who changed what, and when; and the outbox of
every mail the product sends, with its status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from post_office.models import STATUS

from accounts.roles import Role
from core import outbox
from core.pagination import paginate

from . import selectors


def can_read_history(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


@require_safe
def history(request):
    if not can_read_history(request.user):
        raise PermissionDenied
    kind = selectors.kind_for(request.GET.get("typ"))
    page = paginate(request, selectors.versions(kind))
    return render(
        request,
        "audit/history.html",
        {
            "kinds": selectors.KINDS,
            "kind": kind,
            "page": page,
            "changes": selectors.changes(kind, page.object_list),
            "columns": [_("Tid"), _("Vem"), _("Ändring"), _("Vad"), _("Ändrade fält")],
        },
    )


# --- The outbox of mails (core/outbox.py) --------------------------------------------------


@require_safe
def outbox_list(request):
    """Every mail the product has sent or tries to send, newest first, with its status: the
    project leader's alone, as the history is."""
    if not can_read_history(request.user):
        raise PermissionDenied
    page = paginate(request, outbox.mails())
    for email in page.object_list:
        email.status_label = outbox.status_label(email)
        email.is_sent = email.status == STATUS.sent
    return render(
        request,
        "audit/outbox.html",
        {
            "page": page,
            "not_sent": outbox.count_not_sent(),
            "columns": [
                _("Skapat"),
                _("Till"),
                _("Ämne"),
                _("Status"),
                _("Försök"),
                _("Senaste fel"),
            ],
        },
    )


@require_POST
def outbox_retry(request):
    """Send the mails not sent yet once more, now, as `manage.py send_outbox` does."""
    if not can_read_history(request.user):
        raise PermissionDenied
    result = outbox.retry()
    if result.failed:
        messages.error(
            request,
            _("%(sent)s e-brev skickades, %(failed)s misslyckades igen.")
            % {"sent": result.sent, "failed": result.failed},
        )
    else:
        messages.success(request, _("%(sent)s e-brev skickades.") % {"sent": result.sent})
    return redirect("outbox")
