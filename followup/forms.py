"""Forms of the follow-up pages. They check what a form can check; the rules are in
followup/services.py and importing.py, which the views call."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from steering_group.models import Meeting

from . import scope
from .models import COUNT_FIELDS, FIRST_YEAR, MAX_COUNT, Half, count_labels
from .periods import Period, current_half

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
WHOLE_YEAR = ""


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class PeriodForm(forms.Form):
    """The report's period, from the query string: ?ar=2024&halvar=1, or ?ar=2021&till=2023."""

    ar = forms.TypedChoiceField(label=_("År"), coerce=int, choices=year_choices)
    halvar = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[(WHOLE_YEAR, _("Helår")), *Half.choices],
    )
    till = forms.TypedChoiceField(
        label=_("Till och med år"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=lambda: [("", _("Bara det året")), *year_choices()],
        help_text=_("För flera hela år."),
    )

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The offer is read from the query string by the view (followup/scope.py); the form only
        # offers the choice, and keeps it, when several offers have follow-up.
        offers = list(scope.followup_offers())
        if len(offers) > 1:
            self.fields[scope.OFFER_PARAMETER] = forms.ChoiceField(
                label=_("Erbjudande"),
                choices=[(o.slug, o.name) for o in offers],
                initial=offer.slug if offer else None,
                required=False,
            )
            self.order_fields([scope.OFFER_PARAMETER, "ar", "halvar", "till"])

    def clean(self):
        cleaned = super().clean()
        first, last, half = cleaned.get("ar"), cleaned.get("till"), cleaned.get("halvar")
        if first is None:
            return cleaned
        if last is not None and last < first:
            self.add_error("till", _("Slutåret kan inte ligga före startåret."))
        elif last is not None and last != first and half:
            self.add_error("halvar", _("Ett halvår gäller ett enda år; välj helår för flera år."))
        return cleaned

    def period(self) -> Period:
        data = self.cleaned_data
        return Period(data["ar"], data.get("till") or data["ar"], data.get("halvar"))

    @staticmethod
    def default_period() -> Period:
        year = timezone.localdate().year
        return Period(year, year)


class HalfYearForm(forms.Form):
    """One half-year (entry, template)."""

    ar = forms.TypedChoiceField(label=_("År"), coerce=int, choices=year_choices)
    halvar = forms.TypedChoiceField(label=_("Halvår"), coerce=int, choices=Half.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year, half = current_half(timezone.localdate())
        self.fields["ar"].initial, self.fields["halvar"].initial = year, half


class EntryChoiceForm(HalfYearForm):
    kommun = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.order_by("name"), to_field_name="code"
    )
    field_order = ["kommun", "ar", "halvar"]


class EntryForm(forms.Form):
    """The four counts of each service for one municipality and half-year: a grid."""

    def __init__(self, *args, services, initial_counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = list(services)
        labels = count_labels()
        initial_counts = initial_counts or {}
        for service in self.services:
            for name in COUNT_FIELDS:
                self.fields[self.key(service, name)] = forms.IntegerField(
                    label=f"{service.name}: {labels[name]}",
                    min_value=0,
                    max_value=MAX_COUNT,
                    initial=initial_counts.get(service.pk, {}).get(name),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
                )

    @staticmethod
    def key(service, name: str) -> str:
        return f"{service.code}-{name}"

    def grid(self):
        """(service, [bound fields in the order of COUNT_FIELDS]) for the template's table."""
        return [
            (service, [self[self.key(service, name)] for name in COUNT_FIELDS])
            for service in self.services
        ]

    def counts_by_service(self) -> dict[int, dict[str, int]]:
        return {
            service.pk: {name: self.cleaned_data[self.key(service, name)] for name in COUNT_FIELDS}
            for service in self.services
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med nyttjandesiffror (.xlsx eller .csv)"),
        validators=[FileExtensionValidator(["xlsx", "csv"])],
        help_text=_(
            "Helst mallen nedan, ifylld. Rubrikrad: kommunkod, kommun, verksamhet, år, halvår, "
            "individer, kontakter, konsultationer, utbildningsdeltagare. Högst 5 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        return upload


def open_meetings(offer=None):
    """Meetings whose papers may still change: the minutes are not locked. Only the meetings of
    ``offer``'s steering group when an offer is given."""
    meetings = Meeting.objects.exclude(minutes__locked_at__isnull=False)
    if offer is not None:
        meetings = meetings.filter(term__offer=offer)
    return meetings.select_related("term").order_by("-starts_at")


class AttachForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Styrgruppsmöte"),
        queryset=Meeting.objects.none(),
        empty_label=_("Välj möte"),
        help_text=_("Möten vars protokoll inte är justerat."),
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (xlsx)")), ("pdf", _("PDF"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        required=False,
        help_text=_("Lämna tomt för rapportens rubrik."),
    )

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings(offer)
