"""Invoices: finance's pages and the municipal contacts' own invoices (mounted at /fakturering/)."""

from django.urls import path

from . import views_invoices as views

urlpatterns = [
    path("", views.invoice_list, name="invoice_list"),
    path("forfallna/", views.overdue, name="overdue"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("<int:year>/fakturor.zip", views.pdf_zip, name="pdf_zip"),
    path("<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("<int:pk>/faktura.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("<int:pk>/betalning/", views.payment, name="payment"),
    path("<int:pk>/kreditera/", views.credit, name="credit"),
    path("<int:pk>/paminnelse.pdf", views.reminder_pdf, name="reminder_pdf"),
]
