"""Forms of the training pages. They check what a form can check; the rules are in
training/services.py, which the views call."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.collation import swedish_key
from municipalities.models import Municipality

from . import scope
from .models import DEFAULT_TIMES, Half, Kind, Mode, RegistrationStatus

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DEFAULT_TITLE = _("Utbildning om prostitution och människohandel för sexuella ändamål")


def _times_help() -> str:
    morning, afternoon = DEFAULT_TIMES[Half.MORNING], DEFAULT_TIMES[Half.AFTERNOON]
    return _("Lämna tomt för %(m1)s–%(m2)s på förmiddagen och %(a1)s–%(a2)s på eftermiddagen.") % {
        "m1": f"{morning[0]:%H:%M}",
        "m2": f"{morning[1]:%H:%M}",
        "a1": f"{afternoon[0]:%H:%M}",
        "a2": f"{afternoon[1]:%H:%M}",
    }


class SessionForm(forms.Form):
    offer = forms.ModelChoiceField(label=_("Erbjudande"), queryset=None, required=False)
    title = forms.CharField(label=_("Rubrik"), max_length=200, initial=DEFAULT_TITLE)
    kind = forms.ChoiceField(
        label=_("Slag"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.HALF_DAY,
        help_text=_(
            "§ 4: en halvdag tre gånger om året, en årlig träff för kommunernas representanter, "
            "eller riktad utbildning till en kommun enligt särskild överenskommelse."
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommun (bara riktad utbildning)"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alla anslutna kommuner"),
    )
    date = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    half = forms.ChoiceField(
        label=_("Halvdag"), choices=Half.choices, widget=forms.RadioSelect, initial=Half.MORNING
    )
    start_time = forms.TimeField(label=_("Börjar"), widget=TIME_INPUT, required=False)
    end_time = forms.TimeField(
        label=_("Slutar"), widget=TIME_INPUT, required=False, help_text=_times_help
    )
    mode = forms.ChoiceField(
        label=_("Form"), choices=Mode.choices, widget=forms.RadioSelect, initial=Mode.DIGITAL
    )
    link = forms.URLField(
        label=_("Länk (digitalt)"), max_length=500, required=False, assume_scheme="https"
    )
    location = forms.CharField(label=_("Adress (på plats)"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Antal platser"), min_value=1, max_value=10000)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visas för kommunerna och står i bekräftelsen."),
    )

    def __init__(self, *args, session=None, **kwargs):
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": session.title,
                "kind": session.kind,
                "municipality": session.municipality_id,
                "date": session.date,
                "half": session.half,
                "start_time": session.start_time,
                "end_time": session.end_time,
                "mode": session.mode,
                "link": session.link,
                "location": session.location,
                "capacity": session.capacity,
                "description": session.description,
            }
        super().__init__(*args, **kwargs)
        # The offer is chosen when the session is planned, and only among several.
        offers = scope.training_offers()
        if session is None and offers.count() > 1:
            self.fields["offer"].queryset = offers
            self.fields["offer"].empty_label = None
        else:
            del self.fields["offer"]
        field = self.fields["municipality"]
        # Stockholm city is the host: it gives the training, it is not trained by arrangement.
        field.queryset = Municipality.objects.filter(is_host=False)
        field.choices = [("", field.empty_label)] + [
            (m.pk, m.name) for m in sorted(field.queryset, key=lambda m: swedish_key(m.name))
        ]

    def clean(self):
        cleaned = super().clean()
        targeted = cleaned.get("kind") == Kind.TARGETED
        if targeted and cleaned.get("municipality") is None:
            self.add_error(
                "municipality", _("Välj den kommun som den riktade utbildningen är till för.")
            )
        if not targeted and cleaned.get("municipality") is not None:
            self.add_error(
                "municipality", _("Bara en riktad utbildning är till för en enda kommun.")
            )
        if cleaned.get("mode") == Mode.DIGITAL and not cleaned.get("link"):
            self.add_error("link", _("Ange länken till en digital utbildning."))
        if cleaned.get("mode") == Mode.ON_SITE and not (cleaned.get("location") or "").strip():
            self.add_error("location", _("Ange adressen till en utbildning på plats."))
        return cleaned


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(
        label=_("E-post"), help_text=_("Bekräftelsen med kalenderfilen skickas hit.")
    )
    workplace = forms.CharField(
        label=_("Arbetsplats"), max_length=200, help_text=_("T.ex. enhet eller förvaltning.")
    )


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Deltog"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kryssa i dem som deltog. De som inte är ikryssade räknas som frånvarande."),
    )

    def __init__(self, *args, session, **kwargs):
        confirmed = list(
            session.registrations.filter(status=RegistrationStatus.CONFIRMED)
            .select_related("municipality")
            .order_by("municipality__name", "name", "pk")
        )
        confirmed.sort(key=lambda r: (swedish_key(r.municipality.name), swedish_key(r.name)))
        kwargs.setdefault("initial", {"attended": [str(r.pk) for r in confirmed if r.attended]})
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(r.pk), f"{r.name}, {r.workplace} ({r.municipality.name})") for r in confirmed
        ]
        self.has_participants = bool(confirmed)

    def attended_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["attended"]}
