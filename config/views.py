"""The start page: what each of the user's roles has to do, and the cards of every app. It
gathers all the apps, so it lives on the top floor."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import User
from accounts.roles import Role
from agreements import selectors as agreement_selectors
from agreements.access import visible_agreements
from invoicing.views_costs import first_invoices_due
from municipalities.access import visible_municipalities
from municipalities.selectors import county_total
from offers.models import Offer

from . import todo


@require_safe
def home(request):
    """The start page: what this user's roles have to do."""
    user = request.user
    context = {}
    if user.has_role(Role.PROJECT_LEADER):
        municipalities = visible_municipalities(user)
        context["municipality_count"] = municipalities.count()
        context["cost_base_count"] = municipalities.filter(in_cost_base=True).count()
        context["county_total"] = county_total()
        context["user_count"] = User.objects.filter(is_active=True).count()
        context["offer_count"] = Offer.objects.count()
        rows = agreement_selectors.pipeline_rows(municipalities, include_dialogue=False)
        context["pipeline"] = agreement_selectors.pipeline_summary(rows)
        context["awaiting_signature"] = agreement_selectors.awaiting_signature()
        context["ending_soon"] = agreement_selectors.ending_soon()
        context["ending_soon_months"] = agreement_selectors.ENDING_SOON_MONTHS
        context["recent_history"] = agreement_selectors.recent_history()
    if user.has_role(Role.FINANCE):
        context["first_invoices_due"] = first_invoices_due()
    if user.is_municipal_contact:
        context["own_municipality"] = user.municipality
        context["own_offers"] = agreement_selectors.agreements_by_offer(
            visible_agreements(user).filter(municipality_id=user.municipality_id)
        )
        context["colleagues"] = (
            User.objects.filter(municipality=user.municipality, is_active=True)
            .exclude(pk=user.pk)
            .order_by("last_name", "first_name")
            if user.municipality_id
            else User.objects.none()
        )
    todos = todo.collect(user, first_invoices_due=context.get("first_invoices_due"))
    context["todos"] = [t for t in todos if t.items]
    return render(request, "home.html", context)
