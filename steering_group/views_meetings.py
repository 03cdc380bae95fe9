"""Meeting pages: schedule and change a meeting, the invitation (.ics), papers and attendance.
Readers of the term see the meeting and its papers; the project leader manages. Once the minutes
are locked, nothing of the meeting changes: the pages say so and send the user back."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import access, documents, ics, mail, meetings, scope
from .forms import AttendanceForm, MeetingForm, PaperForm, first_error
from .models import MINUTES_LOCKED, Paper
from .views import GET_POST, posted


def _locked_redirect(request, meeting):
    messages.error(request, MINUTES_LOCKED)
    return redirect("steering_group:meeting", meeting.pk)


@GET_POST
def meeting_create(request, year, offer=None):
    offer = scope.steering_offer_by_slug(offer) if offer else scope.first_offer_or_404()
    term = access.managed_term(request.user, year, offer)
    form = MeetingForm(posted(request), term=term)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meetings.schedule_meeting(
                term=term,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                video_link=data["video_link"],
                agenda=data["agenda_items"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Mötet är inplanerat. Skicka kallelsen när den är klar."))
            return redirect("steering_group:meeting", meeting.pk)
    return render(
        request, "steering_group/meeting_form.html", {"term": term, "form": form, "meeting": None}
    )


@require_safe
def meeting_detail(request, pk):
    meeting = access.meeting_for_user(request.user, pk)
    minutes = getattr(meeting, "minutes", None)
    attendance = sorted(meeting.attendance.all(), key=lambda a: a.membership.name)
    return render(
        request,
        "steering_group/meeting_detail.html",
        {
            "meeting": meeting,
            "term": meeting.term,
            "minutes": minutes,
            "locked": minutes is not None and minutes.is_locked,
            "agenda": list(meeting.agenda_items.all()),
            "papers": list(meeting.papers.all()),
            "attendance": attendance,
            "can_manage": access.can_manage(request.user),
            "is_past": meeting.starts_at <= timezone.now(),
        },
    )


@GET_POST
def meeting_edit(request, pk):
    meeting = access.managed_meeting(request.user, pk)
    if meeting.is_locked:
        return _locked_redirect(request, meeting)
    form = MeetingForm(posted(request), term=meeting.term, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meetings.update_meeting(
                meeting,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                video_link=data["video_link"],
                agenda=data["agenda_items"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            message = _("Mötet är ändrat.")
            if meeting.invitation_sent_at:
                message += " " + _(
                    "Skicka kallelsen igen så att ledamöternas kalendrar uppdateras."
                )
            messages.success(request, message)
            return redirect("steering_group:meeting", meeting.pk)
    return render(
        request,
        "steering_group/meeting_form.html",
        {"term": meeting.term, "form": form, "meeting": meeting},
    )


@GET_POST
def meeting_delete(request, pk):
    meeting = access.managed_meeting(request.user, pk)
    if meeting.is_locked:
        return _locked_redirect(request, meeting)
    if request.method == "POST":
        term = meeting.term
        meetings.delete_meeting(meeting, by=request.user)
        messages.success(request, _("Mötet är struket."))
        return redirect(scope.term_url("term", term))
    return render(request, "steering_group/meeting_delete.html", {"meeting": meeting})


@GET_POST
def invite(request, pk):
    """GET: the invitation and its recipients; POST: send it, with the .ics file."""
    meeting = access.managed_meeting(request.user, pk)
    if meeting.is_locked:
        return _locked_redirect(request, meeting)
    recipients = mail.member_recipients(meeting.term)
    if request.method == "POST":
        try:
            sent = meetings.send_invitation(meeting, by=request.user)
        except ValidationError as exc:
            messages.error(request, first_error(exc))
        else:
            messages.success(
                request,
                _("Kallelsen är skickad till %(count)s ledamöter.") % {"count": len(sent)},
            )
            return redirect("steering_group:meeting", meeting.pk)
    return render(
        request,
        "steering_group/invite.html",
        {
            "meeting": meeting,
            "recipients": recipients,
            "description": documents.invitation_description(meeting),
        },
    )


@require_safe
def meeting_ics(request, pk):
    """The meeting for one's own calendar: the same event as in the invitation."""
    meeting = access.meeting_for_user(request.user, pk)
    data = ics.meeting_ics(
        meeting,
        summary=documents.invitation_summary(meeting),
        description=documents.invitation_description(meeting),
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="styrgruppsmote.ics"'
    return response


# --- Papers ---------------------------------------------------------------------------------------


@GET_POST
def paper_upload(request, pk):
    meeting = access.managed_meeting(request.user, pk)
    if meeting.is_locked:
        return _locked_redirect(request, meeting)
    form = PaperForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            paper = meetings.add_paper(
                meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Handlingen ”%(title)s” är uppladdad.") % {"title": paper})
            return redirect("steering_group:meeting", meeting.pk)
    return render(request, "steering_group/paper_form.html", {"meeting": meeting, "form": form})


@require_safe
def paper_download(request, pk):
    paper = get_object_or_404(Paper.objects.only("meeting_id"), pk=pk)
    access.meeting_for_user(request.user, paper.meeting_id)
    paper = Paper.objects.get(pk=pk)
    with paper.file.open("rb") as stored:
        data = stored.read()
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=paper.original_name,
        content_type=paper.content_type,
    )


@require_POST
def paper_delete(request, pk):
    access.require_manage(request.user)
    paper = get_object_or_404(Paper.objects.select_related("meeting"), pk=pk)
    try:
        meetings.delete_paper(paper, by=request.user)
    except ValidationError as exc:
        messages.error(request, first_error(exc))
    else:
        messages.success(request, _("Handlingen ”%(title)s” är borttagen.") % {"title": paper})
    return redirect("steering_group:meeting", paper.meeting_id)


# --- Attendance -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = access.managed_meeting(request.user, pk)
    if meeting.is_locked:
        return _locked_redirect(request, meeting)
    form = AttendanceForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        meetings.record_attendance(
            meeting,
            present=form.present_ids(),
            other_attendees=form.cleaned_data["other_attendees"],
            by=request.user,
        )
        messages.success(request, _("Närvaron är sparad."))
        return redirect("steering_group:meeting", meeting.pk)
    return render(request, "steering_group/attendance.html", {"meeting": meeting, "form": form})
