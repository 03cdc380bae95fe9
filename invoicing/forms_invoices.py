"""Forms of the invoice pages: the list's filters, a payment, a credit note."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import InvoiceStatus
from .selectors import InvoiceFilters


class SwedishDecimalField(forms.DecimalField):
    """Accepts what people type in Sweden: '49 770,50', '49770.50', '25 %'."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = (
                value.replace("\u00a0", "")
                .replace("\u202f", "")
                .replace(" ", "")
                .replace("kr", "")
                .replace("%", "")
                .replace(",", ".")
                .replace("−", "-")
            )
        return super().to_python(value)


class InvoiceFilterForm(forms.Form):
    """The list's filters, read from the query string (?ar=2025&status=utfardad&kommun=0160).

    The page writes its own <select> elements (a county's worth of options is quicker written by
    the view); this form only reads and checks what comes back.
    """

    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla"))] + InvoiceStatus.choices
    )
    kommun = forms.RegexField(label=_("Kommun"), required=False, regex=r"^\d{4}$")
    forfallna = forms.BooleanField(label=_("Bara förfallna"), required=False)
    erbjudande = forms.SlugField(label=_("Erbjudande"), required=False)

    def filters(self) -> InvoiceFilters:
        """The valid filters; a value that is not valid is left out rather than refused."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return InvoiceFilters(
            year=data.get("ar") or None,
            status=data.get("status") or "",
            municipality_code=data.get("kommun") or "",
            overdue=bool(data.get("forfallna")),
            offer_slug=data.get("erbjudande") or "",
        )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Betalningsdag"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    amount = SwedishDecimalField(
        label=_("Belopp (kr)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        max_length=200,
        help_text=_("Till exempel verifikationsnummer eller avsändare."),
    )
    # Set by the confirmation page of an over-payment (services.PaymentNeedsConfirmation).
    bekrafta = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(_("Betalningsdagen kan inte ligga i framtiden."))
        return paid_on


class PaymentReversalForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till återföringen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel: fel belopp, fel faktura. Skälet syns i historiken."),
    )


class CreditForm(forms.Form):
    FULL, PARTIAL = "hela", "andel"

    scope = forms.ChoiceField(
        label=_("Vad ska krediteras?"),
        choices=[
            (FULL, _("Hela det belopp som ännu inte är krediterat")),
            (PARTIAL, _("En andel av fakturans belopp, i procent (t.ex. force majeure, § 10)")),
        ],
        widget=forms.RadioSelect,
        initial=FULL,
    )
    percent = SwedishDecimalField(
        label=_("Andel (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        help_text=_("Bara för en delkreditering: hur stor del av fakturans belopp."),
    )
    reason = forms.CharField(
        label=_("Skäl till krediteringen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skälet står på kreditfakturan, till exempel vad som inte kunde levereras."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == self.PARTIAL and cleaned.get("percent") is None:
            self.add_error("percent", _("Ange hur stor andel som ska krediteras."))
        if cleaned.get("scope") == self.FULL:
            cleaned["percent"] = None
        return cleaned


class BuyerReferenceForm(forms.Form):
    """The buyer reference (Er referens) the e-invoice needs when § 1 of the agreement gave none.
    Set once: the box confirms it has been checked with the municipality."""

    referens = forms.CharField(
        label=_("Kommunens fakturareferens (Er referens)"),
        max_length=100,
        help_text=_(
            "Referensen kommunen vill ha på sina fakturor, t.ex. ett referensnummer eller "
            "beställarens id. Den står i e-fakturan och kan inte ändras efteråt."
        ),
    )
    bekraftad = forms.BooleanField(
        label=_("Jag har kontrollerat referensen med kommunen; den kan inte ändras efteråt."),
    )


class SellerForm(forms.Form):
    """The seller block finance sets (invoicing.seller): what every invoice says about the
    seller and where it is paid."""

    bankgiro = forms.CharField(
        label=_("Bankgironummer"),
        max_length=9,
        help_text=_("NNN-NNNN eller NNNN-NNNN, med rätt kontrollsiffra."),
    )
    reference_name = forms.CharField(
        label=_("Vår referens: namn"),
        max_length=200,
        help_text=_("Står på fakturan som ”Vår referens” och på påminnelsen som kontaktperson."),
    )
    reference_phone = forms.CharField(label=_("Vår referens: telefon"), max_length=50)
    reference_email = forms.EmailField(label=_("Vår referens: e-post"))
    address = forms.CharField(
        label=_("Adress"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.EmailField(label=_("E-post för fakturafrågor"), required=False)

    def clean_bankgiro(self):
        from .seller import bankgiro_digits

        value = self.cleaned_data["bankgiro"].strip()
        if bankgiro_digits(value) is None:
            raise forms.ValidationError(
                _(
                    "%(value)s är inte ett giltigt bankgironummer: skriv NNN-NNNN eller "
                    "NNNN-NNNN, och kontrollera siffrorna (kontrollsiffran stämmer inte)."
                ),
                params={"value": value},
            )
        return value
