"""URLs of the steering group (see tests/url_cases/__init__.py for the format).

The placeholders build this year's steering group:

- Täby (kontakt.taby's own) has an agreement in force and has applied (not yet chosen), so
  kontakt.taby may apply and read published minutes, but is no member and reads no meeting;
- Nacka's agreements (made by the signing module) are not in force: kontakt.nacka may neither apply
  nor read the minutes, and sees no application of another municipality (404);
- the chair is the steering-group demo user `styrgrupp`; Järfälla's representative (no user
  account) and Region Stockholm's adjunct seat are members too;
- {sg_meeting_locked}: a meeting with a paper and locked (justerade) minutes with their PDF;
  {sg_meeting_open}: a later meeting with a paper and draft minutes, which the chair may approve.

Finance and the signatory are city staff: they read everything and manage nothing (403).
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import Status
from core.pdf import sha256_hex
from municipalities.models import Municipality
from steering_group import meetings as meeting_services
from steering_group import minutes as minutes_services
from steering_group import selectors, services
from steering_group.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Meeting,
    Membership,
    Minutes,
    MinutesParagraph,
    Paper,
    Seat,
)

from . import CHANGED, FORBIDDEN, LOGGED_IN, LOGIN, NOT_FOUND, OK, POST_ONLY, PROJECT_LEADER, ROLES

TABY, JARFALLA = "0160", "0123"
PDF_BYTES = b"%PDF-1.7\n% url cases: minutes\n"
PAPER_BYTES = b"%PDF-1.4\n% url cases: paper\n"
MINUTES_NAME = "steering_group/minutes/url-cases-minutes.pdf"
PAPER_NAME = "steering_group/papers/url-cases-paper.pdf"


def _stored(name: str, data: bytes) -> str:
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return name


def agreement_in_force(code: str, leader):
    """An agreement in force: the one another part made (invoicing issues Täby an invoice), or
    one in force since two months ago, through the real transitions."""
    municipality = Municipality.objects.get(code=code)
    if selectors.has_agreement_in_force(municipality.pk):
        return municipality.agreements.get(status__in=[Status.ACTIVE, Status.NOTICE_GIVEN])
    agreement = agreement_services.prepare_agreement(municipality=municipality, by=leader)
    for step in (Status.SENT, Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE):
        if step == Status.ACTIVE:
            agreement.start_date = timezone.localdate() - datetime.timedelta(days=60)
        agreement.transition(step, by=leader)
    return agreement


def _meeting(term, month, day, leader):
    zone = timezone.get_current_timezone()
    starts = datetime.datetime(term.year, month, day, 10, 0, tzinfo=zone)
    return meeting_services.schedule_meeting(
        term=term,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Socialförvaltningen, Swedenborgsgatan 20",
        agenda=["Mötets öppnande", "Uppföljning av nyttjandet", "Nästa möte"],
        by=leader,
    )


def placeholders(users):
    leader = users["project_leader"]
    year = timezone.localdate().year
    agreement_in_force(TABY, leader)
    term = services.create_term(year=year, by=leader)
    chair = services.add_member(
        term=term,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email=users["steering_member"].email,
        organisation="Stockholms stad",
        by=leader,
    )
    jarfalla = Municipality.objects.get(code=JARFALLA)
    other_application = Application.objects.create(
        term=term,
        municipality=jarfalla,
        representative_name="Jonna Järfällasson",
        representative_role="socialchef",
        representative_email="jonna@jarfalla.example.se",
        status=ApplicationStatus.CHOSEN,
    )
    representative = Membership.objects.create(
        term=term,
        seat=Seat.MUNICIPALITY,
        name="Jonna Järfällasson",
        email="jonna@jarfalla.example.se",
        organisation="Järfälla kommun",
        municipality=jarfalla,
        application=other_application,
    )
    adjunct = services.add_member(
        term=term,
        seat=Seat.ADJUNCT,
        name="Rut Regionsson",
        email="rut@regionstockholm.example.se",
        organisation="Region Stockholm (Mika Hälsa)",
        by=leader,
    )
    taby_application = services.submit_application(
        term=term,
        municipality=users["contact_taby"].municipality,
        by=users["contact_taby"],
        representative_name="Tove Täbysson",
        representative_role="avdelningschef",
        representative_email=users["contact_taby"].email,
    )

    # The first meeting: held, with a paper, attendance and locked minutes (and their PDF).
    held = _meeting(term, 1, 20, leader)
    paper = Paper.objects.create(
        meeting=held,
        title="Uppföljning per kommun",
        file=_stored(PAPER_NAME, PAPER_BYTES),
        original_name="uppfoljning.pdf",
        size=len(PAPER_BYTES),
    )
    Attendance.objects.create(meeting=held, membership=chair, present=True)
    Attendance.objects.create(meeting=held, membership=representative, present=True)
    minutes = Minutes.objects.create(meeting=held, adjuster=representative)
    MinutesParagraph.objects.create(minutes=minutes, number=1, heading="Mötets öppnande")
    now = timezone.now()
    minutes.chair_approved_at = minutes.adjuster_approved_at = now
    minutes.chair_name, minutes.adjuster_name = chair.name, representative.name
    minutes.locked_at = minutes.published_at = now
    minutes.pdf.name = _stored(MINUTES_NAME, PDF_BYTES)
    minutes.pdf_sha256 = sha256_hex(PDF_BYTES)
    minutes.save()

    # The last meeting of the year: a paper and draft minutes from the agenda.
    upcoming = _meeting(term, 12, 31, leader)
    open_paper = Paper.objects.create(
        meeting=upcoming,
        title="Förslag till mötesplan",
        file=_stored(PAPER_NAME, PAPER_BYTES),
        original_name="motesplan.pdf",
        size=len(PAPER_BYTES),
    )
    minutes_services.create_minutes(upcoming, by=leader)
    assert Meeting.objects.filter(term=term).count() == 2
    return {
        "sg_offer": term.offer.slug,
        "sg_year": year,
        "sg_taby_application": taby_application.pk,
        "sg_other_application": other_application.pk,
        "sg_adjunct": adjunct.pk,
        "sg_meeting_locked": held.pk,
        "sg_meeting_open": upcoming.pk,
        "sg_paper": paper.pk,
        "sg_paper_open": open_paper.pk,
    }


def table(**statuses):
    """403 for every logged-in role unless named; anonymous to the login page."""
    base = {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN}
    return {**base, **statuses}


CITY_READS = {"project_leader": OK, "finance": OK, "signatory": OK}
# The term's readers: city staff and the members of the year (styrgrupp is the chair).
READ_TERM = table(**CITY_READS, steering_member=OK)
# Published minutes: also the contacts of municipalities with an agreement in force (Täby).
PUBLISHED = table(**CITY_READS, steering_member=OK, contact_taby=OK)
MANAGE_FORM = PROJECT_LEADER  # an empty form comes back with its errors (200)
MANAGE_CHANGED = {**PROJECT_LEADER, "project_leader": CHANGED}

# Täby's application: the city and Täby's contact see it; anyone else gets 404.
TABY_APPLICATION = {
    **table(**CITY_READS, contact_taby=OK),
    "contact_nacka": NOT_FOUND,
    "steering_member": NOT_FOUND,
}
# Putting it on the waiting list: the project leader; who sees it but may not act gets 403.
TABY_WAIT = {
    **table(project_leader=OK),
    "contact_nacka": NOT_FOUND,
    "steering_member": NOT_FOUND,
}
APPLY = table(contact_taby=OK)
APPROVE = table(steering_member=OK)

CASES = {
    "steering_group:index": ("/styrgrupp/", LOGGED_IN, None),
    # The year pages with the offer's slug (several offers with a steering group) answer as the
    # short ones do; the offer's own overview is the index of its group.
    "steering_group:offer_index": ("/styrgrupp/{sg_offer}/", LOGGED_IN, None),
    "steering_group:offer_term": ("/styrgrupp/{sg_offer}/{sg_year}/", READ_TERM, None),
    "steering_group:offer_members": (
        "/styrgrupp/{sg_offer}/{sg_year}/ledamoter/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:offer_add_chair": (
        "/styrgrupp/{sg_offer}/{sg_year}/ledamoter/ordforande/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:offer_add_adjunct": (
        "/styrgrupp/{sg_offer}/{sg_year}/ledamoter/adjungerad/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:offer_apply": (
        "/styrgrupp/{sg_offer}/{sg_year}/intresseanmalan/",
        APPLY,
        APPLY,
    ),
    "steering_group:offer_meeting_create": (
        "/styrgrupp/{sg_offer}/{sg_year}/moten/nytt/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:term_create": ("/styrgrupp/nytt-ar/", PROJECT_LEADER, MANAGE_FORM),
    "steering_group:term": ("/styrgrupp/{sg_year}/", READ_TERM, None),
    "steering_group:members": ("/styrgrupp/{sg_year}/ledamoter/", PROJECT_LEADER, MANAGE_FORM),
    "steering_group:add_chair": (
        "/styrgrupp/{sg_year}/ledamoter/ordforande/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:add_adjunct": (
        "/styrgrupp/{sg_year}/ledamoter/adjungerad/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:member_remove": (
        "/styrgrupp/ledamoter/{sg_adjunct}/ta-bort/",
        PROJECT_LEADER,
        MANAGE_CHANGED,
    ),
    "steering_group:apply": ("/styrgrupp/{sg_year}/intresseanmalan/", APPLY, APPLY),
    "steering_group:application": (
        "/styrgrupp/intresseanmalan/{sg_taby_application}/",
        TABY_APPLICATION,
        None,
    ),
    "steering_group:application_wait": (
        "/styrgrupp/intresseanmalan/{sg_taby_application}/vantelista/",
        TABY_WAIT,
        TABY_WAIT,
    ),
    "steering_group:meeting_create": (
        "/styrgrupp/{sg_year}/moten/nytt/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:meeting": ("/styrgrupp/moten/{sg_meeting_locked}/", READ_TERM, None),
    "steering_group:meeting_edit": (
        "/styrgrupp/moten/{sg_meeting_open}/andra/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:meeting_delete": (
        "/styrgrupp/moten/{sg_meeting_open}/stryk/",
        PROJECT_LEADER,
        MANAGE_CHANGED,
    ),
    "steering_group:invite": (
        "/styrgrupp/moten/{sg_meeting_open}/kallelse/",
        PROJECT_LEADER,
        MANAGE_CHANGED,
    ),
    "steering_group:meeting_ics": (
        "/styrgrupp/moten/{sg_meeting_open}/kallelse.ics",
        READ_TERM,
        None,
    ),
    "steering_group:paper_upload": (
        "/styrgrupp/moten/{sg_meeting_open}/handlingar/ny/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:paper": ("/styrgrupp/handlingar/{sg_paper}/", READ_TERM, None),
    "steering_group:paper_delete": (
        "/styrgrupp/handlingar/{sg_paper_open}/ta-bort/",
        POST_ONLY,
        MANAGE_CHANGED,
    ),
    "steering_group:attendance": (
        "/styrgrupp/moten/{sg_meeting_open}/narvaro/",
        PROJECT_LEADER,
        MANAGE_CHANGED,
    ),
    "steering_group:minutes": ("/styrgrupp/moten/{sg_meeting_locked}/protokoll/", PUBLISHED, None),
    "steering_group:minutes_create": (
        "/styrgrupp/moten/{sg_meeting_open}/protokoll/skapa/",
        POST_ONLY,
        MANAGE_CHANGED,
    ),
    "steering_group:minutes_edit": (
        "/styrgrupp/moten/{sg_meeting_open}/protokoll/redigera/",
        PROJECT_LEADER,
        MANAGE_FORM,
    ),
    "steering_group:minutes_approve": (
        "/styrgrupp/moten/{sg_meeting_open}/protokoll/justera/",
        APPROVE,
        APPROVE,
    ),
    "steering_group:minutes_pdf": (
        "/styrgrupp/moten/{sg_meeting_locked}/protokoll.pdf",
        PUBLISHED,
        None,
    ),
}
