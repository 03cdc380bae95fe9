from django import forms
from django.utils.translation import gettext_lazy as _


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Alla uppgifter med den här adressen söks fram."),
    )
    name = forms.CharField(
        label=_("Namn (för- och efternamn)"),
        required=False,
        max_length=200,
        help_text=_("Valfritt: hittar också uppgifter utan e-post, som kontaktperson i avtal."),
    )


class EraseForm(PersonForm):
    email = forms.EmailField(widget=forms.HiddenInput)
    name = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Jag förstår att raderingen inte kan ångras."),
        error_messages={"required": _("Bekräfta att raderingen inte kan ångras.")},
    )
