"""Forms of the pipeline: a contact note, residents met, the letter's period and the quote's date."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import CostPool, Offer, Service

from .models_pipeline import ContactNote, ContactStage, ResidentsMet

# How far ahead a quote may be dated: enough for any board decision.
QUOTE_YEARS_AHEAD = 5


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _not_in_future(day: datetime.date) -> datetime.date:
    if day > timezone.localdate():
        raise ValidationError(_("Datumet kan inte ligga i framtiden."))
    return day


class ContactNoteForm(forms.ModelForm):
    class Meta:
        model = ContactNote
        fields = ["date", "stage", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = ContactStage.choices  # no empty choice: a stage is required

    def clean_date(self):
        return _not_in_future(self.cleaned_data["date"])


class ResidentsMetForm(forms.ModelForm):
    """Counts only: a date, a service and a number. No field may describe a person."""

    class Meta:
        model = ResidentsMet
        fields = ["date", "service", "count"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        services = Service.objects.select_related("offer").order_by("offer__name", "order")
        self.fields["service"].queryset = services
        self.fields["service"].empty_label = None
        if Offer.objects.count() > 1:
            # Several offers: each service with its offer's name, as two may share a name.
            self.fields["service"].label_from_instance = lambda s: f"{s.offer.name}: {s.name}"
        self.fields["count"].widget.attrs["min"] = 1

    def clean_date(self):
        return _not_in_future(self.cleaned_data["date"])


class LetterPeriodForm(forms.Form):
    """?fran=YYYY-MM-DD&till=YYYY-MM-DD; both default to the current year to date."""

    fran = forms.DateField(label=_("Från och med"), widget=DateInput(), required=False)
    till = forms.DateField(label=_("Till och med"), widget=DateInput(), required=False)

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        first = cleaned.get("fran") or datetime.date(today.year, 1, 1)
        last = cleaned.get("till") or today
        if "fran" in self.errors or "till" in self.errors:
            return cleaned
        if first > last:
            raise ValidationError(_("Periodens början ligger efter dess slut."))
        cleaned["fran"], cleaned["till"] = first, last
        return cleaned


class QuoteDateForm(forms.Form):
    """The date the municipality would sign: a year for which a cost pool exists or can be proposed."""

    datum = forms.DateField(
        label=_("Datum då kommunen skulle underteckna"),
        widget=DateInput(),
        help_text=_("Avtalet gäller från den dag det undertecknas (§ 11)."),
    )

    def __init__(self, *args, offer: Offer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer

    def clean_datum(self):
        day = self.cleaned_data["datum"]
        pools = CostPool.objects.all() if self.offer is None else self.offer.cost_pools.all()
        first_year = pools.order_by("year").values_list("year", flat=True).first()
        last_year = timezone.localdate().year + QUOTE_YEARS_AHEAD
        if first_year is None or day.year < first_year:
            raise ValidationError(
                _("Det finns ingen kostnadsram för %(year)s.") % {"year": day.year}
            )
        if day.year > last_year:
            raise ValidationError(
                _("Välj ett datum senast %(year)s.") % {"year": last_year},
            )
        return day
