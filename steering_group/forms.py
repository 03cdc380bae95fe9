"""Forms of the steering-group pages. They check what a form can check; the rules of § 5 are in
steering_group/services.py, meetings.py and minutes.py, which the views call."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import meetings, scope
from .models import MAX_PAPER_BYTES, ApplicationStatus, RepresentativeRole, Seat

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class TermForm(forms.Form):
    """A new year of an offer's group. The offer is chosen only when several offers have a
    steering group; otherwise (and when none is chosen) it is ``offer``."""

    offer = forms.ModelChoiceField(label=_("Erbjudande"), queryset=None, required=False)
    year = forms.IntegerField(label=_("År"), min_value=2020, max_value=2100)

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_offer = offer
        self.fields["year"].initial = timezone.localdate().year
        offers = scope.steering_offers()
        if offers.count() > 1:
            self.fields["offer"].queryset = offers
            self.fields["offer"].initial = offer
            self.fields["offer"].empty_label = None
        else:
            del self.fields["offer"]

    def clean(self):
        cleaned = super().clean()
        cleaned["offer"] = cleaned.get("offer") or self.default_offer
        return cleaned


class ApplicationForm(forms.Form):
    representative_name = forms.CharField(label=_("Representantens namn"), max_length=200)
    representative_role = forms.ChoiceField(
        label=_("Befattning"),
        choices=RepresentativeRole.choices,
        widget=forms.RadioSelect,
        help_text=_("§ 5: socialchef, avdelningschef eller motsvarande."),
    )
    role_description = forms.CharField(
        label=_("Befattning, om motsvarande"),
        max_length=200,
        required=False,
        help_text=_("T.ex. verksamhetschef. Fyll bara i om du valt ”motsvarande”."),
    )
    representative_email = forms.EmailField(label=_("Representantens e-post"))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("representative_role") == RepresentativeRole.EQUIVALENT
            and not (cleaned.get("role_description") or "").strip()
        ):
            self.add_error(
                "role_description",
                _("Skriv vilken befattning som motsvarar socialchef eller avdelningschef."),
            )
        return cleaned


class ChooseForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        label=_("Intresseanmälningar att välja"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "De som inte ryms (högst tio personer, en per kommun) hamnar på väntelistan med skälet."
        ),
    )
    rotation_reason = forms.CharField(
        label=_("Skäl att välja någon som satt i styrgruppen förra året"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Enligt § 5 byts representanten ut efter ett år. Den som satt förra året hamnar på "
            "väntelistan, om du inte skriver ett skäl här; skälet sparas och visas vid ledamoten."
        ),
    )

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["applications"]
        field.queryset = (
            term.applications.exclude(status=ApplicationStatus.CHOSEN)
            .select_related("municipality")
            .order_by("municipality__name")
        )
        field.label_from_instance = lambda a: (
            f"{a.municipality.name}: {a.representative_name}, {a.role_label}"
        )


class WaitingListForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Kommunen ser skälet i sin intresseanmälan."),
    )


SEAT_DEFAULTS = {
    Seat.CHAIR: {"organisation": "Stockholms stad, Socialförvaltningen"},
    Seat.ADJUNCT: {"organisation": "Region Stockholm (Mika Hälsa)"},
}


class MemberForm(forms.Form):
    """The chair or the adjunct seat."""

    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_("Har personen ett användarkonto med samma e-post kopplas det till platsen."),
    )
    title = forms.CharField(label=_("Befattning"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)

    def __init__(self, *args, seat, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].initial = SEAT_DEFAULTS[Seat(seat)]["organisation"]


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Börjar"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Slutar"), widget=TIME_INPUT)
    place = forms.CharField(
        label=_("Plats"),
        max_length=300,
        required=False,
        help_text=_("Lokal och adress. Ange en plats, en videolänk eller båda."),
    )
    video_link = forms.URLField(
        label=_("Videolänk"), max_length=500, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Dagordning"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("En punkt per rad. Punkterna numreras i den ordningen."),
    )

    def __init__(self, *args, term, meeting=None, **kwargs):
        self.term = term
        if meeting is not None and "initial" not in kwargs:
            starts = timezone.localtime(meeting.starts_at)
            ends = timezone.localtime(meeting.ends_at)
            kwargs["initial"] = {
                "date": starts.date(),
                "start_time": starts.time(),
                "end_time": ends.time(),
                "place": meeting.place,
                "video_link": meeting.video_link,
                "agenda": "\n".join(item.title for item in meeting.agenda_items.all()),
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        date, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if date and date.year != self.term.year:
            self.add_error(
                "date",
                _("Mötet måste hållas under %(year)s, styrgruppens år.") % {"year": self.term.year},
            )
        if start and end and end <= start:
            self.add_error("end_time", _("Mötet måste sluta efter att det har börjat."))
        if not cleaned.get("place", "").strip() and not cleaned.get("video_link"):
            self.add_error("place", _("Ange en plats eller en videolänk."))
        if date and start and end:
            zone = ZoneInfo(settings.TIME_ZONE)
            cleaned["starts_at"] = datetime.datetime.combine(date, start, tzinfo=zone)
            cleaned["ends_at"] = datetime.datetime.combine(date, end, tzinfo=zone)
        cleaned["agenda_items"] = [
            line.strip() for line in cleaned.get("agenda", "").splitlines() if line.strip()
        ]
        return cleaned


class PaperForm(forms.Form):
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        required=False,
        help_text=_("Lämna tomt för att använda filnamnet."),
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word (docx), Excel (xlsx) eller PowerPoint (pptx), högst %(mb)s MB.")
        % {"mb": MAX_PAPER_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        meetings.validate_paper_file(upload)
        return upload


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Närvarande ledamöter"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(
        label=_("Övriga närvarande"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("T.ex. sekreterare och föredragande, en per rad."),
    )

    def __init__(self, *args, meeting, **kwargs):
        members = list(meeting.term.memberships.order_by("seat", "name"))
        present = [str(a.membership_id) for a in meeting.attendance.all() if a.present]
        kwargs.setdefault(
            "initial", {"present": present, "other_attendees": meeting.other_attendees}
        )
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(m.pk), f"{m.name}, {m.organisation} ({m.get_seat_display()})") for m in members
        ]

    def present_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["present"]}


class ParagraphForm(forms.Form):
    heading = forms.CharField(label=_("Rubrik"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decision = forms.CharField(
        label=_("Beslut"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


ParagraphFormSet = forms.formset_factory(ParagraphForm, extra=1, can_delete=True)


class MinutesForm(forms.Form):
    adjuster = forms.ModelChoiceField(
        label=_("Justerare"),
        queryset=None,
        required=False,
        empty_label=_("Välj justerare"),
        help_text=_(
            "En ledamot med användarkonto, som justerar protokollet tillsammans med ordföranden."
        ),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adjuster"].queryset = choices
        self.fields["adjuster"].label_from_instance = lambda m: f"{m.name}, {m.organisation}"


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Jag har läst protokollet och justerar det."),
        error_messages={"required": _("Kryssa i rutan för att justera protokollet.")},
    )


def paragraphs_from(formset) -> list[dict]:
    """The paragraphs of a valid formset, in order, without the deleted ones."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        if any((data.get(k) or "").strip() for k in ("heading", "text", "decision")):
            rows.append(data)
    return rows


def first_error(exc: ValidationError) -> str:
    return " ".join(exc.messages)
