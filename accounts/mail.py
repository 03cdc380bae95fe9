from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core import outbox, site


def send_welcome(user) -> None:
    """Tell a new user their user name and give them a link to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site.absolute_url(
        reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )
    context = {"user": user, "link": link}
    outbox.send(
        [
            EmailMessage(
                subject=render_to_string("accounts/welcome_subject.txt", context).strip(),
                body=render_to_string("accounts/welcome_email.txt", context),
                to=[user.email],
            )
        ]
    )
