"""The address the product is served at, for the links in mails, .ics files and PDFs.

- ``SITE_URL`` set (production): always that.
- Not set (development): the address of the request being answered (``make run PORT=8001`` gives
  links to :8001), and with no request (a management command, say) the address and port runserver
  was started with in this process, else http://127.0.0.1:8000.

:class:`RequestAddressMiddleware` tells this module which request is being answered.
"""

import contextvars
import sys

from django.conf import settings
from django.core.exceptions import DisallowedHost

DEFAULT = "http://127.0.0.1:8000"

_request_address = contextvars.ContextVar("kommunavtal_request_address", default="")


def runserver_address(argv: list[str] | None = None) -> str:
    """``http://HOST:PORT`` of ``manage.py runserver [HOST:]PORT`` when this process is that
    runserver (the Makefile passes HOST and PORT on its command line), else :data:`DEFAULT`."""
    argv = sys.argv if argv is None else argv
    if "runserver" not in argv[1:2]:
        return DEFAULT
    given = [a for a in argv[2:] if not a.startswith("-")]
    if not given:
        return DEFAULT
    addrport = given[0]
    if addrport.isdigit():
        host, port = "127.0.0.1", addrport
    else:
        host, _, port = addrport.rpartition(":")
        if not port.isdigit():
            return DEFAULT
    # Listening on every address: the links name this machine.
    if host in ("", "0", "0.0.0.0", "[::]"):  # noqa: S104  # nosec B104
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def site_url() -> str:
    """The product's address, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return _request_address.get() or runserver_address()


def absolute_url(path: str) -> str:
    return site_url() + path


def uid_host() -> str:
    """The host of the UIDs of .ics events: stable whatever address a page was asked at, so a
    changed invitation replaces the first one in the calendar."""
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0]
    return host or "kommunavtal"


class RequestAddressMiddleware:
    """Links made while answering a request use the address it was asked at (when SITE_URL is
    not set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            address = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            address = ""
        token = _request_address.set(address)
        try:
            return self.get_response(request)
        finally:
            _request_address.reset(token)
