"""Writes on agreements: prepare, send, withdraw, give notice, end. Views and commands call these.

Signing and countersigning live in agreements/signing.py; importing paper agreements in
agreements/paper.py. Every status change goes through Agreement.transition.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from core import outbox, site
from invoicing import billing

from .models import OPEN_STATUSES, Agreement, AgreementTemplate, NoticeParty, Status


def municipal_contacts(municipality):
    return User.objects.filter(
        municipality=municipality, is_active=True, groups__name=Role.MUNICIPAL_CONTACT.value
    ).exclude(email="")


def users_with_role(role: Role):
    return User.objects.filter(is_active=True, groups__name=role.value).exclude(email="")


def absolute_url(path: str) -> str:
    return site.absolute_url(path)


def notify(recipients, template: str, context: dict) -> None:
    """Send one mail per recipient, rendered from templates/agreements/mail/<template>_*.txt,
    through the outbox (core/outbox.py): a failing mail server leaves the action saved and the
    mail waiting to be sent again."""
    messages = []
    for user in recipients:
        context = {**context, "recipient": user}
        messages.append(
            EmailMessage(
                subject=render_to_string(
                    f"agreements/mail/{template}_subject.txt", context
                ).strip(),
                body=render_to_string(f"agreements/mail/{template}_body.txt", context),
                to=[user.email],
            )
        )
    outbox.send(messages)


@transaction.atomic
def prepare_agreement(
    *,
    municipality,
    by,
    template: AgreementTemplate | None = None,
    agreed_start_date: datetime.date | None = None,
    latest_end_date: datetime.date | None = None,
) -> Agreement:
    """A draft agreement for a municipality, on the newest template version unless one is given."""
    if Agreement.objects.filter(municipality=municipality, status__in=OPEN_STATUSES).exists():
        raise ValidationError(
            _("%(municipality)s har redan ett avtal som pågår eller gäller.")
            % {"municipality": municipality}
        )
    if template is None:
        template = AgreementTemplate.objects.order_by("-valid_from").first()
    if latest_end_date and agreed_start_date and latest_end_date < agreed_start_date:
        raise ValidationError(_("Sista giltighetsdag kan inte ligga före startdatum."))
    agreement = Agreement.objects.create(
        municipality=municipality,
        template=template,
        agreed_start_date=agreed_start_date,
        latest_end_date=latest_end_date,
        org_number=municipality.org_number,
        created_by=by,
    )
    return agreement


@transaction.atomic
def send_agreement(agreement: Agreement, *, by) -> None:
    """Send the agreement to the municipality: its contacts get a mail with a link."""
    recipients = list(municipal_contacts(agreement.municipality))
    if not recipients:
        raise ValidationError(
            _("%(municipality)s har ingen kommunkontakt med e-post. Lägg till en först.")
            % {"municipality": agreement.municipality}
        )
    agreement.transition(Status.SENT, by=by)
    link = absolute_url(reverse("agreements:detail", args=[agreement.pk]))
    transaction.on_commit(
        lambda: notify(recipients, "sent", {"agreement": agreement, "link": link})
    )


@transaction.atomic
def withdraw_agreement(agreement: Agreement, *, by, comment: str = "") -> None:
    agreement.transition(Status.WITHDRAWN, by=by, comment=comment)


def notice_end_date(agreement: Agreement, *, notice_date: datetime.date) -> datetime.date:
    """The end date that notice on ``notice_date`` gives: one calendar month later (§ 11), but
    never after the agreement's latest end date."""
    if agreement.start_date and notice_date < agreement.start_date:
        raise ValidationError(_("Uppsägningsdatum kan inte ligga före avtalets startdatum."))
    end_date = billing.end_date_after_notice(notice_date=notice_date)
    if agreement.latest_end_date and agreement.latest_end_date < end_date:
        end_date = agreement.latest_end_date
    return end_date


@transaction.atomic
def give_notice(
    agreement: Agreement, *, by, notice_date: datetime.date, party: str, comment: str = ""
) -> datetime.date:
    """Register notice (§ 11): the agreement ends one calendar month after the notice date."""
    party = NoticeParty(party)
    end_date = notice_end_date(agreement, notice_date=notice_date)
    agreement.notice_date = notice_date
    agreement.notice_party = party
    agreement.end_date = end_date
    agreement.transition(
        Status.NOTICE_GIVEN,
        by=by,
        comment=comment
        or _("Uppsagt av %(party)s den %(date)s; avtalet upphör %(end)s.")
        % {"party": party.label, "date": notice_date.isoformat(), "end": end_date.isoformat()},
    )
    return end_date


@transaction.atomic
def close_expired(*, today: datetime.date | None = None, by=None) -> list[Agreement]:
    """End every agreement whose end date or latest end date has passed."""
    today = today or timezone.localdate()
    ended = []
    for agreement in Agreement.objects.select_for_update().filter(
        status__in=[Status.ACTIVE, Status.NOTICE_GIVEN]
    ):
        if agreement.has_expired(today):
            agreement.transition(
                Status.ENDED, by=by, comment=_("Avtalets slutdatum har passerats.")
            )
            ended.append(agreement)
    return ended
