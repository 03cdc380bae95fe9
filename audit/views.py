"""The audit history, for the project leader: who changed what, and when."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.roles import Role
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
        },
    )
