"""Steering-group pages: the overview, the year (term) with its compliance panel, the members and
the applications. Thin: access from steering_group/access.py, writes in steering_group/services.py.

Meetings and papers are in views_meetings.py; minutes in views_minutes.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.pagination import paginate

from . import access, scope, selectors, services
from .forms import (
    ApplicationForm,
    ChooseForm,
    MemberForm,
    TermForm,
    WaitingListForm,
    first_error,
)
from .models import MAX_MEMBERS, Application, ApplicationStatus, Membership, Seat, Term

GET_POST = require_http_methods(["GET", "POST"])


def posted(request):
    return request.POST if request.method == "POST" else None


def _offer(slug: str | None):
    """The offer a year page is about: the one in the URL (404 if it has no steering group), or
    the first offer with a steering group for the short URLs."""
    return scope.steering_offer_by_slug(slug) if slug else scope.first_offer_or_404()


def _index(request, offers, *, offer=None):
    """The steering groups of ``offers``: the years the user may read, their municipality's
    applications, and the published minutes. ``offer``: the page is about that one offer."""
    user = request.user
    today = timezone.localdate()
    offer_ids = [o.pk for o in offers]
    terms = list(
        access.visible_terms(user)
        .filter(offer__in=offer_ids)
        .select_related("offer")
        .order_by("-year", "offer_id")
    )
    own_applications = {}
    if user.is_municipal_contact and user.municipality_id:
        own_applications = {
            a.term_id: a for a in Application.objects.filter(municipality_id=user.municipality_id)
        }
    apply_offers = access.apply_offer_ids(user)
    open_terms = [
        {
            "term": t,
            "application": own_applications.get(t.pk),
            "may_apply": t.offer_id in apply_offers,
        }
        for t in Term.objects.filter(year__gte=today.year, offer__in=offer_ids)
        .select_related("offer")
        .order_by("year", "offer_id")
        if t.offer_id in apply_offers or t.pk in own_applications
    ]
    published_offers = access.published_offer_ids(user)
    readable = [pk for pk in offer_ids if published_offers is None or pk in published_offers]
    can_manage = access.can_manage(user)
    return render(
        request,
        "steering_group/index.html",
        {
            "offer": offer,
            "offers": offers,
            "several": scope.several_offers(),
            "terms": terms,
            "can_manage": can_manage,
            "term_form": TermForm(offer=offer) if can_manage else None,
            "open_terms": open_terms,
            "is_contact": user.is_municipal_contact,
            "may_apply": bool(apply_offers & set(offer_ids)),
            "published": (
                paginate(request, selectors.published_minutes(readable))
                if readable and access.can_read_published(user)
                else None
            ),
            "current_year": today.year,
        },
    )


@require_safe
def index(request):
    """Every steering group (one per offer that has one)."""
    return _index(request, list(scope.steering_offers()))


@require_safe
def offer_index(request, offer):
    """One offer's steering group; an offer without one says so."""
    offer = scope.offer_by_slug(offer)
    if not offer.has_steering_group:
        return render(request, "steering_group/no_steering_group.html", {"offer": offer})
    return _index(request, [offer], offer=offer)


@GET_POST
def term_create(request):
    access.require_manage(request.user)
    form = TermForm(posted(request), offer=scope.first_offer_or_404())
    if request.method == "POST" and form.is_valid():
        try:
            term = services.create_term(
                year=form.cleaned_data["year"], offer=form.cleaned_data["offer"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("year", exc)
        else:
            messages.success(
                request, _("Styrgruppen för %(year)s är skapad.") % {"year": term.year}
            )
            return redirect(scope.term_url("term", term))
    return render(request, "steering_group/term_form.html", {"form": form})


@require_safe
def term_detail(request, year, offer=None):
    term = access.term_for_user(request.user, year, _offer(offer))
    rows = selectors.members(term)
    can_manage = access.can_manage(request.user)
    return render(
        request,
        "steering_group/term_detail.html",
        {
            "term": term,
            "members": rows,
            "meetings": list(selectors.meetings(term)),
            "compliance": selectors.compliance(term, rows=rows),
            "can_manage": can_manage,
            "pending_applications": (
                term.applications.filter(status=ApplicationStatus.SUBMITTED).count()
                if can_manage
                else 0
            ),
            "now": timezone.now(),
        },
    )


# --- Members (the project leader) -----------------------------------------------------------------


@GET_POST
def members(request, year, offer=None):
    """The applications and the members of a year; POST chooses the ticked applications."""
    term = access.managed_term(request.user, year, _offer(offer))
    form = ChooseForm(posted(request), term=term)
    if request.method == "POST" and form.is_valid():
        chosen = sorted(form.cleaned_data["applications"], key=lambda a: a.submitted_at)
        result = services.choose_applications(
            term=term,
            applications=chosen,
            by=request.user,
            rotation_reason=form.cleaned_data["rotation_reason"],
        )
        if result.chosen:
            messages.success(
                request,
                _("Valda till styrgruppen: %(names)s.")
                % {"names": ", ".join(m.name for m in result.chosen)},
            )
        for application in result.waiting:
            messages.warning(
                request,
                _("%(municipality)s är satt på väntelistan: %(reason)s")
                % {"municipality": application.municipality, "reason": application.waiting_reason},
            )
        return redirect(scope.term_url("members", term))
    rows = selectors.members(term)
    return render(
        request,
        "steering_group/members.html",
        {
            "term": term,
            "members": rows,
            "applications": selectors.applications(term),
            "form": form,
            "free_seats": services.free_seats(term),
            "max_members": MAX_MEMBERS,
            "has_chair": any(m.seat == Seat.CHAIR for m in rows),
            "has_adjunct": any(m.seat == Seat.ADJUNCT for m in rows),
        },
    )


def _add_member(request, year, seat, offer=None):
    term = access.managed_term(request.user, year, _offer(offer))
    form = MemberForm(posted(request), seat=seat)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(
                term=term, seat=seat, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s är %(seat)s i styrgruppen %(year)s.")
                % {"name": membership.name, "seat": Seat(seat).label, "year": term.year},
            )
            return redirect(scope.term_url("members", term))
    return render(
        request, "steering_group/member_form.html", {"term": term, "form": form, "seat": Seat(seat)}
    )


@GET_POST
def add_chair(request, year, offer=None):
    return _add_member(request, year, Seat.CHAIR, offer)


@GET_POST
def add_adjunct(request, year, offer=None):
    return _add_member(request, year, Seat.ADJUNCT, offer)


@GET_POST
def member_remove(request, pk):
    access.require_manage(request.user)
    membership = get_object_or_404(Membership.objects.select_related("term__offer"), pk=pk)
    if request.method == "POST":
        try:
            services.remove_member(membership=membership, by=request.user)
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(
                request,
                _("%(name)s är borttagen ur styrgruppen %(year)s.")
                % {"name": membership.name, "year": membership.term.year},
            )
        return redirect(scope.term_url("members", membership.term))
    return render(request, "steering_group/member_remove.html", {"membership": membership})


# --- Applications ---------------------------------------------------------------------------------


@GET_POST
def apply(request, year, offer=None):
    """A municipal contact's intresseanmälan for their municipality (or a change to it), to the
    group of an offer whose agreement the municipality has in force."""
    offer = _offer(offer)
    access.require_apply(request.user, offer)
    term = get_object_or_404(Term.objects.select_related("offer"), offer=offer, year=year)
    municipality = request.user.municipality
    existing = Application.objects.filter(term=term, municipality=municipality).first()
    if not services.accepts_applications(term):
        messages.error(
            request,
            _("Intresseanmälan till styrgruppen %(year)s är stängd.") % {"year": term.year},
        )
        return redirect("steering_group:index")
    if existing is not None and existing.status == ApplicationStatus.CHOSEN:
        return redirect("steering_group:application", existing.pk)
    initial = {}
    if existing is not None:
        initial = {
            "representative_name": existing.representative_name,
            "representative_role": existing.representative_role,
            "role_description": existing.role_description,
            "representative_email": existing.representative_email,
        }
    form = ApplicationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.submit_application(
                term=term, municipality=municipality, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Intresseanmälan för %(municipality)s till styrgruppen %(year)s är skickad.")
                % {"municipality": municipality, "year": term.year},
            )
            return redirect("steering_group:application", application.pk)
    return render(
        request,
        "steering_group/apply.html",
        {"term": term, "form": form, "existing": existing, "municipality": municipality},
    )


@require_safe
def application_detail(request, pk):
    application = access.application_for_user(request.user, pk)
    return render(
        request,
        "steering_group/application_detail.html",
        {
            "application": application,
            "sat_last_year": selectors.sat_last_year(
                application.term, application.representative_email
            ),
            "can_manage": access.can_manage(request.user),
            "can_change": (
                request.user.is_municipal_contact
                and request.user.municipality_id == application.municipality_id
                and application.status != ApplicationStatus.CHOSEN
                and services.accepts_applications(application.term)
                and access.can_apply(request.user, application.term.offer_id)
            ),
        },
    )


@GET_POST
def application_wait(request, pk):
    """Put an application on the waiting list with a reason."""
    application = access.application_for_user(request.user, pk)
    if not access.can_manage(request.user):
        raise PermissionDenied
    if application.status == ApplicationStatus.CHOSEN:
        messages.error(request, _("Kommunens representant är redan vald. Ta bort ledamoten först."))
        return redirect(scope.term_url("members", application.term))
    form = WaitingListForm(posted(request), initial={"reason": application.waiting_reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.put_on_waiting_list(
                application=application, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(municipality)s är satt på väntelistan.")
                % {"municipality": application.municipality},
            )
            return redirect(scope.term_url("members", application.term))
    return render(
        request, "steering_group/application_wait.html", {"application": application, "form": form}
    )
