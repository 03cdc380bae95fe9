"""URLs of agreements_templates (see tests/url_cases/__init__.py for the format).

Only the project leader may see or change the versions of the agreement text. An empty POST is
answered with the page again (200): the edit form is invalid without its sections, or refused if
another part has signed on the 2023 version; the new-version form lacks its label.
"""

from agreements.models import AgreementTemplate

from . import PROJECT_LEADER


def placeholders(users):
    return {"template_2023": AgreementTemplate.objects.get(version="2023").pk}


CASES = {
    "agreements:template_list": ("/avtal/versioner/", PROJECT_LEADER, None),
    "agreements:template_edit": (
        "/avtal/versioner/{template_2023}/",
        PROJECT_LEADER,
        PROJECT_LEADER,
    ),
    # Stockholm city's contact persons of a version; an empty POST lacks the formset's fields.
    "agreements:template_contacts": (
        "/avtal/versioner/{template_2023}/kontakter/",
        PROJECT_LEADER,
        PROJECT_LEADER,
    ),
    "agreements:template_new_version": (
        "/avtal/versioner/{template_2023}/ny-version/",
        PROJECT_LEADER,
        PROJECT_LEADER,
    ),
}
