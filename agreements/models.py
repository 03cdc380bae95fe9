"""Agreement templates and agreements, with the status machine of § 11."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.orgnr import normalise_orgnr, validate_municipal_orgnr
from offers.models import Offer


class AgreementTemplate(models.Model):
    """A version of the agreement text. Frozen once an agreement has been signed on it."""

    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="templates",
    )
    version = models.CharField(_("version"), max_length=50)
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(
        _("rubrik"),
        max_length=200,
        default="Avtal om nyttjande av insatser vid Mikamottagningen, KAST och regionkoordinatorer",
    )
    city_party = models.TextField(
        _("Stockholms stads part i § 1"),
        help_text=_(
            "Förvaltning, org.nr och avdelning. Kontaktpersonerna fylls i för sig, under "
            "”Stockholms stads kontaktpersoner”."
        ),
    )
    signatory_name = models.CharField(
        _("undertecknare för Stockholms stad"), max_length=150, blank=True
    )
    signatory_title = models.CharField(_("undertecknarens titel"), max_length=150)
    valid_from = models.DateField(
        _("gäller från"),
        help_text=_("Pappersavtal med startdatum från och med detta får versionen."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("avtalsversion")
        verbose_name_plural = _("avtalsversioner")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "version"], name="one_version_per_offer")
        ]

    def __str__(self):
        return f"{self.title} ({self.version})"

    @property
    def is_frozen(self) -> bool:
        """Frozen once any agreement on this version has been signed by someone."""
        return self.agreements.filter(
            models.Q(signatures__isnull=False) | models.Q(signed_on_paper=True)
        ).exists()

    def check_editable(self):
        if self.pk and self.is_frozen:
            raise ValidationError(
                _(
                    "Versionen %(version)s är låst: avtal har undertecknats på den. Skapa en ny version."
                )
                % {"version": self.version}
            )

    def missing_city_contacts(self) -> list[str]:
        """What keeps this version's § 1 from naming Stockholm city's contact persons: each
        contact with what it lacks, a placeholder text, or no contact at all. Empty when complete.

        An agreement on the version is not sent or signed until this is empty (the city's contact
        persons are data of the version that the project leader fills in)."""
        missing = []
        if PLACEHOLDER.search(self.city_party or ""):
            missing.append(
                _("Stockholms stads part i § 1 innehåller platshållaren ”%(text)s”.")
                % {"text": PLACEHOLDER.search(self.city_party).group(0)}
            )
        contacts = list(self.contacts.all())
        if not contacts:
            missing.append(_("Versionen namnger ingen kontaktperson för Stockholms stad."))
        for contact in contacts:
            lacking = contact.missing_fields()
            if lacking:
                missing.append(
                    _("%(role)s: %(fields)s saknas.")
                    % {"role": contact.role, "fields": ", ".join(lacking)}
                )
        return missing

    @classmethod
    def in_force_on(cls, date: datetime.date, *, offer=None):
        """The version of ``offer`` (default: the one offer of the installation) in force on a
        date: the latest one whose valid_from is not after it."""
        if offer is None:
            offer = Offer.objects.order_by("pk").first()  # Offer.objects.default(), or none
        return cls.objects.filter(offer=offer, valid_from__lte=date).order_by("-valid_from").first()


# Text standing in for a contact's details, as the 2021 and 2023 versions were published:
# "(namn, titel, telefon, e-post)". It must never reach an agreement that is sent or signed.
PLACEHOLDER = re.compile(
    r"\((?:namn|titel|telefon|e-post)(?:\s*,\s*(?:namn|titel|telefon|e-post))+\)"
)


class TemplateContact(models.Model):
    """One of Stockholm city's contact persons that a version of the agreement names in § 1,
    filled in by the project leader (the reference data leaves them empty)."""

    DETAIL_FIELDS = ("name", "title", "phone", "email")

    template = models.ForeignKey(
        AgreementTemplate, on_delete=models.CASCADE, related_name="contacts"
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    role = models.CharField(
        _("roll i avtalet"),
        max_length=200,
        help_text=_("T.ex. ”Kontaktperson för Mikamottagningen och KAST”."),
    )
    name = models.CharField(_("namn"), max_length=150, blank=True)
    title = models.CharField(_("titel"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-post"), blank=True)

    class Meta:
        verbose_name = _("kontaktperson för Stockholms stad")
        verbose_name_plural = _("kontaktpersoner för Stockholms stad")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="one_contact_per_place")
        ]

    def __str__(self):
        return f"{self.role}: {self.name or '–'}"

    def missing_fields(self) -> list[str]:
        """The labels of the details that are empty or still a placeholder."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.DETAIL_FIELDS
            if not getattr(self, name).strip() or PLACEHOLDER.search(getattr(self, name))
        ]

    @property
    def details(self) -> str:
        """As the agreement prints it: "Namn, titel, telefon, e-post"."""
        return ", ".join(v for v in (self.name, self.title, self.phone, self.email) if v)


class TemplateSection(models.Model):
    template = models.ForeignKey(
        AgreementTemplate, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Stycken skiljs åt av en tom rad."))

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="one_section_per_place")
        ]

    def __str__(self):
        return self.heading


class Status(models.TextChoices):
    DRAFT = "utkast", _("utkast")
    SENT = "skickat", _("skickat till kommunen")
    SIGNED_BY_MUNICIPALITY = "undertecknat_kommun", _("undertecknat av kommunen")
    ACTIVE = "gallande", _("gällande")
    NOTICE_GIVEN = "uppsagt", _("uppsagt")
    ENDED = "avslutat", _("avslutat")
    WITHDRAWN = "aterkallat", _("återkallat")


# The only moves the status can make. Everything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SENT, Status.WITHDRAWN}),
    Status.SENT: frozenset({Status.SIGNED_BY_MUNICIPALITY, Status.WITHDRAWN}),
    Status.SIGNED_BY_MUNICIPALITY: frozenset({Status.ACTIVE}),
    Status.ACTIVE: frozenset({Status.NOTICE_GIVEN, Status.ENDED}),
    Status.NOTICE_GIVEN: frozenset({Status.ENDED}),
    Status.ENDED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
# Pending or in force: at most one per municipality (a database constraint).
OPEN_STATUSES = [
    Status.DRAFT,
    Status.SENT,
    Status.SIGNED_BY_MUNICIPALITY,
    Status.ACTIVE,
    Status.NOTICE_GIVEN,
]
IN_FORCE_STATUSES = [Status.ACTIVE, Status.NOTICE_GIVEN]


class NoticeParty(models.TextChoices):
    MUNICIPALITY = "kommunen", _("kommunen")
    CITY = "stockholms_stad", _("Stockholms stad")


class TransitionError(ValidationError):
    pass


class Agreement(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    # The offer of the agreement: always its template's (set from it when the agreement is made).
    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    template = models.ForeignKey(
        AgreementTemplate,
        verbose_name=_("avtalsversion"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    # § 1, filled in by the municipality when it signs.
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_municipal_orgnr]
    )
    department = models.CharField(_("avdelning/enhet"), max_length=200, blank=True)
    contact_person = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_details = models.CharField(
        _("kontaktuppgifter"), max_length=300, blank=True, help_text=_("Telefon och e-post.")
    )
    postal_address = models.TextField(_("postadress"), blank=True)
    invoicing_address = models.TextField(_("faktureringsadress"), blank=True)
    buyer_reference = models.CharField(
        _("fakturareferens"),
        max_length=100,
        blank=True,
        help_text=_("Er referens, som ska stå på fakturorna (t.ex. ett referensnummer)."),
    )
    # The life of the agreement (§ 11).
    agreed_start_date = models.DateField(
        _("överenskommet startdatum"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt: avtalet gäller från dagen då sista part undertecknar."),
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    latest_end_date = models.DateField(
        _("gäller längst till och med"),
        null=True,
        blank=True,
        help_text=_("T.ex. 2026-12-31 om kommunens beslut tidsbegränsar avtalet."),
    )
    notice_date = models.DateField(_("uppsägningsdatum"), null=True, blank=True)
    notice_party = models.CharField(
        _("uppsagt av"), max_length=20, choices=NoticeParty.choices, blank=True
    )
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    signed_on_paper = models.BooleanField(_("undertecknat på papper"), default=False)
    paper_signed_on = models.DateField(_("undertecknat (papper)"), null=True, blank=True)
    scan = models.FileField(_("inskannat avtal"), upload_to="agreements/scans/", blank=True)
    # The signed document, stored once (see agreements/documents.py).
    content_sha256 = models.CharField(_("dokumentets fingeravtryck"), max_length=64, blank=True)
    # The exact content the municipality signed (HTML: the text with § 1, then the Bilaga), kept so
    # that the countersignature and the PDF use what was signed even if a pool changes later.
    signed_body = models.TextField(_("undertecknad text"), blank=True, editable=False)
    signed_appendix = models.TextField(_("undertecknad bilaga"), blank=True, editable=False)
    pdf = models.FileField(_("undertecknad PDF"), upload_to="agreements/signed/", blank=True)
    pdf_sha256 = models.CharField(_("PDF:ens SHA-256"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        ordering = ["municipality__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "offer"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="one_open_agreement_per_municipality_and_offer",
            ),
        ]

    def __str__(self):
        return _("Avtal med %(municipality)s") % {"municipality": self.municipality}

    # What the parties signed: never changes once the municipality has signed.
    SIGNED_FIELDS = (
        "municipality_id",
        "offer_id",
        "template_id",
        "org_number",
        "department",
        "contact_person",
        "contact_details",
        "postal_address",
        "invoicing_address",
        "buyer_reference",
        "content_sha256",
        "signed_body",
        "signed_appendix",
    )

    def save(self, *args, **kwargs):
        if self._state.adding and self.template_id is not None:
            self.offer_id = (
                AgreementTemplate.objects.filter(pk=self.template_id)
                .values_list("offer_id", flat=True)
                .get()
            )
        if self.org_number:
            self.org_number = normalise_orgnr(self.org_number)
        if self.pk:
            self._refuse_changes_to_signed_content()
        super().save(*args, **kwargs)

    def _refuse_changes_to_signed_content(self):
        stored = (
            Agreement.objects.filter(pk=self.pk)
            .values(*self.SIGNED_FIELDS, "status", "pdf_sha256")
            .first()
        )
        if stored is None or stored["status"] in (Status.DRAFT, Status.SENT, Status.WITHDRAWN):
            return
        changed = [f for f in self.SIGNED_FIELDS if stored[f] != getattr(self, f)]
        if stored["pdf_sha256"] and stored["pdf_sha256"] != self.pdf_sha256:
            changed.append("pdf_sha256")
        if changed:
            raise ValidationError(
                _("Ett undertecknat avtal ändras inte (%(fields)s). Gör ett nytt avtal.")
                % {"fields": ", ".join(changed)},
                code="signed_agreement_is_immutable",
            )

    # --- Status ---------------------------------------------------------------------------

    @transaction.atomic
    def transition(self, to: str, *, by, comment: str = "") -> "StatusChange":
        """Move to status ``to`` if that move is allowed, and record who did it and when.

        This is the only place that assigns ``status``.
        """
        to = Status(to)
        current = Status(self.status)
        if (
            to == Status.ACTIVE
            and self.start_date
            and self.latest_end_date
            and self.latest_end_date < self.start_date
        ):
            raise TransitionError(
                _("Avtalet kan inte börja gälla %(start)s: det gäller längst till %(end)s.")
                % {"start": self.start_date.isoformat(), "end": self.latest_end_date.isoformat()},
                code="ends_before_start",
            )
        if to not in TRANSITIONS[current]:
            raise TransitionError(
                _("Avtalet kan inte gå från ”%(from)s” till ”%(to)s”.")
                % {"from": current.label, "to": to.label},
                code="invalid_transition",
            )
        self.status = to
        self.save()
        return StatusChange.objects.create(
            agreement=self,
            from_status=current,
            to_status=to,
            by=by if by is not None and by.is_authenticated else None,
            comment=comment,
        )

    def allowed_transitions(self) -> frozenset[str]:
        return TRANSITIONS[Status(self.status)]

    @property
    def is_in_force_status(self) -> bool:
        return self.status in IN_FORCE_STATUSES

    def has_expired(self, today: datetime.date | None = None) -> bool:
        """The end date or the latest end date has passed (the day itself still counts)."""
        today = today or timezone.localdate()
        last_day = min(d for d in (self.end_date, self.latest_end_date, datetime.date.max) if d)
        return self.is_in_force_status and last_day < today

    def is_signed_before_start(self, today: datetime.date | None = None) -> bool:
        """Signed by both parties, but its start date is still to come."""
        today = today or timezone.localdate()
        return self.status == Status.ACTIVE and bool(self.start_date) and self.start_date > today

    def display_status(self, today: datetime.date | None = None) -> str:
        """What a person should read: an agreement past its end shows as avslutat, and one signed
        for a later start as undertecknat, gäller från that day (not yet gällande)."""
        if self.has_expired(today):
            return Status.ENDED.label
        if self.is_signed_before_start(today):
            return _("undertecknat, gäller från %(date)s") % {"date": self.start_date.isoformat()}
        return Status(self.status).label

    @property
    def last_day(self) -> datetime.date | None:
        """The last day the agreement is in force, if it is known."""
        days = [d for d in (self.end_date, self.latest_end_date) if d]
        return min(days) if days else None

    def billing_details(self, on: datetime.date) -> "BillingDetails":
        """The billing address and buyer reference of an invoice dated ``on``: the latest change
        in effect on that date, else § 1 as signed (the address, or the postal address).

        The one accessor invoicing reads them through. Uses prefetched ``billing_changes`` when
        there are (plan_run prefetches them), so a run costs one query, not one per agreement.
        """
        in_effect = [c for c in self.billing_changes.all() if c.effective_from <= on]
        if in_effect:
            change = max(in_effect, key=lambda c: (c.effective_from, c.created_at, c.pk))
            return BillingDetails(change.invoicing_address, change.buyer_reference, change)
        return BillingDetails(
            self.invoicing_address or self.postal_address, self.buyer_reference, None
        )

    def is_in_force_on(self, date: datetime.date) -> bool:
        if self.start_date is None or self.start_date > date:
            return False
        if self.status not in (*IN_FORCE_STATUSES, Status.ENDED):
            return False
        return self.last_day is None or date <= self.last_day


class StatusChange(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("från"), max_length=30, choices=Status.choices)
    to_status = models.CharField(_("till"), max_length=30, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.agreement}: {self.from_status} → {self.to_status}"


class Party(models.TextChoices):
    MUNICIPALITY = "kommunen", _("kommunen")
    CITY = "stockholms_stad", _("Stockholms stad")


class Signature(models.Model):
    """An electronic signature: who, when, from where, and the fingerprint of what they saw."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signatures")
    party = models.CharField(_("part"), max_length=20, choices=Party.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.PROTECT
    )
    full_name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200)
    signed_at = models.DateTimeField(_("undertecknat"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    user_agent = models.TextField(_("webbläsare"), blank=True)
    document_sha256 = models.CharField(_("dokumentets SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_signature_per_party")
        ]

    def __str__(self):
        return f"{self.full_name}, {self.title} ({self.get_party_display()})"


class BillingDetailsChange(models.Model):
    """A change of a signed agreement's billing address or buyer reference (§ 1).

    The signed document stays as signed; invoices dated from ``effective_from`` on use the latest
    change in effect (Agreement.billing_details). A row is never edited: a new change is a new row.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="billing_changes"
    )
    invoicing_address = models.TextField(_("faktureringsadress"))
    buyer_reference = models.CharField(
        _("fakturareferens"),
        max_length=100,
        blank=True,
        help_text=_("Er referens, som ska stå på fakturorna (t.ex. ett referensnummer)."),
    )
    effective_from = models.DateField(
        _("gäller för fakturor daterade från och med"),
    )
    reason = models.CharField(_("anledning"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now)

    class Meta:
        verbose_name = _("ändring av fakturauppgifter")
        verbose_name_plural = _("ändringar av fakturauppgifter")
        ordering = ["-effective_from", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.agreement}: {self.effective_from:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError(
                _("En registrerad ändring av fakturauppgifterna ändras inte; registrera en ny."),
                code="billing_change_is_immutable",
            )
        super().save(*args, **kwargs)


@dataclass(frozen=True)
class BillingDetails:
    """Where and to whom an invoice of the agreement goes, on a given invoice date."""

    invoicing_address: str
    buyer_reference: str
    change: BillingDetailsChange | None  # None: as signed in § 1


from .models_pipeline import ContactNote, ResidentsMet  # noqa: E402,F401  (the pipeline's models)
