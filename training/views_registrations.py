"""Registration pages: a contact registers staff for a session, a registration is cancelled (after
a confirmation step), the list of registrations, and the participants per municipality and year
with the year's participant list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.collation import swedish_key
from core.pagination import paginate
from municipalities.models import Municipality

from . import access, exports, scope, selectors, services
from .forms import RegistrationForm
from .models import RegistrationStatus
from .views import GET_POST, first_error, posted

MAX_YEAR_SPAN = 50


@GET_POST
def register(request, pk):
    """A municipal contact registers one person of the municipality's staff."""
    user = request.user
    session = access.register_session(user, pk)
    if session.has_started():
        messages.error(request, _("Utbildningen har redan börjat. Anmälan är stängd."))
        return redirect("training:session", session.pk)
    form = RegistrationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                session=session, municipality=user.municipality, by=user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    _(
                        "%(name)s har fått en plats. En bekräftelse med kalenderfil är skickad "
                        "till %(email)s."
                    )
                    % {"name": registration.name, "email": registration.email},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Utbildningen är fullbokad. %(name)s står på väntelistan och får ett "
                        "e-brev om en plats blir ledig."
                    )
                    % {"name": registration.name},
                )
            return redirect("training:session", session.pk)
    return render(
        request,
        "training/register.html",
        {
            "session": session,
            "form": form,
            "places": selectors.places(session),
            "municipality": user.municipality,
        },
    )


@GET_POST
def registration_cancel(request, pk):
    """GET: what cancelling means; POST: cancel. The first on the waiting list moves up."""
    user = request.user
    registration = access.cancellable_registration(user, pk)
    session = registration.session
    if registration.status == RegistrationStatus.CANCELLED or session.has_started():
        messages.error(
            request,
            _("Anmälan är redan avbokad.")
            if registration.status == RegistrationStatus.CANCELLED
            else _("Utbildningen har redan börjat. En anmälan kan inte avbokas i efterhand."),
        )
        return redirect("training:session", session.pk)
    if request.method == "POST":
        try:
            result = services.cancel_registration(registration=registration, by=user)
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(
                request, _("Anmälan för %(name)s är avbokad.") % {"name": registration.name}
            )
            if result.promoted and access.can_manage(user):
                messages.info(
                    request,
                    _("%(names)s har flyttats upp från väntelistan och fått ett e-brev.")
                    % {"names": ", ".join(r.name for r in result.promoted)},
                )
            elif result.promoted:
                messages.info(request, _("Platsen har gått till den första på väntelistan."))
        return redirect("training:session", session.pk)
    return render(
        request,
        "training/registration_cancel.html",
        {"registration": registration, "session": session},
    )


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("ar", default))
    except (TypeError, ValueError):
        return default
    return year if abs(year - default) <= MAX_YEAR_SPAN else default


@require_safe
def registrations(request):
    """Registrations the user may see: all for city staff, the own municipality's for a
    contact. Filtered by year, status and (city staff) municipality."""
    user = request.user
    access.require_read_registrations(user)
    rows = access.visible_registrations(user)
    offer = scope.offer_from_query(request)
    if offer is not None:
        rows = rows.filter(session__offer=offer)
    year = _year(request, timezone.localdate().year) if request.GET.get("ar") else None
    if year is not None:
        rows = rows.filter(session__date__year=year)
    status = request.GET.get("status", "")
    if status in RegistrationStatus.values:
        rows = rows.filter(status=status)
    municipalities = []
    code = ""
    if user.is_city_staff:
        municipalities = sorted(Municipality.objects.all(), key=lambda m: swedish_key(m.name))
        code = request.GET.get("kommun", "")
        if code:
            rows = rows.filter(municipality__code=code)
    page = paginate(request, selectors.registration_list(rows))
    selectors.add_waiting_positions(page.object_list)
    return render(
        request,
        "training/registrations.html",
        {
            "page": page,
            "year": year,
            "years": selectors.registration_years(),
            "status": status,
            "statuses": RegistrationStatus.choices,
            "municipalities": municipalities,
            "code": code,
            "show_municipality": user.is_city_staff,
            "can_export": access.can_export(user),
            **_offer_context(offer),
        },
    )


def _offer_context(offer) -> dict:
    """The offer filter of a list: the offers to choose among (none while one has training)."""
    offers = list(scope.training_offers())
    return {"offer": offer, "offers": offers if len(offers) > 1 else []}


@require_safe
def participants(request):
    """Participants per municipality for a year: attended, and confirmed not yet recorded."""
    user = request.user
    municipality_ids = access.participant_municipality_ids(user)
    year = _year(request, timezone.localdate().year)
    offer = scope.offer_from_query(request)
    rows = selectors.participants_by_municipality(
        year, municipality_ids=municipality_ids, offer=offer
    )
    return render(
        request,
        "training/participants.html",
        {
            "year": year,
            "years": selectors.registration_years(),
            "rows": rows,
            "totals": selectors.participant_totals(rows),
            "can_export": access.can_export(user),
            "single": municipality_ids is not None,
            **_offer_context(offer),
        },
    )


@require_safe
def year_xlsx(request, year):
    access.require_export(request.user)
    response = HttpResponse(exports.year_xlsx(year), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.year_filename(year)}"'
    return response
