"""E-mail of the steering group: who gets it and how it is sent. Always in Swedish, whatever
language the person who triggers it has chosen; attachments keep their bytes exactly. Sent through
the outbox (core/outbox.py)."""

from dataclasses import dataclass
from email import encoders
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User
from core import outbox

from .models import Term

MAIL_LANGUAGE = "sv"


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    has_account: bool


def user_for_email(email: str) -> User | None:
    if not email:
        return None
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def member_recipients(term: Term) -> list[Recipient]:
    """Every member of the term, with or without a user account."""
    accounts = {
        e.lower()
        for e in User.objects.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    }
    return [
        Recipient(m.name, m.email, m.user_id is not None or m.email.lower() in accounts)
        for m in term.memberships.order_by("seat", "name")
    ]


def send(*, template: str, context: dict, to: str, attachments=()) -> None:
    """One mail from templates/steering_group/mail/<template>_subject.txt and _body.txt."""
    with translation.override(MAIL_LANGUAGE):
        subject = render_to_string(f"steering_group/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"steering_group/mail/{template}_body.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[to])
    for attachment in attachments:
        message.attach(attachment)
    outbox.send([message])


def attachment(data: bytes, *, maintype: str, subtype: str, filename: str, **params) -> MIMEBase:
    """A base64 attachment that keeps its bytes exactly (the CRLF of an .ics, say)."""
    part = MIMEBase(maintype, subtype, **params)
    part.set_payload(data)
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part
