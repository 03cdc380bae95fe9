"""URLs of training, mounted under /utbildning/ (config/urls.py)."""

from django.urls import path

from . import views, views_registrations

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.session_create, name="session_create"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/andra/", views.session_edit, name="session_edit"),
    path("<int:pk>/kalender.ics", views.session_ics, name="session_ics"),
    path("<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("<int:pk>/deltagare.xlsx", views.session_xlsx, name="session_xlsx"),
    path("<int:pk>/anmal/", views_registrations.register, name="register"),
    path("anmalningar/", views_registrations.registrations, name="registrations"),
    path(
        "anmalningar/<int:pk>/avboka/",
        views_registrations.registration_cancel,
        name="registration_cancel",
    ),
    path("deltagare/", views_registrations.participants, name="participants"),
    path("deltagare/<int:year>.xlsx", views_registrations.year_xlsx, name="year_xlsx"),
]
