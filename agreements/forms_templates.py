"""Forms for the versions of the agreement text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from offers.models import Offer

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

    offer = forms.ModelChoiceField(
        label=_("Erbjudande"),
        queryset=Offer.objects.order_by("name"),
        empty_label=None,
        help_text=_(
            "Den nya versionen hör till detta erbjudande. Välj ett annat erbjudande för att ge "
            "det sin första version, med denna som förlaga."
        ),
    )

    def __init__(self, *args, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].initial = offer.pk
        if self.fields["offer"].queryset.count() < 2:
            # One offer: nothing to choose (the version is the offer's, as always).
            del self.fields["offer"]
            self.default_offer = offer

    def clean(self):
        cleaned = super().clean()
        version = (cleaned.get("version") or "").strip()
        offer = cleaned.get("offer", getattr(self, "default_offer", None))
        if version and offer is not None and templates_service.version_taken(version, offer):
            self.add_error(
                "version",
                forms.ValidationError(
                    _("Versionen %(version)s finns redan. Välj en annan beteckning."),
                    params={"version": version},
                    code="version_taken",
                ),
            )
        cleaned["offer"] = offer
        if version:
            cleaned["version"] = version
        return cleaned
