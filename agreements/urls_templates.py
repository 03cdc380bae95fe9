"""Versions of the agreement text (mounted under /avtal/versioner/)."""

from django.urls import path

from . import views_templates

urlpatterns = [
    path("", views_templates.template_list, name="template_list"),
    path("<int:pk>/", views_templates.template_edit, name="template_edit"),
    path("<int:pk>/kontakter/", views_templates.template_contacts, name="template_contacts"),
    path("<int:pk>/ny-version/", views_templates.template_new_version, name="template_new_version"),
]
