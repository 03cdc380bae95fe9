from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils.translation import gettext_lazy as _

from core import outbox

from .models import User, validate_role_municipality
from .roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Fel användarnamn, e-postadress eller lösenord. Kontrollera uppgifterna och försök igen."
        ),
    }
    username = forms.CharField(
        label=_("Användarnamn eller e-post"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, its mail sent through the outbox (core/outbox.py) like every
    other mail of the product."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        outbox.send([message])


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "title",
            "phone",
            "roles",
            "municipality",
            "is_active",
        ]
        help_texts = {"username": _("Bokstäver, siffror och @ . + - _")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.order_by("name")
        if self.instance.pk:
            self.initial["roles"] = [r.value for r in self.instance.roles]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Det finns redan en användare med den e-posten."))
        return email

    def clean(self):
        cleaned = super().clean()
        roles = {Role(r) for r in cleaned.get("roles", [])}
        try:
            validate_role_municipality(roles, cleaned.get("municipality"))
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.add_error(field, errors)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        if not user.pk:
            user.set_unusable_password()
        user.save()
        roles = self.cleaned_data.get("roles", [])
        user.groups.set(Group.objects.filter(name__in=roles))
        user.__dict__.pop("roles", None)  # forget the cached roles
        return user
