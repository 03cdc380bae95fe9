"""Forms of the agreement pages: prepare, § 1 details, signing, withdrawal, notice, verification."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from municipalities.orgnr import normalise_municipal_orgnr
from offers.models import Offer

from . import signing
from .models import OPEN_STATUSES, AgreementTemplate, NoticeParty

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class PrepareForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.none(),
        empty_label=_("Välj kommun"),
        help_text=_("Kommuner som inte redan har ett avtal som pågår eller gäller."),
    )
    template = forms.ModelChoiceField(
        label=_("Avtalsversion"),
        queryset=AgreementTemplate.objects.order_by("-valid_from"),
        empty_label=None,
    )
    agreed_start_date = forms.DateField(
        label=_("Överenskommet startdatum (valfritt)"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "T.ex. 1 januari nästa år om kommunens beslut säger det. Lämna tomt: avtalet gäller "
            "från dagen då sista part undertecknar."
        ),
    )
    latest_end_date = forms.DateField(
        label=_("Gäller längst till och med (valfritt)"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("T.ex. 31 december 2026 om kommunens beslut tidsbegränsar avtalet."),
    )

    def __init__(self, *args, offer: Offer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A municipality may hold one open agreement per offer: it is offered while some offer
        # with a version of the agreement has none open with it (one offer: no open agreement).
        offer_count = Offer.objects.filter(templates__isnull=False).distinct().count()
        self.fields["municipality"].queryset = (
            Municipality.objects.exclude(is_host=True)
            .alias(
                open_offers=Count(
                    "agreements__offer",
                    filter=Q(agreements__status__in=OPEN_STATUSES),
                    distinct=True,
                )
            )
            .filter(open_offers__lt=max(offer_count, 1))
            .order_by("name")
        )
        templates = self.fields["template"].queryset.select_related("offer")
        self.fields["template"].queryset = templates
        if offer_count > 1:
            self.fields["template"].label_from_instance = lambda t: f"{t.offer.name}: {t.version}"
            self.fields["template"].help_text = _(
                "Versionen avgör vilket erbjudande avtalet gäller."
            )
        newest = (templates.filter(offer=offer) if offer is not None else templates).first()
        if newest is not None:
            self.fields["template"].initial = newest.pk

    def clean(self):
        cleaned = super().clean()
        municipality, template = cleaned.get("municipality"), cleaned.get("template")
        if (
            municipality is not None
            and template is not None
            and municipality.agreements.filter(
                offer_id=template.offer_id, status__in=OPEN_STATUSES
            ).exists()
        ):
            self.add_error(
                "municipality",
                _("%(municipality)s har redan ett avtal om %(offer)s som pågår eller gäller.")
                % {"municipality": municipality, "offer": template.offer.name},
            )
        start, end = cleaned.get("agreed_start_date"), cleaned.get("latest_end_date")
        if start and end and end < start:
            self.add_error(
                "latest_end_date", _("Sista giltighetsdag kan inte ligga före startdatum.")
            )
        return cleaned


class DetailsForm(forms.Form):
    """§ 1, filled in by the municipality."""

    org_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=20,
        help_text=_("NNNNNN-NNNN. En kommuns organisationsnummer börjar med 2120."),
    )
    department = forms.CharField(label=_("Avdelning/enhet"), max_length=200)
    contact_person = forms.CharField(label=_("Kontaktperson"), max_length=200)
    contact_details = forms.CharField(
        label=_("Kontaktuppgifter"), max_length=300, help_text=_("Telefon och e-post.")
    )
    postal_address = forms.CharField(
        label=_("Postadress"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    invoicing_address = forms.CharField(
        label=_("Faktureringsadress"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    buyer_reference = forms.CharField(
        label=_("Fakturareferens (valfritt)"),
        max_length=100,
        required=False,
        help_text=_("Er referens, som ska stå på fakturorna (t.ex. ett referensnummer)."),
    )

    def clean_org_number(self):
        return normalise_municipal_orgnr(self.cleaned_data["org_number"])


class SignForm(forms.Form):
    """A signature: who signs, in what capacity, that they may, their password, and what they saw."""

    fingerprint = forms.CharField(widget=forms.HiddenInput)
    full_name = forms.CharField(
        label=_("Ditt fullständiga namn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    authorised = forms.BooleanField(label=_("Jag är behörig att underteckna avtalet för kommunen"))
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_(
            "Samma lösenord som när du loggar in. Det bekräftar att det är du som skriver under."
        ),
    )

    def __init__(self, *args, user, authority_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if authority_label:
            self.fields["authorised"].label = authority_label

    def clean_fingerprint(self):
        try:
            return signing.normalise_fingerprint(self.cleaned_data["fingerprint"])
        except ValidationError:
            raise ValidationError(
                _("Sidan saknar avtalets fingeravtryck. Ladda om sidan och försök igen.")
            ) from None

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Lösenordet stämmer inte. Ingenting har undertecknats."))
        return password


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar (valfritt)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Varför avtalet återkallas; syns i avtalets historik."),
    )


class NoticeForm(forms.Form):
    notice_date = forms.DateField(label=_("Uppsägningsdatum"), widget=DATE_INPUT)
    party = forms.ChoiceField(
        label=_("Uppsagt av"), choices=NoticeParty.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Kommentar (valfritt)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, fixed_party: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_party = fixed_party
        if fixed_party:
            # A municipal contact gives notice for their own municipality only.
            del self.fields["party"]
        self.fields["notice_date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if self.fixed_party:
            cleaned["party"] = self.fixed_party
        return cleaned


class BillingChangeForm(forms.Form):
    """A change of billing details after signing: a new row, never an edit of § 1."""

    invoicing_address = forms.CharField(
        label=_("Ny faktureringsadress"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    buyer_reference = forms.CharField(
        label=_("Ny fakturareferens (valfritt)"),
        max_length=100,
        required=False,
        help_text=_("Er referens, som ska stå på fakturorna (t.ex. ett referensnummer)."),
    )
    effective_from = forms.DateField(
        label=_("Gäller för fakturor daterade från och med"),
        widget=DATE_INPUT,
        help_text=_("Fakturor som redan är utfärdade ändras inte."),
    )
    reason = forms.CharField(
        label=_("Anledning (valfritt)"),
        max_length=300,
        required=False,
        help_text=_("T.ex. ny fakturaadress efter omorganisation."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].initial = timezone.localdate()

    def clean_effective_from(self):
        date = self.cleaned_data["effective_from"]
        if date < timezone.localdate():
            raise ValidationError(
                _("Ändringen kan inte gälla bakåt: välj i dag eller ett senare datum.")
            )
        return date


class VerifyForm(forms.Form):
    fingerprint = forms.CharField(
        label=_("Fingeravtryck (SHA-256)"),
        required=False,
        max_length=200,
        help_text=_(
            "64 tecken. Står längst ned på varje sida i det undertecknade avtalet; "
            "du kan också klistra in PDF-filens SHA-256."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    document = forms.FileField(
        label=_("… eller ladda upp avtalet som PDF"),
        required=False,
        help_text=_("Högst 20 MB. Filen sparas inte; bara dess SHA-256 räknas ut."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_fingerprint(self):
        value = self.cleaned_data["fingerprint"].strip()
        return signing.normalise_fingerprint(value) if value else ""

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen är större än 20 MB."))
        digest = hashlib.sha256()
        head = b""
        for chunk in upload.chunks():
            if not head:
                head = chunk[:5]
            digest.update(chunk)
        if head != b"%PDF-":
            raise ValidationError(_("Filen är inte en PDF."))
        return digest.hexdigest()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        fingerprint, document = cleaned.get("fingerprint"), cleaned.get("document")
        if fingerprint and document:
            raise ValidationError(_("Ange antingen ett fingeravtryck eller en fil, inte båda."))
        if not fingerprint and not document:
            raise ValidationError(
                _("Klistra in ett fingeravtryck eller ladda upp avtalet som PDF.")
            )
        cleaned["sha256"] = fingerprint or document
        return cleaned
