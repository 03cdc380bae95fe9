import datetime

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil från SCB (.xlsx eller .csv)"),
        validators=[FileExtensionValidator(["xlsx", "csv"])],
        help_text=_("Kolumner: kommunkod, kommun, folkmängd. Högst 5 MB."),
    )
    reference_date = forms.DateField(
        label=_("Folkmängd per datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Oftast 31 december, t.ex. 2024-12-31."),
    )
    source = forms.CharField(label=_("Källa"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        return upload

    def clean_reference_date(self):
        date = self.cleaned_data["reference_date"]
        if date > datetime.date.today():
            raise forms.ValidationError(_("Datumet får inte ligga i framtiden."))
        return date
