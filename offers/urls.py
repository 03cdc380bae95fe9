"""/erbjudanden/ (namespace "offers"): the offers, their rules and their services."""

from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="list"),
    path("nytt/", views.offer_create, name="create"),
    path("<slug:slug>/", views.offer_detail, name="detail"),
    path("<slug:slug>/andra/", views.offer_edit, name="edit"),
    path("<slug:slug>/verksamheter/ny/", views.service_create, name="service_create"),
    path("<slug:slug>/verksamheter/<int:pk>/", views.service_edit, name="service_edit"),
    path("<slug:slug>/verksamheter/<int:pk>/ta-bort/", views.service_delete, name="service_delete"),
]
