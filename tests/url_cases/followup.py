"""URLs of the follow-up of use (see tests/url_cases/__init__.py for the format).

The placeholders store figures for Nacka and Täby for the first half of last year, so that the
report, its chart and its files have something to show for each role. Nacka is the municipality
that the paths name: kontakt.taby gets 404 for it (another municipality's figures), kontakt.nacka
reads it but may not enter figures (403), and so may the steering-group member and city staff.
"""

from django.utils import timezone

from followup import services
from municipalities.models import Municipality
from offers.models import Service

from . import CHANGED, LOGGED_IN, NOT_FOUND, POST_ONLY, PROJECT_LEADER

NACKA, TABY = "0182", "0160"

READ_NACKA = {**LOGGED_IN, "contact_taby": NOT_FOUND}
ENTER_NACKA = {**PROJECT_LEADER, "contact_taby": NOT_FOUND}
FORM_ERRORS = PROJECT_LEADER  # an empty form comes back with its errors (200)


def placeholders(users):
    year = timezone.localdate().year - 1
    figures = [
        services.Figure(
            municipality_id=Municipality.objects.get(code=code).pk,
            service_id=service.pk,
            year=year,
            half=1,
            counts=(index + 2, index + 5, 1, 10),
        )
        for code in (NACKA, TABY)
        for index, service in enumerate(Service.objects.order_by("order"))
    ]
    services.write_figures(figures, by=users["project_leader"])
    return {"fu_year": year}


CASES = {
    "followup:report": ("/uppfoljning/?ar={fu_year}&halvar=1", LOGGED_IN, None),
    "followup:report_xlsx": ("/uppfoljning/rapport.xlsx?ar={fu_year}", LOGGED_IN, None),
    "followup:report_pdf": ("/uppfoljning/rapport.pdf?ar={fu_year}&halvar=1", LOGGED_IN, None),
    "followup:attach": ("/uppfoljning/bifoga/?ar={fu_year}", PROJECT_LEADER, FORM_ERRORS),
    "followup:municipality": (f"/uppfoljning/kommun/{NACKA}/", READ_NACKA, None),
    "followup:entry_start": ("/uppfoljning/registrera/", PROJECT_LEADER, None),
    "followup:entry": (
        f"/uppfoljning/registrera/{NACKA}/{{fu_year}}/1/",
        ENTER_NACKA,
        ENTER_NACKA,
    ),
    "followup:template": ("/uppfoljning/mall.xlsx?ar={fu_year}&halvar=2", PROJECT_LEADER, None),
    "followup:import": ("/uppfoljning/importera/", PROJECT_LEADER, FORM_ERRORS),
    "followup:import_confirm": (
        "/uppfoljning/importera/bekrafta/",
        POST_ONLY,
        {**PROJECT_LEADER, "project_leader": CHANGED},
    ),
}
