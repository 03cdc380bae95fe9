from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.person, name="person"),
    path("radera/", views.erase, name="erase"),
]
