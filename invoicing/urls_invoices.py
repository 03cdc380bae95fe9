"""Invoices: finance's pages and the municipal contacts' own invoices (mounted at /fakturering/)."""

from django.urls import path

from . import views_einvoices, views_seller
from . import views_invoices as views

urlpatterns = [
    path("", views.invoice_list, name="invoice_list"),
    path("forfallna/", views.overdue, name="overdue"),
    path("saljare/", views_seller.seller, name="seller"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("<int:year>/fakturor.zip", views.pdf_zip, name="pdf_zip"),
    path("<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("<int:pk>/faktura.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("<int:pk>/betalning/", views.payment, name="payment"),
    path(
        "<int:pk>/betalning/<int:payment_pk>/aterfor/",
        views.payment_reverse,
        name="payment_reverse",
    ),
    path("<int:pk>/kreditera/", views.credit, name="credit"),
    path("<int:pk>/paminnelse.pdf", views.reminder_pdf, name="reminder_pdf"),
    path("<int:pk>/e-faktura.xml", views_einvoices.invoice_xml, name="invoice_xml"),
    path(
        "<int:pk>/e-faktura/referens/",
        views_einvoices.buyer_reference,
        name="einvoice_reference",
    ),
    path("<int:year>/e-fakturor.zip", views_einvoices.xml_zip, name="xml_zip"),
]
