"""Paper agreements, under /avtal/papper/ in the "agreements" namespace."""

from django.urls import path

from . import views_paper

urlpatterns = [
    path("importera/", views_paper.paper_import, name="paper_import"),
    path("bekrafta/", views_paper.paper_confirm, name="paper_confirm"),
    path("<int:pk>/skanning/", views_paper.paper_scan, name="paper_scan"),
    path("<int:pk>/skanning.pdf", views_paper.paper_scan_download, name="paper_scan_download"),
]
