from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from audit import views as audit_views
from core import views as core_views

from . import views as config_views

admin.site.site_header = "kommunavtal"
admin.site.site_title = "kommunavtal"

urlpatterns = [
    path("", config_views.home, name="home"),
    path("konto/", include("accounts.urls")),
    path("anvandare/", include("accounts.user_urls")),
    path("kommuner/", include("agreements.urls_municipalities")),
    path("erbjudanden/", include("offers.urls")),
    path("avtal/", include("agreements.urls")),
    path("fakturering/", include("invoicing.urls")),
    path("styrgrupp/", include("steering_group.urls")),
    path("utbildning/", include("training.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("historik/", include("audit.urls")),
    path("personuppgifter/", include("privacy.urls")),
    path("sprak/", login_not_required(set_language), name="set_language"),
    path("utkorg/", audit_views.outbox_list, name="outbox"),
    path("utkorg/skicka-igen/", audit_views.outbox_retry, name="outbox_retry"),
    path("tillganglighet/", core_views.accessibility_statement, name="accessibility"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
]

# A lost database answers a friendly 503 (core/errors.py); any other error Django's plain 500.
handler500 = "core.errors.server_error"
# A bad request answers the product's own page (navigation, Swedish), not Django's bare text.
handler400 = "core.errors.bad_request"
