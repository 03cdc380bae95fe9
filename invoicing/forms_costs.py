"""Forms of the cost pages: a year's pool, a special annual amount, an invoice run.

Amounts are typed the Swedish way ("4 080 000", "4 080 000 kr") and become whole kronor as
Decimal. The rules themselves live in offers.pools (set_pool) and invoicing.services; these
forms only read what was typed and say clearly what is missing.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.money import format_amount, group_thousands
from municipalities.models import Municipality
from offers.models import Offer, SpecialAnnualAmount

from .models import Invoice, Kind

# Years the pages accept: wide enough for any agreement, narrow enough for a small integer.
MIN_YEAR, MAX_YEAR = 2000, 2100
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def kronor_text(amount: Decimal | int | None) -> str:
    """4080000 → '4 080 000' with plain spaces, for an input field a person can edit."""
    return "" if amount is None else group_thousands(amount).replace("\u00a0", " ")


class KronorField(forms.CharField):
    """Whole kronor, zero or more: '4 080 000', '4080000' and '4 080 000 kr' are the same."""

    default_error_messages = {
        "invalid": _("Ange beloppet i hela kronor, till exempel 4 080 000."),
        "negative": _("Beloppet kan inte vara negativt."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": 30})

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        text = _SPACES.sub("", text).removesuffix("kr").removesuffix(":-").replace("−", "-")
        if not re.fullmatch(r"-?\d{1,15}", text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above already refuses it
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if amount >= Decimal(10) ** 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return kronor_text(value)
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("År"), min_value=MIN_YEAR, max_value=MAX_YEAR, localize=False, **kwargs
    )


class PoolForm(forms.Form):
    """The project leader's confirmation of a year's pool: the proposal, or another amount with a
    note. ``proposal`` is the amount the page proposes (None when there is no earlier pool)."""

    amount = KronorField(
        label=_("Kostnadsram (kr)"),
    )
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när beloppet avviker från förslaget: till exempel beslutet bakom."),
    )

    def __init__(self, *args, proposal: Decimal | None, factor: str = "1,02", **kwargs):
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        # The offer's own yearly raise (2 %: × 1,02).
        self.fields["amount"].help_text = gettext(
            "Hela kronor. Förslaget är föregående års ram × %(factor)s."
        ) % {"factor": factor}

    def clean(self):
        cleaned = super().clean()
        amount, note = cleaned.get("amount"), cleaned.get("note", "")
        # set_pool refuses the same; said here, at the field, before the confirmation step.
        if (
            amount is not None
            and self.proposal is not None
            and amount != self.proposal
            and not note.strip()
        ):
            self.add_error(
                "note",
                gettext(
                    "%(amount)s avviker från förslaget %(proposal)s. Skriv varför i anteckningen."
                )
                % {"amount": format_amount(amount), "proposal": format_amount(self.proposal)},
            )
        return cleaned

    @property
    def deviates(self) -> bool:
        amount = self.cleaned_data.get("amount")
        return self.proposal is not None and amount is not None and amount != self.proposal


def municipalities_outside_cost_base(offer: Offer):
    """The municipalities outside the offer's cost base (Gotland), who need a special amount."""
    return (
        Municipality.objects.exclude(cost_base_offers=offer).filter(is_host=False).order_by("name")
    )


def is_invoiced(*, municipality, year: int, offer: Offer) -> bool:
    """Has the municipality been invoiced for the year under the offer (credit notes aside)?"""
    return (
        Invoice.objects.filter(municipality=municipality, year=year, agreement__offer=offer)
        .exclude(kind=Kind.CREDIT)
        .exists()
    )


class SpecialAmountForm(forms.Form):
    """An explicit annual amount for a municipality outside the cost base (Gotland) and a year."""

    municipality = forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        help_text=_("Kommuner utanför befolkningsnyckeln."),
    )
    year = year_field()
    amount = KronorField(label=_("Årsbelopp (kr)"))
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel beslutet som beloppet bygger på. Följer med på fakturan."),
    )

    def __init__(self, *args, offer: Offer, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["municipality"].queryset = municipalities_outside_cost_base(offer)

    def clean(self):
        cleaned = super().clean()
        municipality, year = cleaned.get("municipality"), cleaned.get("year")
        if municipality is not None and year is not None:
            self._refuse_if_invoiced(municipality, year)
        return cleaned

    def _refuse_if_invoiced(self, municipality, year: int) -> None:
        if is_invoiced(municipality=municipality, year=year, offer=self.offer):
            raise ValidationError(
                gettext(
                    "%(municipality)s är redan fakturerad för %(year)s; årsbeloppet kan inte "
                    "längre ändras. Gör en kreditfaktura om beloppet var fel."
                )
                % {"municipality": municipality, "year": year},
                code="invoiced",
            )

    @transaction.atomic
    def save(self, *, by) -> tuple[SpecialAnnualAmount, bool]:
        """Create or replace the amount of (municipality, year). Returns (amount, created).

        Raises ValidationError if the year was invoiced since the form was checked.
        """
        data = self.cleaned_data
        self._refuse_if_invoiced(data["municipality"], data["year"])
        return SpecialAnnualAmount.objects.update_or_create(
            offer=self.offer,
            municipality=data["municipality"],
            year=data["year"],
            defaults={"amount": data["amount"], "note": data["note"].strip(), "set_by": by},
        )


class RunForm(forms.Form):
    """?ar=2026&fakturadatum=2026-01-15: the year to invoice and the date the invoices carry."""

    ar = year_field()
    fakturadatum = forms.DateField(label=_("Fakturadatum"), widget=DateInput())
    # A first invoice previewed on its own, from the start page: only this agreement's invoice.
    avtal = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    @classmethod
    def initial_data(cls) -> dict:
        today = timezone.localdate()
        return {"ar": today.year, "fakturadatum": today}


class RunConfirmForm(RunForm):
    """The confirmation of a previewed run: what the preview showed, so that nothing else is
    issued if the plan has changed in between (another run, a new pool, a new agreement)."""

    antal = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    summa = forms.IntegerField(min_value=0, widget=forms.HiddenInput)  # whole kronor
    # Ticked on the preview when the invoice date lies more than a few days back.
    bekrafta_datum = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].widget = forms.HiddenInput()
        self.fields["fakturadatum"].widget = forms.HiddenInput()
