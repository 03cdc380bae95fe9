"""The e-invoice pages: the XML of an invoice, finance's ZIP of a year, and the buyer reference
finance sets once when § 1 of the agreement gave none.

Access is invoicing.access's, as for the PDF: city staff and the municipality's own contacts read
an invoice's XML (another municipality's answers 404); only finance sets a reference or takes the
year's ZIP (403 for the others).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import access, einvoice_documents, selectors
from .einvoice import EinvoiceNotReady
from .forms_invoices import BuyerReferenceForm
from .views_invoices import _file_response, _finance_invoice, _invoice, _require_reader


@require_safe
def invoice_xml(request, pk):
    """The invoice's e-invoice: built, checked and stored the first time, then the stored bytes."""
    invoice = _invoice(request, pk)
    try:
        data = einvoice_documents.ensure_xml(invoice)
    except EinvoiceNotReady as exc:
        messages.error(
            request,
            _("E-fakturan för %(number)s kan inte skapas ännu.") % {"number": invoice.number},
        )
        if request.user.is_city_staff:
            for reason in exc.reasons:
                messages.warning(request, reason)
        return redirect("invoicing:invoice_detail", pk=invoice.pk)
    response = _file_response(
        data,
        filename=einvoice_documents.xml_filename(invoice),
        content_type=einvoice_documents.CONTENT_TYPE,
    )
    response["ETag"] = f'"{invoice.einvoice_sha256}"'
    return response


@require_safe
def xml_zip(request, year):
    """Finance's ZIP of a year's e-invoices (ej-skapade.txt lists those that cannot be built)."""
    _require_reader(request.user)
    access.require_finance(request.user)
    if not selectors.year_invoices(year).exists():
        raise Http404
    data = einvoice_documents.year_xml_zip_bytes(year)
    return _file_response(
        data, filename=einvoice_documents.zip_filename(year), content_type="application/zip"
    )


@require_http_methods(["GET", "POST"])
def buyer_reference(request, pk):
    """Finance sets the buyer reference § 1 left empty: once, with who and when."""
    invoice = _finance_invoice(request, pk)
    if not einvoice_documents.needs_buyer_reference(invoice):
        messages.info(request, _("Fakturan har redan en fakturareferens."))
        return redirect("invoicing:invoice_detail", pk=invoice.pk)
    form = BuyerReferenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            einvoice_documents.set_buyer_reference(
                invoice, reference=form.cleaned_data["referens"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Fakturareferensen för e-fakturan %(number)s är angiven.")
                % {"number": invoice.number},
            )
            return redirect("invoicing:invoice_detail", pk=invoice.pk)
    return render(
        request,
        "invoicing/invoices/buyer_reference_form.html",
        {"invoice": invoice, "form": form},
    )
