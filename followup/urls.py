"""URLs of the follow-up of use, mounted under /uppfoljning/ (config/urls.py)."""

from django.urls import path

from . import views, views_entry

app_name = "followup"
urlpatterns = [
    path("", views.report, name="report"),
    path("rapport.xlsx", views.report_xlsx, name="report_xlsx"),
    path("rapport.pdf", views.report_pdf, name="report_pdf"),
    path("bifoga/", views.attach, name="attach"),
    path("kommun/<str:code>/", views.municipality, name="municipality"),
    path("registrera/", views_entry.entry_start, name="entry_start"),
    path("registrera/<str:code>/<int:year>/<int:half>/", views_entry.entry, name="entry"),
    path("mall.xlsx", views_entry.template, name="template"),
    path("importera/", views_entry.import_file, name="import"),
    path("importera/bekrafta/", views_entry.import_confirm, name="import_confirm"),
]
