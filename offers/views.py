"""The offer pages: the project leader creates and changes offers and their services; city staff
read them; a municipal contact reads the offers their municipality has joined. Thin: access from
offers/access.py, writes in offers/editing.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.collation import swedish_key

from . import editing
from .access import can_manage_offers, offer_for_user, require_manage, visible_offers
from .forms import FIRST_YEAR_HELP, OfferForm, ServiceForm
from .models import CostPool, Offer, Service

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_safe
def offer_list(request):
    offers = (
        visible_offers(request.user)
        .annotate(service_count=Count("services", distinct=True))
        .order_by("name")
    )
    return render(
        request,
        "offers/offer_list.html",
        {"offers": offers, "can_manage": can_manage_offers(request.user)},
    )


@require_safe
def offer_detail(request, slug):
    user = request.user
    offer = offer_for_user(user, slug)
    context = {
        "offer": offer,
        "services": offer.services.order_by("order", "name"),
        "first_year_help": FIRST_YEAR_HELP.get(offer.first_year_rule, ""),
        "can_manage": can_manage_offers(user),
    }
    if user.is_city_staff:
        context["cost_base"] = sorted(offer.cost_base.all(), key=lambda m: swedish_key(m.name))
        context["pools"] = CostPool.objects.filter(offer=offer).order_by("-year")[:5]
    if can_manage_offers(user):
        # The versions of its agreement; a new one is copied from its newest, or (the offer's
        # first) from the newest of the installation's first offer.
        versions = list(offer.templates.order_by("-valid_from", "-pk"))
        context["versions"] = versions
        context["model_version"] = (
            versions[0]
            if versions
            else Offer.objects.default().templates.order_by("-valid_from", "-pk").first()
        )
    return render(request, "offers/offer_detail.html", context)


@GET_POST
def offer_create(request):
    require_manage(request.user)
    form = OfferForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        offer = editing.save_offer(form)
        messages.success(
            request,
            _("Erbjudandet %(name)s är skapat. Lägg nu till dess verksamheter.")
            % {"name": offer.name},
        )
        return redirect("offers:detail", offer.slug)
    return render(request, "offers/offer_form.html", {"form": form, "offer": None})


@GET_POST
def offer_edit(request, slug):
    offer = offer_for_user(request.user, slug)
    require_manage(request.user)
    form = OfferForm(_posted(request), instance=offer)
    if request.method == "POST" and form.is_valid():
        editing.save_offer(form)
        messages.success(request, _("Erbjudandet %(name)s är sparat.") % {"name": offer.name})
        return redirect("offers:detail", offer.slug)
    # A refused form shows the offer as stored, not the rejected values, in its heading.
    stored = offer_for_user(request.user, slug)
    return render(request, "offers/offer_form.html", {"form": form, "offer": stored})


@GET_POST
def service_create(request, slug):
    offer = offer_for_user(request.user, slug)
    require_manage(request.user)
    form = ServiceForm(_posted(request), offer=offer)
    if request.method == "POST" and form.is_valid():
        service = editing.save_service(form)
        messages.success(request, _("Verksamheten %(name)s är tillagd.") % {"name": service.name})
        return redirect("offers:detail", offer.slug)
    return render(
        request, "offers/service_form.html", {"form": form, "offer": offer, "service": None}
    )


def _service(offer, pk) -> Service:
    return get_object_or_404(Service, offer=offer, pk=pk)


@GET_POST
def service_edit(request, slug, pk):
    offer = offer_for_user(request.user, slug)
    require_manage(request.user)
    service = _service(offer, pk)
    form = ServiceForm(_posted(request), instance=service, offer=offer)
    if request.method == "POST" and form.is_valid():
        editing.save_service(form)
        messages.success(request, _("Verksamheten %(name)s är sparad.") % {"name": service.name})
        return redirect("offers:detail", offer.slug)
    return render(
        request,
        "offers/service_form.html",
        {"form": form, "offer": offer, "service": _service(offer, pk)},
    )


@GET_POST
def service_delete(request, slug, pk):
    """GET: what will be removed; POST: remove it, unless something has been recorded on it."""
    offer = offer_for_user(request.user, slug)
    require_manage(request.user)
    service = _service(offer, pk)
    if request.method == "POST":
        try:
            editing.remove_service(service)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Verksamheten %(name)s är borttagen.") % {"name": service.name}
            )
        return redirect("offers:detail", offer.slug)
    return render(request, "offers/service_delete.html", {"offer": offer, "service": service})
