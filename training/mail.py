"""E-mail of training, always in Swedish: the confirmation (with the .ics file), the waiting list,
the move up from the waiting list (with the .ics file) and the cancellation. Each goes to the
registered person, with the contact who registered them as a copy."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from core import outbox
from steering_group.mail import attachment

from . import ics
from .models import Registration

MAIL_LANGUAGE = "sv"

# template → whether the mail carries the session's calendar file
TEMPLATES = {
    "confirmed": True,
    "waiting": False,
    "promoted": True,
    "changed": True,
    "cancelled": False,
}


def copy_to(registration: Registration) -> list[str]:
    contact = registration.registered_by
    email = (contact.email or "").strip() if contact is not None else ""
    if not email or email.lower() == registration.email.lower():
        return []
    return [email]


def message(registration: Registration, template: str) -> EmailMessage:
    session = registration.session
    context = {
        "registration": registration,
        "session": session,
        "link": ics.session_url(session),
    }
    with translation.override(MAIL_LANGUAGE):
        subject = render_to_string(f"training/mail/{template}_subject.txt", context)
        body = render_to_string(f"training/mail/{template}_body.txt", context)
    mail = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[registration.email],
        cc=copy_to(registration),
    )
    if TEMPLATES[template]:
        mail.attach(
            attachment(
                ics.session_ics(session),
                maintype="text",
                subtype="calendar",
                filename=ics.FILENAME,
                method="PUBLISH",
                charset="utf-8",
            )
        )
    return mail


def send(registration: Registration, template: str) -> None:
    outbox.send([message(registration, template)])
