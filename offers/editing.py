"""Writes of the offer pages: an offer with its cost base, and removing a service."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from .models import Offer, Service


@transaction.atomic
def save_offer(form) -> Offer:
    """The offer and its cost base together, or neither."""
    return form.save()


@transaction.atomic
def save_service(form) -> Service:
    return form.save()


def remove_service(service: Service) -> None:
    """Remove a service that nothing has been recorded on. A service with follow-up figures (or
    residents met) is kept: the figures would lose what they count. ValidationError says why."""
    try:
        with transaction.atomic():
            service.delete()
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise ValidationError(
            _(
                "Verksamheten %(name)s kan inte tas bort: det finns %(kinds)s registrerade på "
                "den. Ändra namnet eller beskrivningen i stället."
            )
            % {"name": service.name, "kinds": _(" och ").join(kinds)},
            code="service_in_use",
        ) from None
