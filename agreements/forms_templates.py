"""Forms for the versions of the agreement text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import templates_service
from .models import PLACEHOLDER, AgreementTemplate, TemplateContact, TemplateSection


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TemplateForm(forms.ModelForm):
    class Meta:
        model = AgreementTemplate
        fields = [
            "title",
            "year",
            "valid_from",
            "city_party",
            "signatory_name",
            "signatory_title",
        ]
        widgets = {
            "valid_from": DateInput(),
            "city_party": forms.Textarea(attrs={"rows": 6}),
        }


SectionFormSet = forms.inlineformset_factory(
    AgreementTemplate,
    TemplateSection,
    fields=["heading", "body"],
    extra=0,
    can_delete=False,
    widgets={"body": forms.Textarea(attrs={"rows": 8})},
)


class ContactForm(forms.ModelForm):
    """One of the city's contact persons: every detail is required (the agreement prints them)."""

    class Meta:
        model = TemplateContact
        fields = ["name", "title", "phone", "email"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and PLACEHOLDER.search(value):
                self.add_error(name, _("Skriv den riktiga uppgiften, inte platshållaren."))
        return cleaned


ContactFormSet = forms.inlineformset_factory(
    AgreementTemplate, TemplateContact, form=ContactForm, extra=0, can_delete=False
)


class NewVersionForm(forms.Form):
    version = forms.CharField(
        label=_("Beteckning för den nya versionen"),
        max_length=AgreementTemplate._meta.get_field("version").max_length,
        help_text=_("T.ex. 2025. Beteckningen måste vara unik."),
    )
    valid_from = forms.DateField(
        label=_("Gäller från"),
        widget=DateInput(),
        help_text=_("Pappersavtal med startdatum från och med detta får versionen."),
    )

    def clean_version(self):
        version = self.cleaned_data["version"].strip()
        if templates_service.version_taken(version):
            raise forms.ValidationError(
                _("Versionen %(version)s finns redan. Välj en annan beteckning."),
                params={"version": version},
                code="version_taken",
            )
        return version
