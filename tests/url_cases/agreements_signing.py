"""URLs of agreements_signing (see tests/url_cases/__init__.py for the format).

One municipality has at most one open agreement, so each status lives in its own municipality:

- Vaxholm: {sign_draft}, with a contact of its own so that it can be sent;
- Nacka (kontakt.nacka's own): {sign_nacka_sent}, sent with § 1 filled in, and
  {sign_nacka_ended}, an ended agreement with its signed PDF (an ended one is not open);
- Ekerö: {sign_signed}, signed by the municipality, awaiting the city;
  Värmdö: {sign_active}, in force.

Solna and Sundbyberg (paper agreements), Täby and Vallentuna (the pipeline) are left to the other
parts. kontakt.taby, the steering-group member and kontakt.nacka (for the other municipalities'
agreements) get 404 on every agreement; city staff who may look but not act get 403.
"""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agreements import services
from agreements.documents import document_fingerprint
from agreements.models import Party, Signature, Status
from core.pdf import sha256_hex
from municipalities.models import Municipality

from . import (
    ALL,
    CHANGED,
    FORBIDDEN,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    OK,
    PROJECT_LEADER,
)

PDF_NAME = "agreements/signed/url-cases-nacka.pdf"
PDF_BYTES = b"%PDF-1.7\n% url cases\n"

NACKA_DETAILS = {
    "org_number": "212000-0167",
    "department": "Socialtjänsten",
    "contact_person": "Nils Nackasson",
    "contact_details": "08-718 80 00, nils.nackasson@nacka.se",
    "postal_address": "Nacka kommun\n131 81 Nacka",
    "invoicing_address": "Nacka kommun\nFakturor\n131 81 Nacka",
}


def table(*layers, **statuses):
    """Statuses by role: not visible (404) unless named (later names win); anonymous is sent to
    the login page."""
    base = {
        "project_leader": NOT_FOUND,
        "finance": NOT_FOUND,
        "signatory": NOT_FOUND,
        "contact_taby": NOT_FOUND,
        "contact_nacka": NOT_FOUND,
        "steering_member": NOT_FOUND,
        "anonymous": LOGIN,
    }
    for layer in layers:
        base.update(layer)
    return {**base, **statuses}


CITY_SEES = {"project_leader": OK, "finance": OK, "signatory": OK}
CITY_LOOKS = {"project_leader": FORBIDDEN, "finance": FORBIDDEN, "signatory": FORBIDDEN}


def _agreement(code, by, path, **fields):
    municipality = Municipality.objects.get(code=code)
    agreement = services.prepare_agreement(municipality=municipality, by=by)
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.save()
    for step in path:
        if step == Status.SIGNED_BY_MUNICIPALITY:
            # Only the agreement awaiting the countersignature needs its real fingerprint.
            fingerprint = (
                document_fingerprint(agreement)
                if path[-1] == Status.SIGNED_BY_MUNICIPALITY
                else "0" * 64
            )
            Signature.objects.create(
                agreement=agreement,
                party=Party.MUNICIPALITY,
                user=by,
                full_name="Kommunens undertecknare",
                title="Socialchef",
                document_sha256=fingerprint,
            )
            agreement.content_sha256 = fingerprint
        if step == Status.ACTIVE:
            agreement.start_date = timezone.localdate() - datetime.timedelta(days=400)
        agreement.transition(step, by=by)
    return agreement


def _contact(code):
    municipality = Municipality.objects.get(code=code)
    user = User.objects.create_user(
        username=f"url-cases.{code}",
        email=f"url-cases.{code}@example.se",
        municipality=municipality,
    )
    user.groups.set([Group.objects.get(name=Role.MUNICIPAL_CONTACT.value)])
    return user


def placeholders(users):
    leader = users["project_leader"]
    sent, signed, active = Status.SENT, Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE
    ended = _agreement("0182", leader, [sent, signed, active, Status.ENDED], **NACKA_DETAILS)
    if not default_storage.exists(PDF_NAME):
        default_storage.save(PDF_NAME, ContentFile(PDF_BYTES))
    ended.pdf.name = PDF_NAME
    ended.pdf_sha256 = sha256_hex(PDF_BYTES)
    ended.end_date = ended.start_date + datetime.timedelta(days=200)
    ended.save()
    return {
        "sign_nacka_ended": ended.pk,
        "sign_nacka_sent": _agreement("0182", leader, [sent], **NACKA_DETAILS).pk,
        "sign_draft": _agreement("0187", leader, []).pk,
        "sign_draft_contact": _contact("0187").pk,
        "sign_signed": _agreement("0125", leader, [sent, signed], **NACKA_DETAILS).pk,
        "sign_active": _agreement("0120", leader, [sent, signed, active], **NACKA_DETAILS).pk,
    }


# Nacka's sent agreement: everyone in the city and Nacka's contact may read it.
NACKA_SEES = table(CITY_SEES, contact_nacka=OK)

CASES = {
    "agreements:list": ("/avtal/", LOGGED_IN, None),
    "agreements:create": ("/avtal/nytt/", PROJECT_LEADER, PROJECT_LEADER),
    "agreements:verify": ("/avtal/verifiera/", ALL, ALL),
    "agreements:detail": ("/avtal/{sign_nacka_sent}/", NACKA_SEES, None),
    # Drafts are the city's own: no contact sees them, not even the municipality's.
    "agreements:send": (
        "/avtal/{sign_draft}/skicka/",
        table(CITY_LOOKS, project_leader=OK),
        table(CITY_LOOKS, project_leader=CHANGED),
    ),
    "agreements:withdraw": (
        "/avtal/{sign_draft}/aterkalla/",
        table(CITY_LOOKS, project_leader=OK),
        table(CITY_LOOKS, project_leader=CHANGED),
    ),
    # Nacka's contact fills in § 1; an empty form is shown again with its errors.
    "agreements:details_form": (
        "/avtal/{sign_nacka_sent}/uppgifter/",
        table(CITY_LOOKS, contact_nacka=OK),
        table(CITY_LOOKS, contact_nacka=OK),
    ),
    # Anyone who may see the agreement may read the text; only Nacka's contact signs it.
    "agreements:review": (
        "/avtal/{sign_nacka_sent}/granska/",
        NACKA_SEES,
        table(CITY_LOOKS, contact_nacka=OK),
    ),
    "agreements:countersign": (
        "/avtal/{sign_signed}/kontrasignera/",
        table(CITY_LOOKS, signatory=OK),
        table(CITY_LOOKS, signatory=OK),
    ),
    # Notice on Värmdö's agreement: the project leader may; Nacka's contact does not see it.
    "agreements:notice": (
        "/avtal/{sign_active}/uppsagning/",
        table(CITY_LOOKS, project_leader=OK),
        table(CITY_LOOKS, project_leader=OK),
    ),
    # A change of billing details after signing (Värmdö's agreement, in force): the project
    # leader may; Nacka's contact does not see it; an empty form is shown again with its errors.
    "agreements:billing_change": (
        "/avtal/{sign_active}/fakturauppgifter/",
        table(CITY_LOOKS, project_leader=OK),
        table(CITY_LOOKS, project_leader=OK),
    ),
    "agreements:pdf": (
        "/avtal/{sign_nacka_ended}/avtal.pdf",
        table(CITY_SEES, contact_nacka=OK),
        None,
    ),
}
