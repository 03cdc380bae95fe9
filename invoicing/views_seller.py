"""The seller block (Säljaruppgifter): finance sets the Bankgiro number, the reference person,
the address and the e-mail address that every invoice carries. Until finance saves it, the
environment's INVOICE_SELLER_* values apply (invoicing.seller); each save is a version in the
audit history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import access
from .forms_invoices import SellerForm
from .seller import SAVED_FIELDS, bankgiro_problem, current_seller, save_seller


@require_http_methods(["GET", "POST"])
def seller(request):
    access.require_finance(request.user)
    block = current_seller()
    if request.method == "POST":
        form = SellerForm(request.POST)
        if form.is_valid():
            save_seller(by=request.user, **{f: form.cleaned_data[f] for f in SAVED_FIELDS})
            messages.success(request, _("Säljaruppgifterna är sparade."))
            return redirect("invoicing:seller")
    else:
        form = SellerForm(initial={f: getattr(block, f) for f in SAVED_FIELDS})
    return render(
        request,
        "invoicing/invoices/seller_form.html",
        {"form": form, "seller": block, "problem": bankgiro_problem(block)},
    )
