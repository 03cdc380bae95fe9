"""The one way forms are drawn (templates/includes/form_fields.html, with Django's field group):
a form with errors says so at the top, each error links to its field, and each field says which
error is its own to a screen reader (aria-invalid and aria-describedby)."""

import re

from django import forms
from django.template.loader import render_to_string


class EveryKindForm(forms.Form):
    name = forms.CharField(label="Namn", help_text="Så som det ska stå i avtalet.")
    day = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    service = forms.ChoiceField(
        label="Verksamhet",
        choices=[("mika", "Mikamottagningen"), ("kast", "KAST")],
        widget=forms.RadioSelect,
    )
    roles = forms.MultipleChoiceField(
        label="Roller",
        choices=[("a", "Ekonomi"), ("b", "Projektledare")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="Jag är behörig")

    def clean(self):
        raise forms.ValidationError("Uppgifterna hänger inte ihop.")


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def field_ids(html: str) -> set[str]:
    """The ids of what takes the focus: inputs, selects and text areas."""
    return set(re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', html))


def test_every_error_of_the_summary_links_to_its_field_which_takes_the_focus():
    form = EveryKindForm(data={})
    html = render_to_string("includes/form_fields.html", {"form": form})

    summary = html[html.index('class="error-summary"') : html.index("</div>")]
    assert 'role="alert"' in html and "Uppgifterna hänger inte ihop." in summary
    targets = re.findall(r'<a href="#([^"]+)">', summary)
    assert len(targets) == 5  # one per field; the form's own error has no field to go to
    assert set(targets) <= field_ids(html), set(targets) - field_ids(html)


def test_every_field_in_error_is_described_by_its_own_error_list():
    form = EveryKindForm(data={"name": "", "service": ""})
    html = render_to_string("includes/form_fields.html", {"form": form})
    present = ids(html)

    for name in ("name", "day", "agree"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag, name
        described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
        assert f"id_{name}_error" in described and set(described) <= present, name
    assert 'id="id_name_helptext"' in html  # the help text is read out as well
    for name in ("service", "roles"):  # a group: its fieldset is described by the errors
        fieldset = re.search(rf'<fieldset aria-describedby="([^"]*id_{name}_error[^"]*)"', html)
        assert fieldset, name
