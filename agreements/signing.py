"""Writes of the signing: § 1 details, the municipality's signature, the city's countersignature
and the stored PDF; and the public verification of a signed agreement.

Views call these after asking agreements/access.py who may act; these functions enforce the rules
of the agreement itself (status, completeness, the fingerprint of what was shown). Every status
change goes through Agreement.transition.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Role
from core.pdf import sha256_hex
from municipalities.orgnr import normalise_municipal_orgnr

from . import services
from .documents import (
    bilaga_year,
    document_fingerprint,
    fingerprint_of,
    render_agreement_pdf,
    signed_content,
)
from .models import Agreement, Party, Signature, Status

# § 1: what the municipality fills in. All but the buyer reference are required before signing.
REQUIRED_DETAILS = (
    "org_number",
    "department",
    "contact_person",
    "contact_details",
    "postal_address",
    "invoicing_address",
)
DETAIL_FIELDS = (*REQUIRED_DETAILS, "buyer_reference")

# Fully signed agreements: what the public verification confirms.
SIGNED_STATUSES = (Status.ACTIVE, Status.NOTICE_GIVEN, Status.ENDED)

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

DOCUMENT_CHANGED = gettext_lazy(
    "Avtalet har ändrats sedan du öppnade det, till exempel uppgifterna i § 1. "
    "Ingenting har undertecknats. Läs igenom avtalet som det ser ut nu och underteckna igen."
)


class SigningRefused(ValidationError):
    """Signing was refused; nothing has been written."""


def _locked(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update()
        .select_related("municipality", "template")
        .get(pk=agreement.pk)
    )


def missing_details(agreement: Agreement) -> list[str]:
    """The labels of the required § 1 fields that are still empty."""
    return [
        str(Agreement._meta.get_field(name).verbose_name)
        for name in REQUIRED_DETAILS
        if not str(getattr(agreement, name) or "").strip()
    ]


def details_complete(agreement: Agreement) -> bool:
    return not missing_details(agreement)


@transaction.atomic
def save_details(agreement: Agreement, **details: str) -> Agreement:
    """Store the municipality's § 1 details; only while the agreement awaits its signature."""
    agreement = _locked(agreement)
    if agreement.status != Status.SENT:
        raise ValidationError(
            _("Uppgifterna i § 1 kan bara ändras medan avtalet väntar på kommunens underskrift."),
            code="not_sent",
        )
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"not a § 1 field: {sorted(unknown)}")
    for name in DETAIL_FIELDS:
        value = str(details.get(name) or "").replace("\r\n", "\n").replace("\r", "\n")
        setattr(agreement, name, value.strip())
    agreement.org_number = normalise_municipal_orgnr(agreement.org_number)
    agreement.save()
    return agreement


def _recipients(*groups) -> list:
    """Users of several lists once each, in order."""
    seen: dict[int, object] = {}
    for group in groups:
        for user in group:
            if user.email:
                seen.setdefault(user.pk, user)
    return list(seen.values())


@transaction.atomic
def sign_for_municipality(
    agreement: Agreement,
    *,
    user,
    full_name: str,
    title: str,
    fingerprint: str,
    ip_address: str | None,
    user_agent: str,
) -> Signature:
    """The municipality signs the document whose fingerprint it was shown.

    The document is rendered again here; if it differs from what the signatory saw (the § 1
    details changed meanwhile), nothing is signed. The fingerprint is stored before the status
    moves, because the signed content cannot change afterwards.
    """
    agreement = _locked(agreement)
    if agreement.status != Status.SENT:
        raise SigningRefused(
            _("Avtalet kan inte undertecknas av kommunen när det har status ”%(status)s”.")
            % {"status": agreement.get_status_display()},
            code="invalid_status",
        )
    try:
        services.check_city_contacts(agreement)
    except ValidationError as exc:
        raise SigningRefused(exc.messages[0], code="city_contacts_missing") from None
    missing = missing_details(agreement)
    if missing:
        raise SigningRefused(
            _("Fyll i alla uppgifter i § 1 innan avtalet undertecknas (saknas: %(fields)s).")
            % {"fields": ", ".join(missing)},
            code="details_missing",
        )
    now = timezone.now()
    year = bilaga_year(agreement, on=timezone.localdate(now))
    current = document_fingerprint(agreement, year=year)
    if current != fingerprint:
        raise SigningRefused(DOCUMENT_CHANGED, code="document_changed")
    signature = Signature.objects.create(
        agreement=agreement,
        party=Party.MUNICIPALITY,
        user=user,
        full_name=full_name.strip(),
        title=title.strip(),
        signed_at=now,
        ip_address=ip_address or None,
        user_agent=user_agent or "",
        document_sha256=current,
    )
    agreement.content_sha256 = current
    agreement.signed_body, agreement.signed_appendix = signed_content(agreement, year=year)
    if fingerprint_of(agreement.signed_body + agreement.signed_appendix) != current:
        raise SigningRefused(DOCUMENT_CHANGED, code="document_changed")
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=user)

    link = services.absolute_url(reverse("agreements:detail", args=[agreement.pk]))
    city = _recipients(
        services.users_with_role(Role.PROJECT_LEADER), services.users_with_role(Role.SIGNATORY)
    )
    context = {"agreement": agreement, "signature": signature, "link": link}
    transaction.on_commit(lambda: services.notify(city, "signed", context))
    if user.email:
        transaction.on_commit(lambda: services.notify([user], "signed_receipt", context))
    return signature


def start_date_on_signing(
    *, agreed_start_date: datetime.date | None, signed_on: datetime.date
) -> datetime.date:
    """§ 11: in force from when the last party signs, or from a later agreed start date."""
    if agreed_start_date and agreed_start_date > signed_on:
        return agreed_start_date
    return signed_on


def _pdf_name(agreement: Agreement) -> str:
    return f"avtal-{agreement.pk}-{agreement.content_sha256[:12]}.pdf"


@transaction.atomic
def countersign(
    agreement: Agreement,
    *,
    user,
    full_name: str,
    title: str,
    fingerprint: str,
    ip_address: str | None,
    user_agent: str,
) -> Signature:
    """Stockholm city signs the document the municipality signed; the agreement comes into force
    and its PDF is made and stored, once. All or nothing: if the PDF cannot be made, nothing is
    signed."""
    agreement = _locked(agreement)
    if agreement.status != Status.SIGNED_BY_MUNICIPALITY:
        raise SigningRefused(
            _("Avtalet kan inte kontrasigneras när det har status ”%(status)s”.")
            % {"status": agreement.get_status_display()},
            code="invalid_status",
        )
    if agreement.pdf or agreement.pdf_sha256:
        raise SigningRefused(_("Avtalet har redan en undertecknad PDF."), code="pdf_exists")
    if fingerprint != agreement.content_sha256:
        raise SigningRefused(DOCUMENT_CHANGED, code="document_changed")
    if document_fingerprint(agreement) != agreement.content_sha256:
        # The stored content no longer matches its fingerprint: it was tampered with.
        raise SigningRefused(
            _(
                "Det undertecknade innehållet stämmer inte med sitt fingeravtryck. Kontakta projektledaren."
            ),
            code="content_changed",
        )
    now = timezone.now()
    signature = Signature.objects.create(
        agreement=agreement,
        party=Party.CITY,
        user=user,
        full_name=full_name.strip(),
        title=title.strip(),
        signed_at=now,
        ip_address=ip_address or None,
        user_agent=user_agent or "",
        document_sha256=agreement.content_sha256,
    )
    agreement.start_date = start_date_on_signing(
        agreed_start_date=agreement.agreed_start_date, signed_on=timezone.localdate(now)
    )
    agreement.transition(Status.ACTIVE, by=user)

    pdf = render_agreement_pdf(agreement)  # may fail: the transaction then leaves nothing behind
    agreement.pdf.save(_pdf_name(agreement), ContentFile(pdf), save=False)
    try:
        agreement.pdf_sha256 = sha256_hex(pdf)
        agreement.save()
    except BaseException:
        agreement.pdf.storage.delete(agreement.pdf.name)
        raise
    link = services.absolute_url(reverse("agreements:detail", args=[agreement.pk]))
    recipients = _recipients(
        services.municipal_contacts(agreement.municipality),
        services.users_with_role(Role.PROJECT_LEADER),
    )
    context = {"agreement": agreement, "signature": signature, "link": link}
    transaction.on_commit(lambda: services.notify(recipients, "active", context))
    return signature


# --- Notice (preview before the irreversible step) -----------------------------------------------


def notice_end_date(agreement: Agreement, *, notice_date: datetime.date) -> datetime.date:
    """The end date that notice on ``notice_date`` gives (the same rule services.give_notice uses)."""
    return services.notice_end_date(agreement, notice_date=notice_date)


# --- Public verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """What the public may learn about a signed agreement: whose, and when it was signed."""

    municipality: str
    signed_on: datetime.date


def normalise_fingerprint(value: str) -> str:
    """A SHA-256 as 64 lower-case hex digits; spaces, colons and upper case are forgiven."""
    compact = re.sub(r"[\s:]", "", value or "").lower()
    if not SHA256_RE.match(compact):
        raise ValidationError(
            _(
                "Ett fingeravtryck består av 64 tecken, siffrorna 0–9 och bokstäverna a–f. "
                "Kontrollera att du har kopierat hela."
            ),
            code="invalid_fingerprint",
        )
    return compact


def verify(fingerprint: str) -> list[Verification]:
    """Fully signed agreements whose content or PDF has this SHA-256 (normally none or one)."""
    fingerprint = normalise_fingerprint(fingerprint)
    agreements = (
        Agreement.objects.filter(
            Q(content_sha256=fingerprint) | Q(pdf_sha256=fingerprint),
            status__in=SIGNED_STATUSES,
            signed_on_paper=False,
        )
        .annotate(signature_count=Count("signatures"), last_signed=Max("signatures__signed_at"))
        .filter(signature_count=2)
        .select_related("municipality")
        .order_by("-last_signed")
    )
    return [
        Verification(a.municipality.name, timezone.localdate(a.last_signed)) for a in agreements
    ]
