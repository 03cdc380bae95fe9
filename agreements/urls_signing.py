"""Agreements: list, prepare, send, sign, countersign, notice, the signed PDF, public verification.

Mounted under /avtal/ (config/urls.py → agreements/urls.py).
"""

from django.urls import path

from . import views_signing as views

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("nytt/", views.agreement_create, name="create"),
    path("verifiera/", views.verify, name="verify"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/skicka/", views.agreement_send, name="send"),
    path("<int:pk>/aterkalla/", views.agreement_withdraw, name="withdraw"),
    path("<int:pk>/uppgifter/", views.details_form, name="details_form"),
    path("<int:pk>/granska/", views.review, name="review"),
    path("<int:pk>/kontrasignera/", views.countersign, name="countersign"),
    path("<int:pk>/uppsagning/", views.notice, name="notice"),
    path("<int:pk>/fakturauppgifter/", views.billing_change, name="billing_change"),
    path("<int:pk>/avtal.pdf", views.agreement_pdf, name="pdf"),
]
