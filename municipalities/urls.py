from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("folkmangd/importera/", views.population_upload, name="population_upload"),
    path("folkmangd/bekrafta/", views.population_confirm, name="population_confirm"),
    path("<str:code>/", views.municipality_detail, name="detail"),
]
