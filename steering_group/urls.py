"""URLs of the steering group."""

from django.urls import path  # noqa: F401

app_name = "steering_group"
urlpatterns: list = []
