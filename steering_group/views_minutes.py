"""Minutes pages: create from the agenda, write the paragraphs and choose the adjuster, approve
(justering), and the PDF. After justering every change is refused with a clear message."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.pdf import read_stored

from . import access, selectors
from . import minutes as minutes_services
from .forms import ApproveForm, MinutesForm, ParagraphFormSet, first_error, paragraphs_from
from .models import MINUTES_LOCKED, Minutes
from .views import GET_POST, posted


def _to_minutes(minutes):
    return redirect("steering_group:minutes", minutes.meeting_id)


@require_POST
def minutes_create(request, pk):
    """One click: minutes with § n for each agenda item n."""
    meeting = access.managed_meeting(request.user, pk)
    try:
        minutes = minutes_services.create_minutes(meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
        return redirect("steering_group:meeting", meeting.pk)
    messages.success(request, _("Protokollet är skapat från dagordningen. Skriv text och beslut."))
    return redirect("steering_group:minutes_edit", minutes.meeting_id)


@require_safe
def minutes_detail(request, pk):
    minutes = access.minutes_for_user(request.user, pk)
    seat = access.approver_seat(request.user, minutes)
    chair = selectors.chair(minutes.meeting.term)
    return render(
        request,
        "steering_group/minutes_detail.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "paragraphs": list(minutes.paragraphs.order_by("number")),
            "can_manage": access.can_manage(request.user) and not minutes.is_locked,
            "approver_seat": seat,
            # Approving needs a user account; the project leader is told who lacks one.
            "without_account": [
                m for m in (chair, minutes.adjuster) if m is not None and m.user_id is None
            ]
            if not minutes.is_locked
            else [],
            "can_approve": (
                seat is not None
                and not minutes.is_locked
                and not _approved_by(minutes, seat)
                and minutes.adjuster_id is not None
            ),
        },
    )


def _approved_by(minutes: Minutes, seat: str) -> bool:
    return bool(minutes.chair_approved_at if seat == "chair" else minutes.adjuster_approved_at)


@GET_POST
def minutes_edit(request, pk):
    access.require_manage(request.user)
    minutes = access.minutes_for_user(request.user, pk)
    if minutes.is_locked:
        messages.error(request, MINUTES_LOCKED)
        return _to_minutes(minutes)
    choices = minutes_services.adjuster_choices(minutes.meeting.term)
    if request.method == "POST":
        form = MinutesForm(request.POST, choices=choices)
        formset = ParagraphFormSet(request.POST, prefix="p")
    else:
        form = MinutesForm(initial={"adjuster": minutes.adjuster_id}, choices=choices)
        formset = ParagraphFormSet(
            prefix="p",
            initial=list(
                minutes.paragraphs.order_by("number").values("heading", "text", "decision")
            ),
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            cleared = minutes_services.save_minutes(
                minutes,
                adjuster=form.cleaned_data["adjuster"],
                paragraphs=paragraphs_from(formset),
                by=request.user,
            )
        except ValidationError as exc:
            if exc.code == "minutes_locked":
                messages.error(request, first_error(exc))
                return _to_minutes(minutes)
            form.add_error(None, exc)
        else:
            messages.success(request, _("Protokollet är sparat."))
            if cleared:
                messages.warning(
                    request,
                    _(
                        "Protokollet har ändrats efter justering påbörjades: båda måste justera igen."
                    ),
                )
            return _to_minutes(minutes)
    return render(
        request,
        "steering_group/minutes_form.html",
        {"minutes": minutes, "meeting": minutes.meeting, "form": form, "formset": formset},
    )


@GET_POST
def minutes_approve(request, pk):
    """Justering by the chair or the meeting's adjuster, each with their own account."""
    minutes = access.minutes_for_user(request.user, pk)
    if minutes.is_locked:
        messages.error(request, MINUTES_LOCKED)
        return _to_minutes(minutes)
    seat = access.approver_seat(request.user, minutes)
    if seat is None:
        raise PermissionDenied
    form = ApproveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            approval = minutes_services.approve_minutes(minutes, user=request.user)
        except ValidationError as exc:
            messages.error(request, first_error(exc))
            return _to_minutes(minutes)
        if approval.locked:
            messages.success(
                request,
                _(
                    "Protokollet är justerat och låst. PDF:en är skapad och protokollet är "
                    "publicerat för ledamöterna och de anslutna kommunerna."
                ),
            )
        else:
            messages.success(
                request, _("Du har justerat protokollet. Det låses när båda har justerat.")
            )
        return _to_minutes(minutes)
    return render(
        request,
        "steering_group/minutes_approve.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "paragraphs": list(minutes.paragraphs.order_by("number")),
            "seat": seat,
            "form": form,
        },
    )


@require_safe
def minutes_pdf(request, pk):
    """Exactly the bytes stored at justering."""
    minutes = access.minutes_for_user(request.user, pk)
    if not minutes.is_locked or not minutes.pdf:
        raise Http404
    data = read_stored(minutes.pdf, minutes.pdf_sha256, f"The stored PDF of minutes {minutes.pk}")
    return FileResponse(
        io.BytesIO(data),
        as_attachment=False,
        filename=minutes_services.minutes_filename(minutes),
        content_type="application/pdf",
    )
