from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from . import paper

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class PaperImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med pappersavtal (.xlsx eller .csv)"),
        validators=[FileExtensionValidator(["xlsx", "csv"])],
        help_text=_(
            "Rubrikrad: kommunkod,start_date,signed_on,end_date,notice_date. Datum skrivs "
            "ÅÅÅÅ-MM-DD; signed_on, end_date och notice_date får vara tomma. Högst 5 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        return upload


class ScanUploadForm(forms.Form):
    scan = forms.FileField(
        label=_("Inskannat avtal (PDF)"),
        help_text=_("Det undertecknade pappersavtalet som PDF, högst 20 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        paper.check_scan(upload)
        return upload
