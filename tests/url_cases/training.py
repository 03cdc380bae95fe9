"""URLs of training (see tests/url_cases/__init__.py for the format).

The placeholders:

- Täby (kontakt.taby's own) has an agreement in force, so kontakt.taby may register staff;
  Nacka's agreements are not in force: kontakt.nacka sees the sessions but may not register (403);
- {tr_open}: a session next month open to every municipality, with one confirmed registration
  from Täby ({tr_taby_registration}); another municipality's registration answers 404;
- {tr_targeted}: a targeted training for Täby, which only the city and Täby see (404 otherwise,
  also for the steering-group member, who sees the sessions open to all);
- {tr_past}: a session held ten days ago with a confirmed participant, whose attendance the
  project leader records, and {tr_year}: its year, for the year's participant list.

Finance and the signatory read everything and act on nothing (403).
"""

import datetime

from django.utils import timezone

from municipalities.models import Municipality
from training import services
from training.models import Half, Kind, Mode, Registration, RegistrationStatus, TrainingSession

from . import CHANGED, FORBIDDEN, LOGGED_IN, LOGIN, NOT_FOUND, OK, PROJECT_LEADER, ROLES
from .steering_group import agreement_in_force

TABY = "0160"


def _session(leader, *, days: int, **extra):
    fields = {
        "title": "Utbildningshalvdag om prostitution och människohandel",
        "kind": Kind.HALF_DAY,
        "date": timezone.localdate() + datetime.timedelta(days=days),
        "half": Half.MORNING,
        "mode": Mode.DIGITAL,
        "link": "https://video.example.se/utbildning",
        "capacity": 20,
        **extra,
    }
    return services.create_session(by=leader, **fields)


def placeholders(users):
    leader, contact = users["project_leader"], users["contact_taby"]
    agreement_in_force(TABY, leader)
    taby = Municipality.objects.get(code=TABY)
    open_session = _session(leader, days=30)
    registration = services.register(
        session=open_session,
        municipality=taby,
        by=contact,
        name="Tilda Täbysson",
        email="tilda@taby.example.se",
        workplace="Socialtjänsten, vuxenenheten",
    )
    targeted = _session(
        leader,
        days=40,
        kind=Kind.TARGETED,
        municipality=taby,
        half=Half.AFTERNOON,
        mode=Mode.ON_SITE,
        link="",
        location="Täby kommunhus, Esplanaden 3",
    )
    held = timezone.localdate() - datetime.timedelta(days=10)
    past = TrainingSession.objects.create(
        title="Utbildningshalvdag (hållen)",
        kind=Kind.HALF_DAY,
        date=held,
        half=Half.MORNING,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        mode=Mode.DIGITAL,
        link="https://video.example.se/utbildning",
        capacity=20,
        created_by=leader,
    )
    Registration.objects.create(
        session=past,
        municipality=taby,
        name="Tore Täbysson",
        email="tore@taby.example.se",
        workplace="Socialtjänsten, barn och unga",
        registered_by=contact,
        status=RegistrationStatus.CONFIRMED,
    )
    return {
        "tr_open": open_session.pk,
        "tr_targeted": targeted.pk,
        "tr_past": past.pk,
        "tr_year": held.year,
        "tr_taby_registration": registration.pk,
    }


def table(**statuses):
    """403 for every logged-in role unless named; anonymous to the login page."""
    base = {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN}
    return {**base, **statuses}


CITY = {"project_leader": OK, "finance": OK, "signatory": OK}
MANAGE_CHANGED = {**PROJECT_LEADER, "project_leader": CHANGED}
# Täby's targeted training: the city and Täby; anyone else gets 404.
TARGETED = {
    **table(**CITY, contact_taby=OK),
    "contact_nacka": NOT_FOUND,
    "steering_member": NOT_FOUND,
}
# Registering: Täby's contact (agreement in force); Nacka's contact sees the session but has no
# agreement in force (403). An empty form comes back with its errors (200).
REGISTER = table(contact_taby=OK)
# Registration lists: the city and the contacts (each their own municipality's).
READ_REGISTRATIONS = table(**CITY, contact_taby=OK, contact_nacka=OK)
# Täby's registration: the city sees it (finance and the signatory may not cancel: 403), Täby's
# contact and the project leader cancel it; anyone else gets 404.
CANCEL_GET = {
    **table(project_leader=OK, contact_taby=OK),
    "contact_nacka": NOT_FOUND,
    "steering_member": NOT_FOUND,
}
CANCEL_POST = {**CANCEL_GET, "project_leader": CHANGED, "contact_taby": CHANGED}
PARTICIPANTS = {**LOGGED_IN}
EXPORT = table(**CITY)

CASES = {
    "training:index": ("/utbildning/", LOGGED_IN, None),
    "training:session_create": ("/utbildning/ny/", PROJECT_LEADER, PROJECT_LEADER),
    "training:session": ("/utbildning/{tr_targeted}/", TARGETED, None),
    "training:session_edit": ("/utbildning/{tr_open}/andra/", PROJECT_LEADER, PROJECT_LEADER),
    "training:session_ics": ("/utbildning/{tr_open}/kalender.ics", LOGGED_IN, None),
    "training:attendance": ("/utbildning/{tr_past}/narvaro/", PROJECT_LEADER, MANAGE_CHANGED),
    "training:session_xlsx": ("/utbildning/{tr_past}/deltagare.xlsx", EXPORT, None),
    "training:register": ("/utbildning/{tr_open}/anmal/", REGISTER, REGISTER),
    "training:registrations": ("/utbildning/anmalningar/", READ_REGISTRATIONS, None),
    "training:registration_cancel": (
        "/utbildning/anmalningar/{tr_taby_registration}/avboka/",
        CANCEL_GET,
        CANCEL_POST,
    ),
    "training:participants": ("/utbildning/deltagare/", PARTICIPANTS, None),
    "training:year_xlsx": ("/utbildning/deltagare/{tr_year}.xlsx", EXPORT, None),
}
