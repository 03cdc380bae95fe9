"""Everything the product stores about one person (a member of staff or a contact: never a
client, of whom nothing is stored), found by e-mail address and, optionally, by name, and what
may be erased.

Each place personal data is kept is one *source* below. A finding says what is stored, and either
that it can be erased (anonymised: the row stays, so the counts and the history of decisions stay
right, but the person can no longer be identified) or why it is kept.

What is kept and why (the legal basis is printed on the page, see LEGAL_BASIS):
- signed agreements, their signatures and the snapshot in issued invoices are allmänna handlingar
  and accounting records; they never change (the product's own rule), and the law requires them
  to be kept;
- the steering group's members of a term are named in its minutes; the membership is kept with
  the minutes, the e-mail address is erased once the term is over.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from post_office.models import Attachment, Email

from accounts.models import User
from agreements.models import Agreement, Signature, Status, TemplateContact
from invoicing.models import Invoice
from steering_group.models import Application, Membership
from training.models import Registration

UNSIGNED = (Status.DRAFT, Status.SENT, Status.WITHDRAWN)

LEGAL_BASIS = [
    gettext_lazy(
        "Personuppgifterna behandlas för att Stockholms stad och kommunerna ska kunna ingå, "
        "fullgöra och följa upp avtalet: en uppgift av allmänt intresse och myndighetsutövning "
        "(dataskyddsförordningen artikel 6.1 e)."
    ),
    gettext_lazy(
        "Undertecknade avtal och deras underskrifter är allmänna handlingar som ska bevaras enligt "
        "arkivlagen (1990:782) och stadens informationshanteringsplan; de ändras aldrig."
    ),
    gettext_lazy(
        "Utfärdade fakturor är räkenskapsinformation som ska bevaras i sju år enligt "
        "bokföringslagen (1999:1078) 7 kap. 2 §; de ändras aldrig."
    ),
    gettext_lazy(
        "Styrgruppens protokoll är allmänna handlingar; ledamöternas namn står kvar i dem."
    ),
    gettext_lazy(
        "Rätten till radering gäller inte uppgifter som måste bevaras enligt lag "
        "(dataskyddsförordningen artikel 17.3 b). Allt annat kan raderas här."
    ),
]


@dataclass
class Finding:
    source: str
    description: str
    details: list[tuple[str, str]]
    erasable: bool
    kept_because: str = ""
    obj: Any = field(default=None, repr=False)
    erase: Any = field(default=None, repr=False)  # what erasing does, for erasable findings


def _name_q(prefix_first: str, prefix_last: str | None, name: str) -> Q:
    if not name:
        return Q(pk__in=[])
    if prefix_last is None:
        return Q(**{f"{prefix_first}__iexact": name})
    first, _sep, last = name.partition(" ")
    return Q(**{f"{prefix_first}__iexact": first, f"{prefix_last}__iexact": last.strip()})


def find(*, email: str, name: str = "", today: datetime.date | None = None) -> list[Finding]:
    """Every finding for the person with this e-mail address (and, if given, this full name).

    A constant number of queries: one or two per source.
    """
    email = email.strip()
    name = " ".join(name.split())
    today = today or timezone.localdate()
    findings: list[Finding] = []
    findings += _users(email, name)
    findings += _agreements(email, name)
    findings += _signatures(email, name)
    findings += _city_contacts(email, name)
    findings += _invoices(name)
    findings += _applications(email, name)
    findings += _memberships(email, name, today)
    findings += _registrations(email, name)
    findings += _login_records(email, [f.obj.username for f in findings if isinstance(f.obj, User)])
    findings += _outbox_mails(email)
    return findings


def _users(email, name):
    users = User.objects.filter(
        Q(email__iexact=email) | _name_q("first_name", "last_name", name)
    ).prefetch_related("groups")
    for user in users:
        yield Finding(
            source=_("Användarkonto"),
            description=user.username,
            details=[
                (_("Namn"), user.get_full_name()),
                (_("E-post"), user.email),
                (_("Titel"), user.title),
                (_("Telefon"), user.phone),
                (_("Roller"), ", ".join(g.name for g in user.groups.all())),
                (_("Aktivt"), _("ja") if user.is_active else _("nej")),
            ],
            erasable=True,
            obj=user,
            erase=_erase_user,
        )


def _agreements(email, name):
    q = Q(contact_details__icontains=email) if email else Q(pk__in=[])
    if name:
        q |= Q(contact_person__iexact=name)
    for agreement in Agreement.objects.filter(q).select_related("municipality"):
        signed = agreement.status not in UNSIGNED
        yield Finding(
            source=_("Avtal, § 1 kontaktperson"),
            description=str(agreement),
            details=[
                (_("Kontaktperson"), agreement.contact_person),
                (_("Kontaktuppgifter"), agreement.contact_details),
                (_("Status"), agreement.get_status_display()),
            ],
            erasable=not signed,
            kept_because="" if not signed else _("Undertecknat avtal: bevaras och ändras aldrig."),
            obj=agreement,
            erase=_erase_agreement_contact,
        )


def _city_contacts(email, name):
    q = Q(email__iexact=email) if email else Q(pk__in=[])
    if name:
        q |= Q(name__iexact=name)
    for contact in TemplateContact.objects.filter(q).select_related("template"):
        yield Finding(
            source=_("Stockholms stads kontaktperson i en avtalsversion"),
            description=f"{contact.template.version}: {contact.role}",
            details=[
                (_("Namn"), contact.name),
                (_("Titel"), contact.title),
                (_("Telefon"), contact.phone),
                (_("E-post"), contact.email),
            ],
            # Signed agreements keep their own copy of the text; the version's contact is only
            # what agreements not yet signed print, and it must be filled in again before one is.
            erasable=True,
            obj=contact,
            erase=_erase_city_contact,
        )


def _signatures(email, name):
    q = Q(user__email__iexact=email) if email else Q(pk__in=[])
    if name:
        q |= Q(full_name__iexact=name)
    for signature in Signature.objects.filter(q).select_related("agreement__municipality"):
        yield Finding(
            source=_("Underskrift"),
            description=str(signature.agreement),
            details=[
                (_("Namn"), signature.full_name),
                (_("Titel"), signature.title),
                (_("Undertecknat"), timezone.localtime(signature.signed_at).strftime("%Y-%m-%d")),
            ],
            erasable=False,
            kept_because=_("Underskrift av ett avtal: bevaras och ändras aldrig."),
            obj=signature,
        )


def _invoices(name):
    if not name:
        return
    for invoice in Invoice.objects.filter(snapshot__contact_person__iexact=name).only(
        "number", "snapshot"
    ):
        yield Finding(
            source=_("Faktura (underlag)"),
            description=invoice.number,
            details=[(_("Kontaktperson"), invoice.snapshot.get("contact_person", ""))],
            erasable=False,
            kept_because=_("Utfärdad faktura: räkenskapsinformation som bevaras i sju år."),
            obj=invoice,
        )


def _applications(email, name):
    q = Q(representative_email__iexact=email) | _name_q("representative_name", None, name)
    for application in Application.objects.filter(q).select_related("term", "municipality"):
        yield Finding(
            source=_("Intresseanmälan till styrgruppen"),
            description=f"{application.municipality} {application.term.year}",
            details=[
                (_("Namn"), application.representative_name),
                (_("E-post"), application.representative_email),
                (_("Status"), application.get_status_display()),
            ],
            erasable=True,
            obj=application,
            erase=_erase_application,
        )


def _memberships(email, name, today):
    q = Q(email__iexact=email) | _name_q("name", None, name)
    for membership in Membership.objects.filter(q).select_related("term"):
        over = membership.term.year < today.year
        yield Finding(
            source=_("Ledamot i styrgruppen"),
            description=f"{membership.term.year}: {membership.get_seat_display()}",
            details=[
                (_("Namn"), membership.name),
                (_("E-post"), membership.email),
                (_("Organisation"), membership.organisation),
            ],
            erasable=over,
            kept_because=""
            if over
            else _(
                "Ledamot i årets eller kommande styrgrupp: ta bort ledamoten på styrgruppens sida."
            ),
            obj=membership,
            erase=_erase_membership_contact,
        )


def _registrations(email, name):
    q = Q(email__iexact=email) | _name_q("name", None, name)
    for registration in Registration.objects.filter(q).select_related("session"):
        yield Finding(
            source=_("Anmälan till utbildning"),
            description=str(registration.session),
            details=[
                (_("Namn"), registration.name),
                (_("E-post"), registration.email),
                (_("Arbetsplats"), registration.workplace),
                (_("Status"), registration.get_status_display()),
            ],
            erasable=True,
            obj=registration,
            erase=_erase_registration,
        )


def _login_records(email, usernames):
    """django-axes keeps failed and successful logins (user name, address, browser) for the
    lockout; they are erasable."""
    names = {n.lower() for n in [email, *usernames] if n}
    if not names:
        return
    for model, label in (
        (AccessAttempt, _("Misslyckade inloggningar (spärr)")),
        (AccessFailureLog, _("Logg över misslyckade inloggningar")),
        (AccessLog, _("Logg över inloggningar")),
    ):
        match = Q(pk__in=[])
        for username in names:
            match |= Q(username__iexact=username)
        rows = model.objects.filter(match)
        count = rows.count()
        if count:
            yield Finding(
                source=label,
                description=_("%(count)s rader") % {"count": count},
                details=[(_("Användarnamn"), ", ".join(sorted(names)))],
                erasable=True,
                obj=rows,
                erase=lambda qs: qs.delete(),
            )


def _outbox_mails(email):
    """The outbox (core/outbox.py) keeps every mail sent to the person, with its text and
    attachments; the mails are erasable (the documents they carried are kept where they belong)."""
    if not email:
        return
    mails = Email.objects.filter(
        Q(to__icontains=email) | Q(cc__icontains=email) | Q(bcc__icontains=email)
    )
    subjects = list(mails.order_by("-created").values_list("subject", flat=True)[:6])
    if subjects:
        count = mails.count()
        shown = ", ".join(subjects[:5]) + (" …" if count > 5 else "")
        yield Finding(
            source=_("E-brev i utkorgen"),
            description=_("%(count)s e-brev") % {"count": count},
            details=[(_("Ämnen"), shown)],
            erasable=True,
            obj=mails,
            erase=_erase_mails,
        )


def _erase_mails(mails) -> None:
    attachments = list(Attachment.objects.filter(emails__in=mails).values_list("pk", flat=True))
    mails.delete()  # their log rows go with them
    for attachment in Attachment.objects.filter(pk__in=attachments, emails__isnull=True):
        attachment.file.delete(save=False)
        attachment.delete()


# --- Erasing: each keeps the row (counts and decisions stay right) and removes the person ------

ERASED = "(raderad)"


def erased_email(kind: str, pk: int) -> str:
    """A placeholder address that is unique per row and can never receive mail (.invalid)."""
    return f"raderad-{kind}-{pk}@raderad.invalid"


def _erase_user(user: User) -> None:
    user.username = f"raderad-{user.pk}"
    user.first_name = ERASED
    user.last_name = ""
    user.email = ""
    user.title = ""
    user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    _erase_history(
        user, first_name=ERASED, last_name="", email="", title="", phone="", username=user.username
    )


def _erase_agreement_contact(agreement: Agreement) -> None:
    agreement.contact_person = ""
    agreement.contact_details = ""
    agreement.save()
    _erase_history(agreement, contact_person="", contact_details="")


def _erase_city_contact(contact: TemplateContact) -> None:
    contact.name = contact.title = contact.phone = contact.email = ""
    contact.save()


def _erase_application(application: Application) -> None:
    application.representative_name = ERASED
    application.representative_email = erased_email("anmalan", application.pk)
    application.save()


def _erase_membership_contact(membership: Membership) -> None:
    membership.email = erased_email("ledamot", membership.pk)
    membership.save()
    _erase_history(membership, email=membership.email)


def _erase_registration(registration: Registration) -> None:
    registration.name = ERASED
    registration.email = erased_email("utbildning", registration.pk)
    registration.workplace = ""
    registration.save()


def _erase_history(obj, **fields) -> None:
    """The audit history keeps copies: they are anonymised the same way (audit/)."""
    manager = getattr(type(obj), "audit_history", None)
    if manager is not None:
        manager.filter(**{type(obj)._meta.pk.attname: obj.pk}).update(**fields)


@transaction.atomic
def erase(findings: list[Finding]) -> int:
    """Erase every erasable finding, all or nothing. Returns how many were erased."""
    erasable = [f for f in findings if f.erasable]
    for finding in erasable:
        finding.erase(finding.obj)
    return len(erasable)
