"""Pages of the product as a whole, not of one subject: the accessibility statement, and the
favicon at the address browsers ask for by themselves."""

import datetime
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import site

# When the service was last assessed against WCAG 2.1 AA and the statement last revised. Change
# both when the assessment is made again (the statement must say so: DIGG's regulation).
ASSESSED_ON = datetime.date(2026, 12, 1)
UPDATED_ON = datetime.date(2026, 12, 1)

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


def _reported_page(request) -> str:
    """The page the reader came from (the footer link says), if it is a path of this site."""
    path = request.GET.get("sida", "")
    if path.startswith("/") and not path.startswith("//") and "\\" not in path and len(path) < 300:
        return path
    return ""


@login_not_required
@require_safe
def accessibility_statement(request):
    """Tillgänglighetsredogörelse: open to everyone, logged in or not (DOS-lagen, DIGG's model)."""
    email = settings.ACCESSIBILITY_CONTACT_EMAIL
    body = _("Beskriv problemet och vilket hjälpmedel du använder, om något.")
    page = _reported_page(request)
    if page:
        where = _("Sidan det gäller: %(url)s") % {"url": site.absolute_url(page)}
        body = f"{where}\n\n{body}"
    subject = _("Tillgänglighet i kommunavtal")
    mailto = f"mailto:{email}?subject={quote(subject)}&body={quote(body)}"
    return render(
        request,
        "core/accessibility.html",
        {
            "contact_email": email,
            "mailto": mailto,
            "digg_report_url": DIGG_REPORT_URL,
            "assessed_on": ASSESSED_ON,
            "updated_on": UPDATED_ON,
        },
    )


@login_not_required
@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on every site: the SVG icon that base.html links to.
    A temporary redirect, since the static file's name changes with its content."""
    response = redirect(static("favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
