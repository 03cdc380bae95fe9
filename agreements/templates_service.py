"""Versions of the agreement text: edit one while nobody has signed on it, or copy it into a new one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from offers.models import Offer

from .models import AgreementTemplate, TemplateContact, TemplateSection

COPIED_FIELDS = ("year", "title", "city_party", "signatory_name", "signatory_title")


def save_template(form, formset) -> AgreementTemplate:
    """Saves a valid template form and its sections formset, unless the version is frozen.

    The template row is locked first, so a signature on this version racing the edit either comes
    before (and the edit is refused) or after (and is signed on the edited text).
    """
    with transaction.atomic():
        template = AgreementTemplate.objects.select_for_update().get(pk=form.instance.pk)
        template.check_editable()
        saved = form.save()
        formset.save()
    return saved


def version_taken(version: str, offer=None) -> bool:
    """Whether the label is taken (in ``offer``'s versions when given, else in any offer's)."""
    versions = AgreementTemplate.objects.filter(version__iexact=version.strip())
    if offer is not None:
        versions = versions.filter(offer=offer)
    return versions.exists()


def new_version_from(
    template: AgreementTemplate,
    *,
    version: str,
    valid_from: datetime.date,
    by,
    offer: Offer | None = None,
) -> AgreementTemplate:
    """A copy of ``template`` (every field and section) under a new version label, unique in
    ``offer``'s versions (default: the template's own offer).

    Copied into another offer (its first version, say), the title names that offer; the sections
    are the model to edit. ``by`` is the user who asked for it (the project leader); kept for the
    signature of the call.
    """
    version = version.strip()
    offer = offer if offer is not None else template.offer
    copied = {name: getattr(template, name) for name in COPIED_FIELDS}
    if offer != template.offer:
        copied["title"] = _("Avtal om nyttjande av insatser vid %(offer)s") % {"offer": offer.name}
        copied["city_party"] = offer.host_party
    taken = ValidationError(
        _("Versionen %(version)s finns redan. Välj en annan beteckning.") % {"version": version},
        code="version_taken",
    )
    if not version:
        raise ValidationError(_("Ange en beteckning för den nya versionen."), code="required")
    with transaction.atomic():
        if version_taken(version, offer):
            raise taken
        try:
            with transaction.atomic():
                copy = AgreementTemplate.objects.create(
                    offer=offer, version=version, valid_from=valid_from, **copied
                )
        except IntegrityError:
            raise taken from None
        TemplateSection.objects.bulk_create(
            TemplateSection(template=copy, order=s.order, heading=s.heading, body=s.body)
            for s in template.sections.order_by("order")
        )
        TemplateContact.objects.bulk_create(
            TemplateContact(
                template=copy,
                order=c.order,
                role=c.role,
                **{name: getattr(c, name) for name in TemplateContact.DETAIL_FIELDS},
            )
            for c in template.contacts.order_by("order")
        )
    return copy


def save_contacts(formset) -> None:
    """Store the city's contact persons of a version. Allowed even on a frozen version: what was
    signed is stored on each signed agreement, so only agreements not yet signed show the change
    (and one awaiting the municipality's signature is signed only as shown)."""
    with transaction.atomic():
        formset.save()
