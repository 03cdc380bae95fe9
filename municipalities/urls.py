from django.urls import path

from . import views

# Included by agreements/urls_municipalities.py under /kommuner/, in the namespace
# "municipalities", beside the pages that list the municipalities with their agreements.
urlpatterns = [
    path("folkmangd/importera/", views.population_upload, name="population_upload"),
    path("folkmangd/bekrafta/", views.population_confirm, name="population_confirm"),
]
