"""Error pages that must work when the database does not.

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
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as default_server_error

RETRY_AFTER_SECONDS = 30


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
