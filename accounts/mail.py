from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_welcome(user) -> None:
    """Tell a new user their user name and give them a link to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )
    context = {"user": user, "link": link}
    send_mail(
        subject=render_to_string("accounts/welcome_subject.txt", context).strip(),
        message=render_to_string("accounts/welcome_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
