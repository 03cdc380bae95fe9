"""The pipeline of municipalities not yet joined: /avtal/anslutning/ (namespace "agreements")."""

from django.urls import path

from . import views_pipeline as views

urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("<str:code>/", views.pipeline_detail, name="pipeline_detail"),
    path("<str:code>/brev.pdf", views.residents_letter, name="residents_letter"),
    path("<str:code>/offert/", views.quote_form, name="quote_form"),
    path("<str:code>/offert.pdf", views.quote, name="quote"),
]
