"""Error pages: a bad request in the product's own layout, and pages that must work when the
database does not.

``bad_request_page`` answers 400 with the product's page (navigation, Swedish) listing what was
wrong and a link back; every view that refuses bad input with 400 uses it, never a bare text
response. ``bad_request`` is the project's handler400 (config/urls.py), for what Django itself
refuses (a SuspiciousOperation); ``csrf_failure`` is CSRF_FAILURE_VIEW.

``server_error`` is the project's handler500 (config/urls.py). When the exception behind the 500
is the database being unreachable (OperationalError, InterfaceError: the server is down, the
connection was refused or dropped, SQLite's file cannot be opened or stays locked), it answers a
friendly 503 with Retry-After instead, rendered without touching the database: no request
context (so no session, no user, no context processors), only the template and the static URL.
Django has already logged the exception with its traceback for the operators by then.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import bad_request as default_bad_request
from django.views.defaults import server_error as default_server_error

RETRY_AFTER_SECONDS = 30


def bad_request_page(
    request, problems=(), *, back_url: str | None = None, back_label: str | None = None
) -> HttpResponse:
    """400 with the product's error page: ``problems`` (sentences in Swedish) and a link back."""
    return render(
        request,
        "400.html",
        {"problems": [str(p) for p in problems], "back_url": back_url, "back_label": back_label},
        status=400,
    )


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from a stale page gets the product's page, which says that
    nothing was saved, instead of Django's technical one."""
    return render(request, "403_csrf.html", status=403)


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """handler400. A request refused before the user is known (a disallowed host) gets Django's
    own page, which needs nothing from the request."""
    if not hasattr(request, "user"):
        return default_bad_request(request, exception, template_name)
    return bad_request_page(request)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True if the exception, or one it was raised from or during, is a lost database."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def database_unavailable() -> HttpResponse:
    html = loader.render_to_string("503.html", {"retry_after_seconds": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable()
    return default_server_error(request, template_name)
