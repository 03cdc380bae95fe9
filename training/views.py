"""Training pages: the sessions, one session with its registrations, planning and changing a
session, its calendar file, attendance and the participant list. Thin: access from
training/access.py, writes in training/services.py, reads in training/selectors.py.

Registering, cancelling, the registration list and the participants per year are in
views_registrations.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.pagination import paginate

from . import access, exports, ics, scope, selectors, services
from .forms import AttendanceForm, SessionForm
from .models import RegistrationStatus

GET_POST = require_http_methods(["GET", "POST"])
PAST = "tidigare"


def posted(request):
    return request.POST if request.method == "POST" else None


def first_error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_safe
def index(request):
    user = request.user
    access.require_see_sessions(user)
    show_past = request.GET.get("visa") == PAST
    own = user.municipality_id if user.is_municipal_contact else None
    offer = scope.offer_from_query(request)
    offers = list(scope.training_offers())
    offer_params = {scope.OFFER_PARAMETER: offer.slug} if offer else {}
    visible = access.visible_sessions(user).select_related("offer")
    if offer is not None:
        visible = visible.filter(offer=offer)
    sessions = selectors.with_counts(visible, municipality_id=own)
    sessions = selectors.past(sessions) if show_past else selectors.upcoming(sessions)
    return render(
        request,
        "training/index.html",
        {
            "offer": offer,
            "offers": offers if len(offers) > 1 else [],
            "upcoming_query": urlencode(offer_params),
            "past_query": urlencode({**offer_params, "visa": PAST}),
            "page": paginate(request, sessions),
            "show_past": show_past,
            "can_manage": access.can_manage(user),
            "can_register": access.can_register(user),
            "is_contact": bool(own),
            "can_read_registrations": access.can_read_registrations(user),
            "can_export": access.can_export(user),
            "year": timezone.localdate().year,
        },
    )


@GET_POST
def session_create(request):
    access.require_manage(request.user)
    form = SessionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Utbildningen är inplanerad."))
            return redirect("training:session", session.pk)
    return render(request, "training/session_form.html", {"form": form, "session": None})


@GET_POST
def session_edit(request, pk):
    session = access.managed_session(request.user, pk)
    if session.has_started():
        messages.error(request, _("Utbildningen har redan börjat och kan inte ändras."))
        return redirect("training:session", session.pk)
    form = SessionForm(posted(request), session=session)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.update_session(session, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Utbildningen är ändrad."))
            if promoted:
                messages.info(
                    request,
                    _("Från väntelistan har %(names)s fått plats och fått ett e-brev.")
                    % {"names": ", ".join(r.name for r in promoted)},
                )
            return redirect("training:session", session.pk)
    return render(request, "training/session_form.html", {"form": form, "session": session})


STATUS_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITING, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@require_safe
def session_detail(request, pk):
    user = request.user
    session = access.session_for_user(user, pk)
    registrations = None
    if access.can_read_registrations(user):
        rows = (
            access.visible_registrations(user)
            .filter(session=session)
            .select_related("municipality")
            .annotate(status_order=STATUS_ORDER)
            .order_by("status_order", "created_at", "pk")
        )
        registrations = paginate(request, rows)
        selectors.add_waiting_positions(registrations.object_list)
    now = timezone.now()
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "places": selectors.places(session),
            "registrations": registrations,
            "can_manage": access.can_manage(user),
            "may_register": access.may_register_for(user, session),
            "is_contact": user.is_municipal_contact,
            "can_export": access.can_export(user),
            "sees_all": user.is_city_staff,
            "can_cancel_listed": access.can_manage(user)
            or (user.is_municipal_contact and not user.is_city_staff),
            "has_started": session.has_started(now),
            "has_ended": session.has_ended(now),
            "own_municipality": user.municipality if user.is_municipal_contact else None,
        },
    )


@require_safe
def session_ics(request, pk):
    session = access.session_for_user(request.user, pk)
    response = HttpResponse(ics.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.FILENAME}"'
    return response


@GET_POST
def attendance(request, pk):
    """After the session: tick who of the confirmed participants attended."""
    session = access.managed_session(request.user, pk)
    if not session.has_ended():
        messages.error(request, _("Närvaron kan registreras först när utbildningen är över."))
        return redirect("training:session", session.pk)
    form = AttendanceForm(posted(request), session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(session, attended=form.attended_ids(), by=request.user)
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(request, _("Närvaron är sparad."))
        return redirect("training:session", session.pk)
    return render(request, "training/attendance.html", {"session": session, "form": form})


@require_safe
def session_xlsx(request, pk):
    access.require_export(request.user)
    session = access.session_for_user(request.user, pk)
    response = HttpResponse(exports.session_xlsx(session), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.session_filename(session)}"'
    return response
