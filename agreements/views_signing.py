"""Agreement pages: list, prepare, send, withdraw, § 1, review and sign, countersign, notice, the
signed PDF, and the public verification. Thin: access from agreements/access.py, writes in
agreements/services.py and agreements/signing.py."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.roles import Role
from core.pagination import paginate
from core.pdf import read_stored
from municipalities.models import Municipality
from offers.models import Offer

from . import services, signing
from .access import (
    agreement_for_user,
    can_change_billing,
    can_countersign,
    can_give_notice,
    can_prepare,
    can_sign_for_municipality,
    may_change_billing,
    require_prepare,
    visible_agreements,
    visible_offers_of_agreements,
)
from .documents import fingerprint_of, render_agreement_html
from .forms_signing import (
    BillingChangeForm,
    DetailsForm,
    NoticeForm,
    PrepareForm,
    SignForm,
    VerifyForm,
    WithdrawForm,
)
from .models import NoticeParty, Status

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request):
    return request.POST if request.method == "POST" else None


def _refuse(request, agreement, *, acting_role: bool, message: str):
    """Someone who may see the agreement but not do this. One who holds the acting role is told
    why (the status does not allow it) and sent back to the agreement; anyone else gets 403."""
    if not acting_role:
        raise PermissionDenied
    messages.error(request, message)
    return redirect("agreements:detail", agreement.pk)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _signature_meta(request) -> dict:
    return {
        "ip_address": request.META.get("REMOTE_ADDR") or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:1000],
    }


def _missing_contacts(agreement) -> list[str]:
    """What the version lacks of the city's contact persons, while the agreement is unsigned."""
    if agreement.status not in (Status.DRAFT, Status.SENT):
        return []
    return agreement.template.missing_city_contacts()


# --- Reading ------------------------------------------------------------------------------------


@require_safe
def agreement_list(request):
    agreements = visible_agreements(request.user)
    statuses = [
        (value, label)
        for value, label in Status.choices
        if request.user.is_city_staff or value != Status.DRAFT
    ]
    status = request.GET.get("status", "")
    if status in dict(statuses):
        agreements = agreements.filter(status=status)
    else:
        status = ""
    # Several offers: a filter and a column, and each offer's agreements together.
    offers = list(visible_offers_of_agreements(request.user))
    offer = next((o for o in offers if o.slug == request.GET.get("erbjudande")), None)
    if offer is not None:
        agreements = agreements.filter(offer=offer)
    order = ["municipality__name", "-created_at", "-pk"]
    if len(offers) > 1:
        order.insert(0, "offer__name")
    page = paginate(request, agreements.order_by(*order))
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "page": page,
            "statuses": statuses,
            "status": status,
            "offers": offers if len(offers) > 1 else [],
            "offer": offer,
            "can_prepare": can_prepare(request.user),
        },
    )


@require_safe
def agreement_detail(request, pk):
    user = request.user
    agreement = agreement_for_user(user, pk)
    allowed = agreement.allowed_transitions()
    may_sign = can_sign_for_municipality(user, agreement)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "history": agreement.history.select_related("by"),
            "signatures": list(agreement.signatures.all()),
            "can_send": can_prepare(user) and Status.SENT in allowed,
            "can_withdraw": can_prepare(user) and Status.WITHDRAWN in allowed,
            "can_sign": may_sign,
            "missing_details": signing.missing_details(agreement) if may_sign else [],
            "can_countersign": can_countersign(user, agreement),
            "can_give_notice": can_give_notice(user, agreement),
            "full_year": services.full_year_after_notice(agreement),
            "missing_contacts": _missing_contacts(agreement),
            "can_fill_contacts": can_prepare(user),
            "billing_now": agreement.billing_details(on=timezone.localdate()),
            "billing_changes": agreement.billing_changes.select_related("created_by"),
            "can_change_billing": can_change_billing(user, agreement),
        },
    )


@require_safe
def agreement_pdf(request, pk):
    """Exactly the bytes stored when the agreement was countersigned."""
    agreement = agreement_for_user(request.user, pk)
    if not agreement.pdf:
        raise Http404
    data = read_stored(
        agreement.pdf, agreement.pdf_sha256, f"The stored PDF of agreement {agreement.pk}"
    )
    filename = f"avtal-{slugify(agreement.municipality.name)}-{agreement.pk}.pdf"
    response = FileResponse(
        io.BytesIO(data), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- The project leader: prepare, send, withdraw ------------------------------------------------


@GET_POST
def agreement_create(request):
    """The project leader prepares a draft; ?kommun=0182 chooses the municipality in advance."""
    require_prepare(request.user)
    initial = {}
    if code := request.GET.get("kommun"):
        initial["municipality"] = (
            Municipality.objects.filter(code=code).values_list("pk", flat=True).first()
        )
    # ?erbjudande=<slug> chooses the newest version of that offer in advance.
    offer = Offer.objects.filter(slug=request.GET.get("erbjudande", "")).first()
    form = PrepareForm(_posted(request), initial=initial, offer=offer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.prepare_agreement(
                municipality=data["municipality"],
                by=request.user,
                template=data["template"],
                agreed_start_date=data["agreed_start_date"],
                latest_end_date=data["latest_end_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Ett utkast till avtal med %(municipality)s är förberett. Skicka det när det är klart."
                )
                % {"municipality": agreement.municipality},
            )
            return redirect("agreements:detail", agreement.pk)
    return render(request, "agreements/agreement_form.html", {"form": form})


@GET_POST
def agreement_send(request, pk):
    """GET: what will happen and to whom; POST: send."""
    agreement = agreement_for_user(request.user, pk)
    require_prepare(request.user)
    if Status.SENT not in agreement.allowed_transitions():
        return _refuse(
            request,
            agreement,
            acting_role=True,
            message=_("Avtalet har redan skickats eller kan inte skickas i sin nuvarande status."),
        )
    recipients = list(services.municipal_contacts(agreement.municipality))
    if request.method == "POST":
        try:
            services.send_agreement(agreement, by=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request,
                _("Avtalet är skickat till %(municipality)s.")
                % {"municipality": agreement.municipality},
            )
            return redirect("agreements:detail", agreement.pk)
    return render(
        request,
        "agreements/confirm_send.html",
        {
            "agreement": agreement,
            "recipients": recipients,
            "missing_contacts": _missing_contacts(agreement),
            "template": agreement.template,
            "can_fill_contacts": True,
        },
    )


@GET_POST
def agreement_withdraw(request, pk):
    agreement = agreement_for_user(request.user, pk)
    require_prepare(request.user)
    if Status.WITHDRAWN not in agreement.allowed_transitions():
        return _refuse(
            request,
            agreement,
            acting_role=True,
            message=_(
                "Bara ett utkast eller ett skickat avtal som inte är undertecknat kan återkallas."
            ),
        )
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_agreement(
                agreement, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("agreements:detail", agreement.pk)
        messages.success(
            request,
            _("Avtalet med %(municipality)s är återkallat.")
            % {"municipality": agreement.municipality},
        )
        return redirect("agreements:detail", agreement.pk)
    return render(
        request, "agreements/confirm_withdraw.html", {"agreement": agreement, "form": form}
    )


# --- The municipality: § 1 and the signature ----------------------------------------------------


@GET_POST
def details_form(request, pk):
    user = request.user
    agreement = agreement_for_user(user, pk)
    if not can_sign_for_municipality(user, agreement):
        return _refuse(
            request,
            agreement,
            acting_role=user.is_municipal_contact,
            message=_(
                "Uppgifterna i § 1 kan bara ändras medan avtalet väntar på kommunens underskrift."
            ),
        )
    initial = {name: getattr(agreement, name) for name in signing.DETAIL_FIELDS}
    form = DetailsForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            signing.save_details(agreement, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Uppgifterna i § 1 är sparade. Granska nu hela avtalet."))
            return redirect("agreements:review", agreement.pk)
    return render(request, "agreements/details_form.html", {"agreement": agreement, "form": form})


def _document_page(request, agreement, *, form, may_sign, countersigning, content=None, notice=""):
    content = content if content is not None else render_agreement_html(agreement)
    fingerprint = fingerprint_of(content)
    if form is not None and not form.is_bound:
        form.initial["fingerprint"] = fingerprint
    return render(
        request,
        "agreements/review.html",
        {
            "agreement": agreement,
            "document": content,
            "fingerprint": fingerprint,
            "form": form,
            "may_sign": may_sign,
            "countersigning": countersigning,
            "missing_details": signing.missing_details(agreement),
            "notice": notice,
            "missing_contacts": _missing_contacts(agreement),
            "template": agreement.template,
            "can_fill_contacts": can_prepare(request.user),
        },
    )


@GET_POST
def review(request, pk):
    """The whole agreement as it will be signed, and (for the municipality) the signing form."""
    user = request.user
    agreement = agreement_for_user(user, pk)
    may_sign = can_sign_for_municipality(user, agreement)
    if request.method == "POST" and not may_sign:
        return _refuse(
            request,
            agreement,
            acting_role=user.is_municipal_contact,
            message=_("Avtalet väntar inte på kommunens underskrift."),
        )
    form = None
    if may_sign and _missing_contacts(agreement):
        if request.method == "POST":
            messages.error(request, _("Avtalet kan inte undertecknas ännu; se vad som saknas."))
            return redirect("agreements:review", agreement.pk)
    elif may_sign and signing.details_complete(agreement):
        form = SignForm(
            _posted(request),
            user=user,
            initial={"full_name": user.get_full_name(), "title": user.title},
        )
    elif request.method == "POST":
        messages.error(request, _("Fyll i alla uppgifter i § 1 innan du undertecknar."))
        return redirect("agreements:details_form", agreement.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signing.sign_for_municipality(
                agreement,
                user=user,
                full_name=data["full_name"],
                title=data["title"],
                fingerprint=data["fingerprint"],
                **_signature_meta(request),
            )
        except signing.SigningRefused as exc:
            messages.error(request, _errors(exc))
            return redirect("agreements:review", agreement.pk)
        messages.success(
            request,
            _(
                "Tack! Avtalet är undertecknat för %(municipality)s och väntar nu på Stockholms stads underskrift."
            )
            % {"municipality": agreement.municipality},
        )
        return redirect("agreements:detail", agreement.pk)
    return _document_page(request, agreement, form=form, may_sign=may_sign, countersigning=False)


# --- Stockholm city: the countersignature -------------------------------------------------------


@GET_POST
def countersign(request, pk):
    user = request.user
    agreement = agreement_for_user(user, pk)
    if not can_countersign(user, agreement):
        return _refuse(
            request,
            agreement,
            acting_role=user.has_role(Role.SIGNATORY),
            message=_("Avtalet väntar inte på Stockholms stads underskrift."),
        )
    content = render_agreement_html(agreement)
    if fingerprint_of(content) != agreement.content_sha256:
        # The stored signed content no longer matches its fingerprint: it was tampered with.
        notice = _(
            "Det undertecknade innehållet stämmer inte med sitt fingeravtryck. Kontakta projektledaren."
        )
        return _document_page(
            request,
            agreement,
            form=None,
            may_sign=False,
            countersigning=True,
            content=content,
            notice=notice,
        )
    form = SignForm(
        _posted(request),
        user=user,
        authority_label=_("Jag är behörig att underteckna avtalet för Stockholms stad"),
        initial={"full_name": user.get_full_name(), "title": user.title},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signing.countersign(
                agreement,
                user=user,
                full_name=data["full_name"],
                title=data["title"],
                fingerprint=data["fingerprint"],
                **_signature_meta(request),
            )
        except signing.SigningRefused as exc:
            messages.error(request, _errors(exc))
            return redirect("agreements:countersign", agreement.pk)
        messages.success(
            request,
            _("Avtalet med %(municipality)s är undertecknat av båda parter och gäller nu.")
            % {"municipality": agreement.municipality},
        )
        return redirect("agreements:detail", agreement.pk)
    return _document_page(
        request, agreement, form=form, may_sign=True, countersigning=True, content=content
    )


# --- Notice -------------------------------------------------------------------------------------


@GET_POST
def notice(request, pk):
    """GET: the form; POST: a preview with the end date; POST with confirmed=1: register it."""
    user = request.user
    agreement = agreement_for_user(user, pk)
    if not can_give_notice(user, agreement):
        return _refuse(
            request,
            agreement,
            acting_role=can_prepare(user) or user.is_municipal_contact,
            message=_("Bara ett gällande avtal kan sägas upp."),
        )
    fixed_party = None if can_prepare(user) else NoticeParty.MUNICIPALITY
    form = NoticeForm(_posted(request), fixed_party=fixed_party)
    context = {"agreement": agreement, "form": form, "fixed_party": fixed_party}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            end_date = signing.notice_end_date(agreement, notice_date=data["notice_date"])
        except ValidationError as exc:
            form.add_error("notice_date", exc)
        else:
            full_year = services.year_invoiced_in_full_after_notice(
                start=agreement.start_date, notice_date=data["notice_date"], end_date=end_date
            )
            if request.POST.get("confirmed") != "1":
                context.update(
                    preview=True,
                    end_date=end_date,
                    party=NoticeParty(data["party"]),
                    full_year=full_year,
                )
                return render(request, "agreements/notice_form.html", context)
            try:
                services.give_notice(
                    agreement,
                    by=user,
                    notice_date=data["notice_date"],
                    party=data["party"],
                    comment=data["comment"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                done = _("Uppsägningen är registrerad. Avtalet upphör %(date)s.") % {
                    "date": end_date.isoformat()
                }
                if full_year:
                    done += (
                        " "
                        + render_to_string(
                            "agreements/includes/full_year_note.txt",
                            {"end_date": end_date, "full_year": full_year},
                        ).strip()
                    )
                messages.success(request, done)
                return redirect("agreements:detail", agreement.pk)
    return render(request, "agreements/notice_form.html", context)


# --- Billing details after signing --------------------------------------------------------------


@GET_POST
def billing_change(request, pk):
    """GET: the form; POST: a preview of the change; POST with confirmed=1: record it.

    The signed § 1 stays as signed: the change is a new row that later invoices use."""
    user = request.user
    agreement = agreement_for_user(user, pk)
    if not can_change_billing(user, agreement):
        return _refuse(
            request,
            agreement,
            acting_role=may_change_billing(user, agreement),
            message=_(
                "Fakturauppgifterna kan bara ändras för ett undertecknat avtal som inte har "
                "upphört; före underskriften fylls de i direkt i § 1."
            ),
        )
    today = timezone.localdate()
    current = agreement.billing_details(on=today)
    form = BillingChangeForm(
        _posted(request),
        initial={
            "invoicing_address": current.invoicing_address,
            "buyer_reference": current.buyer_reference,
        },
    )
    context = {"agreement": agreement, "form": form, "current": current}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirmed") != "1":
            context["preview"] = True
            return render(request, "agreements/billing_change.html", context)
        try:
            change = services.record_billing_change(agreement, by=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "De nya fakturauppgifterna är registrerade och gäller för fakturor daterade "
                    "från och med %(date)s. Det undertecknade avtalet är oförändrat."
                )
                % {"date": change.effective_from.isoformat()},
            )
            return redirect("agreements:detail", agreement.pk)
    return render(request, "agreements/billing_change.html", context)


# --- Public verification ------------------------------------------------------------------------


@login_not_required
@GET_POST
def verify(request):
    """Anyone may ask whether a fingerprint or a PDF is a signed agreement of this system."""
    form = VerifyForm(_posted(request), request.FILES if request.method == "POST" else None)
    context = {"form": form, "searched": False}
    if request.method == "POST" and form.is_valid():
        sha256 = form.cleaned_data["sha256"]
        context.update(searched=True, sha256=sha256, results=signing.verify(sha256))
        context["form"] = VerifyForm()  # ready for the next check
    return render(request, "agreements/verify.html", context)
