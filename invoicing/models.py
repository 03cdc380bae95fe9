from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import format_amount


class InvoiceSequence(models.Model):
    """The last number used in a year's series. Locked (SELECT … FOR UPDATE) while issuing."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Kind(models.TextChoices):
    FIRST = "first", _("första faktura")
    ANNUAL = "annual", _("årsfaktura")
    CREDIT = "credit", _("kreditfaktura")


class InvoiceStatus(models.TextChoices):
    ISSUED = "utfardad", _("utfärdad")
    PAID = "betald", _("betald")
    CREDITED = "krediterad", _("krediterad")


class ImmutableInvoiceError(Exception):
    """Issued invoices never change and are never deleted; corrections are credit notes."""


class Invoice(models.Model):
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("avtal"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    year = models.PositiveSmallIntegerField(_("avser år"))
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    twelfths = models.PositiveSmallIntegerField(_("tolftedelar"))
    # Under an offer's days rule (offers.rules.DAYS) the first invoice covers the days of its
    # year from the start day, not twelfths: then ``twelfths`` is 0 and ``days`` says how many.
    days = models.PositiveSmallIntegerField(_("dagar"), null=True, blank=True)
    annual_amount = models.DecimalField(_("årsbelopp"), max_digits=14, decimal_places=2)
    amount = models.DecimalField(
        _("belopp"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Negativt för en kreditfaktura."),
    )
    # Everything the amount was computed from and the billing details, as they were at issue.
    snapshot = models.JSONField(_("underlag"))
    credited_invoice = models.ForeignKey(
        "self",
        verbose_name=_("krediterar faktura"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    credit_reason = models.TextField(_("skäl till kreditering"), blank=True)
    number = models.CharField(_("fakturanummer"), max_length=20, unique=True)
    series_year = models.PositiveSmallIntegerField(_("serie"))
    series_number = models.PositiveIntegerField(_("löpnummer"))
    ocr = models.CharField(_("OCR-nummer"), max_length=25, unique=True)
    invoice_date = models.DateField(_("fakturadatum"))
    due_date = models.DateField(_("förfallodatum"))
    status = models.CharField(
        _("status"), max_length=12, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    pdf = models.FileField(_("PDF"), upload_to="invoices/", blank=True)
    pdf_sha256 = models.CharField(_("PDF:ens SHA-256"), max_length=64, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utfärdad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("utfärdad"), auto_now_add=True)
    # Whether the stored PDF carries the e-invoice (its XML) as an attachment: set once, with it.
    pdf_has_einvoice = models.BooleanField(_("PDF:en bär e-fakturan"), default=False)
    # The e-invoice (Peppol BIS Billing 3.0, UBL 2.1), stored once with its SHA-256 when it is
    # first built (see invoicing/einvoice_documents.py).
    einvoice_xml = models.FileField(_("e-faktura (XML)"), upload_to="einvoices/", blank=True)
    einvoice_sha256 = models.CharField(_("e-fakturans SHA-256"), max_length=64, blank=True)
    # The buyer reference (Er referens) finance sets, once, when § 1 of the agreement gave none:
    # Peppol needs one. The snapshot itself never changes.
    einvoice_buyer_reference = models.CharField(
        _("fakturareferens för e-fakturan"), max_length=100, blank=True
    )
    einvoice_buyer_reference_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fakturareferensen angiven av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    einvoice_buyer_reference_set_at = models.DateTimeField(
        _("fakturareferensen angiven"), null=True, blank=True
    )

    # Fields that may still change after issue: the status (paid, credited) and, once each, the
    # PDF, the e-invoice and a buyer reference missing from the snapshot.
    MUTABLE_FIELDS = frozenset(
        {
            "status",
            "pdf",
            "pdf_sha256",
            "pdf_has_einvoice",
            "einvoice_xml",
            "einvoice_sha256",
            "einvoice_buyer_reference",
            "einvoice_buyer_reference_set_by_id",
            "einvoice_buyer_reference_set_at",
        }
    )
    BUYER_REFERENCE_FIELDS = (
        "einvoice_buyer_reference",
        "einvoice_buyer_reference_set_by_id",
        "einvoice_buyer_reference_set_at",
    )

    class Meta:
        verbose_name = _("faktura")
        verbose_name_plural = _("fakturor")
        ordering = ["-series_year", "-series_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                condition=~models.Q(kind="credit"),
                name="one_invoice_per_agreement_and_year",
            ),
            models.UniqueConstraint(
                fields=["series_year", "series_number"], name="gapless_series_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(twelfths__gte=0, twelfths__lte=12), name="twelfths_0_to_12"
            ),
            # Days (the days rule) or twelfths, never both: a year has at most 366 days.
            models.CheckConstraint(
                condition=models.Q(days__isnull=True)
                | models.Q(days__gte=1, days__lte=366, twelfths=0),
                name="days_1_to_366_without_twelfths",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="credit", credited_invoice__isnull=False, amount__lte=0)
                    | (
                        ~models.Q(kind="credit")
                        & models.Q(credited_invoice__isnull=True, amount__gte=0)
                    )
                ),
                name="credit_notes_point_back",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "year"]), models.Index(fields=["due_date"])]

    def __str__(self):
        return f"{self.number} {self.municipality}"

    def save(self, *args, **kwargs):
        if self.pk:
            self._refuse_changes()
        super().save(*args, **kwargs)

    def _refuse_changes(self):
        stored = Invoice.objects.filter(pk=self.pk).first()
        if stored is None:
            return
        changed = [
            f.attname
            for f in self._meta.concrete_fields
            if f.attname not in self.MUTABLE_FIELDS
            and getattr(stored, f.attname) != getattr(self, f.attname)
        ]
        if stored.pdf_sha256 and (
            stored.pdf_sha256 != self.pdf_sha256 or stored.pdf_has_einvoice != self.pdf_has_einvoice
        ):
            changed.append("pdf_sha256")
        if stored.einvoice_sha256 and stored.einvoice_sha256 != self.einvoice_sha256:
            changed.append("einvoice_sha256")
        changed.extend(self._refused_buyer_reference_change(stored))
        if changed:
            raise ImmutableInvoiceError(
                _("En utfärdad faktura ändras aldrig (%(fields)s). Gör en kreditfaktura.")
                % {"fields": ", ".join(changed)}
            )

    def _refused_buyer_reference_change(self, stored) -> list[str]:
        """The buyer reference for the e-invoice may be set once, and only when the snapshot
        (§ 1 of the agreement) has none."""
        if all(getattr(stored, f) == getattr(self, f) for f in self.BUYER_REFERENCE_FIELDS):
            return []
        if stored.einvoice_buyer_reference or (self.snapshot or {}).get("buyer_reference"):
            return ["einvoice_buyer_reference"]
        return []

    def delete(self, *args, **kwargs):
        raise ImmutableInvoiceError(_("En utfärdad faktura kan inte tas bort."))

    @property
    def is_credit_note(self) -> bool:
        return self.kind == Kind.CREDIT

    @property
    def offer_name(self) -> str:
        """The offer the invoice is for, as it was named at issue (the agreement's offer for an
        invoice issued before the snapshot named it)."""
        return (self.snapshot or {}).get("offer_name") or self.agreement.offer.name


class Payment(models.Model):
    """A payment received, or the counter-entry that reverses a mistyped one (``reverses``: the
    same amount, negative, with a reason). Nothing is deleted: every sum of ``amount`` (the
    balances) counts the reversal, and the audit history keeps both rows."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("faktura"), on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = models.DateField(_("betalningsdag"))
    amount = models.DecimalField(_("belopp"), max_digits=14, decimal_places=2)
    note = models.CharField(_("anteckning"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("återför betalning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
    )
    reason = models.TextField(_("skäl till återföring"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("betalning")
        verbose_name_plural = _("betalningar")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(amount__gt=0, reverses__isnull=True)
                    | models.Q(amount__lt=0, reverses__isnull=False)
                ),
                name="payment_positive_or_reversal",
            )
        ]

    def __str__(self):
        return f"{self.invoice.number}: {format_amount(self.amount)} {self.paid_on}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class SellerDetails(models.Model):
    """The seller block as finance set it in the product (one row, pk 1): the Bankgiro number,
    the reference person (Vår referens), the address and the e-mail address every invoice,
    credit note, reminder and e-invoice carries. Until finance saves it, the environment's
    INVOICE_SELLER_* values apply (invoicing.seller.current_seller). Its history is in the audit
    history (audit.models)."""

    SINGLETON_PK = 1

    bankgiro = models.CharField(_("bankgironummer"), max_length=9)
    reference_name = models.CharField(_("vår referens, namn"), max_length=200, blank=True)
    reference_phone = models.CharField(_("vår referens, telefon"), max_length=50, blank=True)
    reference_email = models.EmailField(_("vår referens, e-post"), blank=True)
    address = models.TextField(_("adress"))
    email = models.EmailField(_("e-post för fakturafrågor"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)

    class Meta:
        verbose_name = _("säljaruppgifter")
        verbose_name_plural = _("säljaruppgifter")

    def __str__(self):
        return str(_("Säljaruppgifter"))
