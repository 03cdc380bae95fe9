"""Finance's invoice pages, and the municipal contacts' view of their own invoices.

Who may do what is invoicing.access's: city staff read every invoice, a municipal contact only
their own (any other answers 404); only finance records payments, credits, sends reminders and
exports (403 for the others). Reads come from invoicing.selectors, writes go through
invoicing.services, documents through invoicing.documents.
"""

from decimal import Decimal
from html import escape as esc

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.money import format_amount
from core.pagination import paginate
from core.templatetags.money import amount_formatter, kr

from . import (
    access,
    documents,
    einvoice_documents,
    exports,
    lines,
    notifications,
    selectors,
    services,
)
from .forms_invoices import CreditForm, InvoiceFilterForm, PaymentForm, PaymentReversalForm
from .models import Invoice, InvoiceStatus, Kind, Payment

GET_POST = require_http_methods(["GET", "POST"])


def _require_reader(user) -> None:
    """Only those who see invoices at all (city staff, a municipal contact) get further."""
    if not access.can_see_invoice_list(user):
        raise PermissionDenied


def _invoice(request, pk: int) -> Invoice:
    """The invoice if this user may see it: 403 for a role without invoices, 404 for another
    municipality's (which tells nothing about whether it exists)."""
    _require_reader(request.user)
    return access.invoice_for_user(request.user, pk)


def _finance_invoice(request, pk: int) -> Invoice:
    invoice = _invoice(request, pk)
    access.require_finance(request.user)
    return invoice


def _file_response(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-store"
    return response


# --- Reading -------------------------------------------------------------------------------------


@require_safe
def invoice_list(request):
    user = request.user
    _require_reader(user)
    years, municipalities = selectors.filter_choices(user)
    # With invoices of several offers: a filter and a column "Erbjudande".
    offers = selectors.offer_choices(user)
    show_offer = len(offers) > 1
    filters = InvoiceFilterForm(request.GET).filters()
    invoices = selectors.filtered_invoices(user, filters)
    totals = selectors.totals(invoices)
    page = paginate(
        request, selectors.for_list(invoices, with_offer=show_offer), count=totals.count
    )
    today = timezone.localdate()
    return render(
        request,
        "invoicing/invoices/invoice_list.html",
        {
            "filters": filters,
            "years": years,
            # Written in Python: one option per municipality is slow in the template language.
            "municipality_options": _municipality_options(
                municipalities, selected=filters.municipality_code
            ),
            "statuses": InvoiceStatus.choices,
            "page": page,
            "rows_html": _list_rows_html(
                selectors.list_rows(page.object_list, today=today),
                show_municipality=user.is_city_staff,
                show_offer=show_offer,
            ),
            "totals": totals,
            "show_municipality": user.is_city_staff,
            "offers": offers if show_offer else [],
            "show_offer": show_offer,
            "can_act": access.can_issue(user),
            "query": request.GET.urlencode(),
        },
    )


def _list_rows_html(rows, *, show_municipality: bool, show_offer: bool = False) -> str:
    """The table rows of the invoice list.

    Written here rather than in the template, and escaped with the standard library's
    html.escape: a page of 50 rows × 9 cells costs the template language (and Django's lazy-aware
    escaping) several times what the rest of the page does; see docs/benchmarks.md. Every value
    from the database goes through ``esc``; the cells are the ones the template's <thead> names.
    """
    badge = f' <span class="badge">{esc(_("förfallen"))}</span>'
    detail_url = reverse("invoicing:invoice_detail", args=[0]).removesuffix("0/")
    amount = amount_formatter()
    html = []
    for row in rows:
        invoice = row.values
        credited = invoice.credited_invoice__number
        municipality = f"<td>{esc(invoice.municipality__name)}</td>" if show_municipality else ""
        offer = f"<td>{esc(invoice.agreement__offer__name)}</td>" if show_offer else ""
        avser = f"{invoice.year}, {esc(row.kind)}" + (f" ({esc(credited)})" if credited else "")
        due = "–" if invoice.kind == Kind.CREDIT else invoice.due_date.isoformat()
        html.append(
            f'<tr><th scope="row"><a href="{detail_url}{invoice.pk}/">{esc(invoice.number)}</a>'
            f"</th>{municipality}{offer}<td>{avser}</td><td>{invoice.invoice_date.isoformat()}</td>"
            f'<td>{due}</td><td class="num">{esc(kr(invoice.amount))}</td>'
            f'<td class="num">{esc(amount(row.paid))}&nbsp;kr</td>'
            f'<td class="num">{esc(amount(row.balance))}&nbsp;kr</td>'
            f"<td>{esc(row.status)}{badge if row.overdue else ''}</td></tr>\n"
        )
    return mark_safe("".join(html))  # noqa: S308  # nosec B308, B703  # every value is escaped


def _municipality_options(municipalities, *, selected: str | None) -> str:
    """<option>s for the municipality filter (one per municipality with invoices), escaped."""
    return mark_safe(  # noqa: S308  # nosec B308, B703  # every value is escaped
        "".join(
            f'<option value="{esc(code)}"{" selected" if code == selected else ""}>'
            f"{esc(name)}</option>"
            for code, name in municipalities
        )
    )


@require_safe
def invoice_detail(request, pk):
    invoice = _invoice(request, pk)
    today = timezone.localdate()
    detail = selectors.invoice_detail(invoice)
    overdue = (
        not invoice.is_credit_note
        and invoice.status == InvoiceStatus.ISSUED
        and invoice.due_date < today
        and detail["balance"] > 0
    )
    can_act = access.can_issue(request.user)
    return render(
        request,
        "invoicing/invoices/invoice_detail.html",
        {
            "invoice": invoice,
            "calc": documents.calculation(invoice),
            "line": lines.invoice_line(invoice),
            "overdue": overdue,
            "days_overdue": selectors.days_overdue(invoice, today) if overdue else 0,
            "can_pay": can_act and not invoice.is_credit_note,
            "can_credit": can_act
            and not invoice.is_credit_note
            and invoice.status != InvoiceStatus.CREDITED,
            "can_remind": can_act and overdue,
            **einvoice_documents.einvoice_status(invoice, request.user),
            **detail,
        },
    )


@require_safe
def invoice_pdf(request, pk):
    """The invoice's PDF: stored on the first download, exactly the stored bytes every time."""
    invoice = _invoice(request, pk)
    data = documents.ensure_pdf(invoice)
    response = _file_response(
        data, filename=documents.pdf_filename(invoice), content_type="application/pdf"
    )
    response["ETag"] = f'"{invoice.pdf_sha256}"'
    return response


@require_safe
def overdue(request):
    user = request.user
    _require_reader(user)
    if not user.is_city_staff:
        raise PermissionDenied
    today = timezone.localdate()
    invoices = list(selectors.overdue_invoices(user, today=today).select_related("municipality"))
    for invoice in invoices:
        invoice.days_overdue = selectors.days_overdue(invoice, today)
    return render(
        request,
        "invoicing/invoices/overdue.html",
        {
            "invoices": invoices,
            "total": sum((i.balance for i in invoices), Decimal(0)),
            "today": today,
            "can_act": access.can_issue(user),
        },
    )


# --- Finance acts --------------------------------------------------------------------------------


@GET_POST
def payment(request, pk):
    """Record a payment. One that is more than what is left to pay (an over-payment, a payment
    on a paid invoice) is shown on a confirmation page, with the amount over, before it is
    recorded."""
    invoice = _finance_invoice(request, pk)
    if invoice.is_credit_note:
        raise Http404
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and "edit" in data:
        data.pop("bekrafta", None)  # back to the form: the next send asks again
    form = PaymentForm(data)
    context = {"invoice": invoice, "form": form, **selectors.invoice_detail(invoice)}
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            _payment, warning = services.record_payment(
                invoice,
                paid_on=data["paid_on"],
                amount=data["amount"],
                note=data["note"],
                by=request.user,
                confirm_over=data["bekrafta"],
            )
        except services.PaymentNeedsConfirmation as needs:
            return render(
                request,
                "invoicing/invoices/payment_confirm.html",
                {**context, "amount": data["amount"], "over": needs.over, "left": needs.left},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Betalningen på %(amount)s är registrerad på faktura %(number)s.")
                % {"amount": format_amount(data["amount"]), "number": invoice.number},
            )
            if warning:
                messages.warning(request, warning)
            return redirect("invoicing:invoice_detail", pk=invoice.pk)
    return render(request, "invoicing/invoices/payment_form.html", context)


@GET_POST
def payment_reverse(request, pk, payment_pk):
    """Reverse a payment by a counter-entry with a reason, in two steps: the reason, then a
    confirmation that shows what the balance becomes. Nothing is deleted."""
    invoice = _finance_invoice(request, pk)
    payment = invoice.payments.filter(pk=payment_pk, reverses__isnull=True).first()
    if payment is None:
        raise Http404
    form = PaymentReversalForm(request.POST if request.method == "POST" else None)
    detail = selectors.invoice_detail(invoice)
    context = {"invoice": invoice, "payment": payment, "form": form, **detail}
    already = Payment.objects.filter(reverses=payment).exists()
    if request.method == "POST" and not already and "edit" not in request.POST and form.is_valid():
        reason = form.cleaned_data["reason"]
        if request.POST.get("confirm") != "1":
            return render(
                request,
                "invoicing/invoices/payment_reverse_confirm.html",
                {**context, "balance_after": detail["balance"] + payment.amount},
            )
        try:
            services.reverse_payment(payment, reason=reason, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Betalningen på %(amount)s den %(date)s är återförd på faktura %(number)s.")
                % {
                    "amount": format_amount(payment.amount),
                    "date": payment.paid_on.isoformat(),
                    "number": invoice.number,
                },
            )
            return redirect("invoicing:invoice_detail", pk=invoice.pk)
    return render(
        request, "invoicing/invoices/payment_reverse.html", {**context, "already": already}
    )


class _DryRun(Exception):
    pass


def preview_credit(invoice: Invoice, *, reason: str, percent: Decimal | None) -> Decimal:
    """The amount (positive) that services.credit would credit, found by running it and rolling
    it back, so the preview can never disagree with the real thing. Raises ValidationError as
    credit would."""
    result = {}
    try:
        with transaction.atomic():
            result["amount"] = -services.credit(invoice, reason=reason, percent=percent).amount
            raise _DryRun
    except _DryRun:
        pass
    return result["amount"]


@GET_POST
def credit(request, pk):
    """A credit note for the whole remaining amount or a percentage of it, in two steps: the
    form, then a confirmation that shows the amount before the irreversible issue."""
    invoice = _finance_invoice(request, pk)
    if invoice.is_credit_note:
        raise Http404
    form = CreditForm(request.POST if request.method == "POST" else None)
    context = {"invoice": invoice, "form": form, **selectors.invoice_detail(invoice)}
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        reason, percent = form.cleaned_data["reason"], form.cleaned_data["percent"]
        try:
            if request.POST.get("confirm") != "1":
                amount = preview_credit(invoice, reason=reason, percent=percent)
                return render(
                    request,
                    "invoicing/invoices/credit_confirm.html",
                    {**context, "amount": amount, "percent": percent},
                )
            note = services.credit(invoice, reason=reason, percent=percent, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            transaction.on_commit(lambda: notifications.send_issued(note.pk), robust=True)
            messages.success(
                request,
                _("Kreditfaktura %(number)s på %(amount)s är utfärdad mot faktura %(original)s.")
                % {
                    "number": note.number,
                    "amount": documents.money(note.amount),
                    "original": invoice.number,
                },
            )
            return redirect("invoicing:invoice_detail", pk=note.pk)
    return render(request, "invoicing/invoices/credit_form.html", context)


@require_safe
def reminder_pdf(request, pk):
    invoice = _finance_invoice(request, pk)
    today = timezone.localdate()
    if not selectors.overdue_invoices(request.user, today=today).filter(pk=invoice.pk).exists():
        raise Http404(_("Fakturan är inte förfallen."))
    data = documents.render_reminder_pdf(invoice, today=today)
    return _file_response(
        data,
        filename=f"paminnelse-{documents.pdf_filename(invoice).removeprefix('faktura-')}",
        content_type="application/pdf",
    )


@require_safe
def register_xlsx(request):
    user = request.user
    _require_reader(user)
    access.require_finance(user)
    filters = InvoiceFilterForm(request.GET).filters()
    invoices = selectors.filtered_invoices(user, filters)
    data = exports.register_xlsx_bytes(filters.year, invoices=invoices)
    return _file_response(
        data,
        filename=exports.register_filename(filters.year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@require_safe
def pdf_zip(request, year):
    _require_reader(request.user)
    access.require_finance(request.user)
    if not selectors.year_invoices(year).exists():
        raise Http404
    data = exports.year_pdf_zip_bytes(year)
    return _file_response(data, filename=exports.zip_filename(year), content_type="application/zip")
