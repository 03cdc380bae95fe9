"""URLs of the agreements app. Each part of the app keeps its routes in its own module."""

from django.urls import include, path

app_name = "agreements"
urlpatterns = [
    path("", include("agreements.urls_signing")),
    path("papper/", include("agreements.urls_paper")),
    path("anslutning/", include("agreements.urls_pipeline")),
    path("versioner/", include("agreements.urls_templates")),
]
