"""Writes of the minutes (protokoll): drawn from the agenda, edited as numbered paragraphs, approved
(justering) by the chair and the meeting's adjuster. The second approval locks the minutes,
stores their PDF/A once with its SHA-256 and publishes them by e-mail to the members and to the
contacts of every municipality with an agreement in force. Nothing changes afterwards: the
models refuse it (steering_group/models.py) and so do these functions."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from core.pdf import sha256_hex

from . import access, documents, mail, selectors
from .models import Meeting, Membership, Minutes, MinutesLocked, MinutesParagraph, Seat, Term


def _locked_minutes(minutes: Minutes) -> Minutes:
    return (
        Minutes.objects.select_for_update(of=("self",))
        .select_related("meeting", "meeting__term", "adjuster", "adjuster__user")
        .get(pk=minutes.pk)
    )


@transaction.atomic
def create_minutes(meeting: Meeting, *, by) -> Minutes:
    """Minutes drawn from the agenda: § n for agenda item n, with its heading."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Mötet har redan ett protokoll."), code="exists")
    minutes = Minutes.objects.create(meeting=meeting, created_by=by)
    MinutesParagraph.objects.bulk_create(
        MinutesParagraph(minutes=minutes, number=item.number, heading=item.title)
        for item in meeting.agenda_items.order_by("number")
    )
    return minutes


def adjuster_choices(term: Term):
    """Members who may be the adjuster: any but the chair, with a user account (to approve)."""
    return (
        term.memberships.exclude(seat=Seat.CHAIR)
        .filter(user__isnull=False, user__is_active=True)
        .order_by("name")
    )


def _approvals_cleared(minutes: Minutes) -> bool:
    had = minutes.chair_approved_at is not None or minutes.adjuster_approved_at is not None
    minutes.chair_approved_at = minutes.adjuster_approved_at = None
    minutes.chair_approved_by = minutes.adjuster_approved_by = None
    minutes.chair_name = minutes.adjuster_name = ""
    return had


@transaction.atomic
def save_minutes(
    minutes: Minutes, *, adjuster: Membership | None, paragraphs: list[dict], by
) -> bool:
    """Store the paragraphs (numbered § 1, § 2 … in the order given) and the adjuster. A change
    after someone has approved clears the approvals, since they approved other words. Returns
    True if approvals were cleared."""
    minutes = _locked_minutes(minutes)
    if minutes.is_locked:
        raise MinutesLocked()
    rows = [
        {
            "heading": (p.get("heading") or "").strip()[:300],
            "text": (p.get("text") or "").strip(),
            "decision": (p.get("decision") or "").strip(),
        }
        for p in paragraphs
    ]
    rows = [r for r in rows if r["heading"] or r["text"] or r["decision"]]
    if not rows:
        raise ValidationError(_("Protokollet behöver minst en paragraf."), code="empty")
    if any(not r["heading"] for r in rows):
        raise ValidationError(_("Varje paragraf behöver en rubrik."), code="heading_missing")
    if (
        adjuster is not None
        and not adjuster_choices(minutes.meeting.term).filter(pk=adjuster.pk).exists()
    ):
        raise ValidationError(
            _("Justeraren ska vara en ledamot med användarkonto, inte ordföranden."),
            code="adjuster",
        )
    current = list(minutes.paragraphs.order_by("number").values("heading", "text", "decision"))
    changed = current != rows or minutes.adjuster_id != (adjuster.pk if adjuster else None)
    cleared = changed and _approvals_cleared(minutes)
    minutes.paragraphs.all().delete()
    MinutesParagraph.objects.bulk_create(
        MinutesParagraph(minutes=minutes, number=number, **row)
        for number, row in enumerate(rows, start=1)
    )
    minutes.adjuster = adjuster
    minutes.save()
    return cleared


@dataclass
class Approval:
    seat: str  # "chair" or "adjuster"
    locked: bool


@transaction.atomic
def approve_minutes(minutes: Minutes, *, user, now: datetime.datetime | None = None) -> Approval:
    """The chair or the adjuster approves (justerar). The second approval locks the minutes,
    stores their PDF once and publishes them."""
    now = now or timezone.now()
    minutes = _locked_minutes(minutes)
    if minutes.is_locked:
        raise MinutesLocked()
    seat = access.approver_seat(user, minutes)
    if seat is None:
        raise ValidationError(
            _("Protokollet justeras av ordföranden och mötets justerare."), code="not_approver"
        )
    if minutes.adjuster_id is None:
        raise ValidationError(_("Välj en justerare för mötet först."), code="no_adjuster")
    if not minutes.paragraphs.exists():
        raise ValidationError(_("Protokollet behöver minst en paragraf."), code="empty")
    if seat == "chair":
        if minutes.chair_approved_at:
            raise ValidationError(_("Du har redan justerat protokollet."), code="done")
        minutes.chair_approved_at, minutes.chair_approved_by = now, user
        minutes.chair_name = _member_name(minutes.meeting.term, user, Seat.CHAIR)
    else:
        if minutes.adjuster_approved_at:
            raise ValidationError(_("Du har redan justerat protokollet."), code="done")
        minutes.adjuster_approved_at, minutes.adjuster_approved_by = now, user
        minutes.adjuster_name = minutes.adjuster.name
    if minutes.chair_approved_at and minutes.adjuster_approved_at:
        _lock_and_publish(minutes, now=now)
        return Approval(seat=seat, locked=True)
    minutes.save()
    return Approval(seat=seat, locked=False)


def _member_name(term: Term, user, seat: str) -> str:
    membership = term.memberships.filter(user=user, seat=seat).first()
    return membership.name if membership else user.get_full_name() or user.username


def _pdf_name(minutes: Minutes, sha: str) -> str:
    date = timezone.localtime(minutes.meeting.starts_at).strftime("%Y-%m-%d")
    return f"protokoll-styrgruppen-{date}-{minutes.pk}-{sha[:12]}.pdf"


def publication_recipients(
    term: Term, *, today: datetime.date | None = None
) -> list[mail.Recipient]:
    """The members of the term and the contacts of every municipality with an agreement of the
    term's offer in force, each address once."""
    in_force = selectors.in_force_municipality_ids(today, offer=term.offer_id)
    contacts = User.objects.filter(
        is_active=True,
        groups__name=Role.MUNICIPAL_CONTACT.value,
        municipality_id__in=in_force,
    ).exclude(email="")
    seen: dict[str, mail.Recipient] = {}
    for recipient in mail.member_recipients(term):
        seen.setdefault(recipient.email.lower(), recipient)
    for user in contacts.order_by("municipality__name", "last_name"):
        seen.setdefault(user.email.lower(), mail.Recipient(str(user), user.email, True))
    return list(seen.values())


def _lock_and_publish(minutes: Minutes, *, now: datetime.datetime) -> None:
    """Lock, render and store the PDF (once), publish. All or nothing."""
    minutes.locked_at = now
    minutes.published_at = now
    pdf = documents.render_minutes_pdf(minutes)
    sha = sha256_hex(pdf)
    minutes.pdf.save(_pdf_name(minutes, sha), ContentFile(pdf), save=False)
    try:
        minutes.pdf_sha256 = sha
        minutes.save()
    except BaseException:
        minutes.pdf.storage.delete(minutes.pdf.name)
        raise
    recipients = publication_recipients(minutes.meeting.term)
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "link": documents.minutes_url(minutes),
    }
    filename = minutes_filename(minutes)

    def publish():
        for recipient in recipients:
            attachments = []
            if not recipient.has_account:  # they cannot follow the link: the PDF comes along
                attachments.append(
                    mail.attachment(pdf, maintype="application", subtype="pdf", filename=filename)
                )
            mail.send(
                template="published",
                context={**context, "recipient": recipient},
                to=recipient.email,
                attachments=attachments,
            )

    transaction.on_commit(publish)


def minutes_filename(minutes: Minutes) -> str:
    date = timezone.localtime(minutes.meeting.starts_at).strftime("%Y-%m-%d")
    return f"protokoll-styrgruppen-{date}.pdf"
