"""URLs of invoicing. Each part keeps its routes in its own module."""

from django.urls import include, path

app_name = "invoicing"
urlpatterns = [
    path("", include("invoicing.urls_invoices")),
    path("kostnader/", include("invoicing.urls_costs")),
]
