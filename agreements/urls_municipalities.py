"""/kommuner/ (namespace "municipalities"): the municipalities' pages, which read the agreements,
and the population import of the municipalities app."""

from django.urls import include, path

from . import views_municipalities as views

app_name = "municipalities"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("", include("municipalities.urls")),
    path("<str:code>/", views.municipality_detail, name="detail"),
]
