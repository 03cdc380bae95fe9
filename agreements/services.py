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
from offers import rules
from offers.models import Offer

from .access import BILLING_CHANGE_STATUSES
from .models import (
    OPEN_STATUSES,
    Agreement,
    AgreementTemplate,
    BillingDetailsChange,
    NoticeParty,
    Status,
)


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
    """A draft agreement for a municipality, on the newest template version (of the one offer)
    unless one is given. A municipality has at most one open agreement per offer."""
    if template is None:
        template = (
            AgreementTemplate.objects.filter(offer=Offer.objects.default())
            .order_by("-valid_from")
            .first()
        )
    open_agreements = Agreement.objects.filter(municipality=municipality, status__in=OPEN_STATUSES)
    if template is not None:
        open_agreements = open_agreements.filter(offer_id=template.offer_id)
    if open_agreements.exists():
        raise ValidationError(
            _("%(municipality)s har redan ett avtal som pågår eller gäller.")
            % {"municipality": municipality}
        )
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


def check_city_contacts(agreement: Agreement) -> None:
    """Refuse, saying exactly what is missing, while the agreement's version lacks Stockholm
    city's contact persons in § 1 (or still holds a placeholder for them)."""
    missing = agreement.template.missing_city_contacts()
    if missing:
        raise ValidationError(
            _(
                "Stockholms stads kontaktuppgifter i avtalsversion %(version)s är inte ifyllda "
                "(%(missing)s). Projektledaren fyller i dem på versionens sida."
            )
            % {"version": agreement.template.version, "missing": " ".join(missing)},
            code="city_contacts_missing",
        )


@transaction.atomic
def send_agreement(agreement: Agreement, *, by) -> None:
    """Send the agreement to the municipality: its contacts get a mail with a link."""
    check_city_contacts(agreement)
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
    end_date = rules.end_date_after_notice(notice_date=notice_date)
    if agreement.latest_end_date and agreement.latest_end_date < end_date:
        end_date = agreement.latest_end_date
    return end_date


def year_invoiced_in_full_after_notice(
    *,
    start: datetime.date | None,
    notice_date: datetime.date | None,
    end_date: datetime.date | None,
) -> int | None:
    """The year after the notice that § 6 still invoices in full, or None.

    When notice moves the end date past 1 January (notice given in December, say), the agreement
    is in force on 1 January of the end year, and § 6 invoices that whole year (nothing is
    refunded), although the agreement ends in it. rules.invoiced_years decides; this only asks
    it whether the end date's year, later than the notice's, has an invoice due.
    """
    if not (start and notice_date and end_date) or end_date.year <= notice_date.year:
        return None
    dues = rules.invoiced_years(start=start, end=end_date, through_year=end_date.year)
    return end_date.year if any(due.year == end_date.year for due in dues) else None


def full_year_after_notice(agreement: Agreement) -> int | None:
    """year_invoiced_in_full_after_notice for an agreement that has been given notice."""
    return year_invoiced_in_full_after_notice(
        start=agreement.start_date, notice_date=agreement.notice_date, end_date=agreement.end_date
    )


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
    leaders = list(users_with_role(Role.PROJECT_LEADER))
    context = {
        "agreement": agreement,
        "party": party,
        "by": by,
        "full_year": full_year_after_notice(agreement),
        "link": absolute_url(reverse("agreements:detail", args=[agreement.pk])),
    }
    transaction.on_commit(lambda: notify(leaders, "notice", context))
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


@transaction.atomic
def record_billing_change(
    agreement: Agreement,
    *,
    by,
    invoicing_address: str,
    buyer_reference: str,
    effective_from: datetime.date,
    reason: str = "",
) -> BillingDetailsChange:
    """Record a new billing address and buyer reference for invoices dated from
    ``effective_from`` on. The signed agreement is not touched; invoices already issued keep
    what they were issued with."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in BILLING_CHANGE_STATUSES:
        raise ValidationError(
            _(
                "Fakturauppgifterna kan bara ändras för ett undertecknat avtal som inte har "
                "upphört; före underskriften fylls de i direkt i § 1."
            ),
            code="invalid_status",
        )
    address = (invoicing_address or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    reference = (buyer_reference or "").strip()
    if not address:
        raise ValidationError(_("Ange faktureringsadressen."), code="required")
    today = timezone.localdate()
    if effective_from < today:
        raise ValidationError(
            _(
                "Ändringen kan inte gälla bakåt (från %(date)s): fakturor som redan är utfärdade "
                "ändras inte. Välj i dag eller ett senare datum."
            )
            % {"date": effective_from.isoformat()},
            code="in_the_past",
        )
    current = agreement.billing_details(on=effective_from)
    if (current.invoicing_address, current.buyer_reference) == (address, reference):
        raise ValidationError(
            _("Uppgifterna är desamma som de som redan gäller. Ingenting har registrerats."),
            code="unchanged",
        )
    return BillingDetailsChange.objects.create(
        agreement=agreement,
        invoicing_address=address,
        buyer_reference=reference,
        effective_from=effective_from,
        reason=(reason or "").strip(),
        created_by=by,
    )
