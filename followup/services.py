"""Writes of the follow-up: a municipality's figures for a half-year, from the entry form or an
import. All or nothing: every value is checked before anything is written."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import Service

from . import scope
from .models import COUNT_FIELDS, FIRST_YEAR, MAX_COUNT, UsageFigure
from .periods import half_label, has_started


@dataclass(frozen=True)
class Figure:
    """The four counts of one municipality, service and half-year, as they will be stored."""

    municipality_id: int
    service_id: int
    year: int
    half: int
    counts: tuple[int, int, int, int]  # in the order of COUNT_FIELDS


@dataclass(frozen=True)
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def check_period(year: int, half: int, *, today: datetime.date) -> list[str]:
    """Reasons a half-year cannot take figures (empty when it can)."""
    if half not in (1, 2):
        return [_("halvåret är 1 eller 2, inte %(half)s.") % {"half": half}]
    if year < FIRST_YEAR:
        return [_("det finns inga avtal före %(year)s.") % {"year": FIRST_YEAR}]
    if not has_started(year, half, today):
        return [
            _("%(period)s har inte börjat ännu.") % {"period": half_label(year, half)},
        ]
    return []


def check_count(value) -> str:
    """The reason a count is not acceptable, or ""."""
    if not isinstance(value, int) or isinstance(value, bool):
        return _("%(value)r är inte ett heltal.") % {"value": value}
    if value < 0:
        return _("%(value)s är negativt.") % {"value": value}
    if value > MAX_COUNT:
        return _("%(value)s är orimligt stort.") % {"value": value}
    return ""


def _check(figures: list[Figure], today: datetime.date) -> None:
    errors = []
    for figure in figures:
        errors.extend(check_period(figure.year, figure.half, today=today))
        errors.extend(filter(None, (check_count(v) for v in figure.counts)))
    keys = [(f.municipality_id, f.service_id, f.year, f.half) for f in figures]
    if len(set(keys)) != len(keys):
        errors.append(_("samma kommun, verksamhet och halvår förekommer två gånger."))
    if errors:
        raise ValidationError(sorted(set(errors)))


@transaction.atomic
def write_figures(figures: list[Figure], *, by, today: datetime.date | None = None) -> WriteResult:
    """Store every figure, or none (ValidationError). A row whose counts do not change is left
    as it is, so ``entered_by`` and ``updated_at`` keep saying who last changed it."""
    today = today or timezone.localdate()
    _check(figures, today)
    existing = {}
    if figures:
        # Locked, so two imports of the same half-year do not interleave.
        rows = UsageFigure.objects.select_for_update().filter(
            municipality_id__in={f.municipality_id for f in figures},
            year__in={f.year for f in figures},
        )
        existing = {(r.municipality_id, r.service_id, r.year, r.half): r for r in rows}
    result = {"created": 0, "updated": 0, "unchanged": 0}
    by = by if by is not None and by.is_authenticated else None
    for figure in figures:
        values = dict(zip(COUNT_FIELDS, figure.counts, strict=True))
        row = existing.get((figure.municipality_id, figure.service_id, figure.year, figure.half))
        if row is None:
            UsageFigure.objects.create(
                municipality_id=figure.municipality_id,
                service_id=figure.service_id,
                year=figure.year,
                half=figure.half,
                entered_by=by,
                **values,
            )
            result["created"] += 1
        elif row.counts() != values:
            for name, value in values.items():
                setattr(row, name, value)
            row.entered_by = by
            row.save()
            result["updated"] += 1
        else:
            result["unchanged"] += 1
    return WriteResult(**result)


def save_period(
    *,
    municipality,
    year: int,
    half: int,
    counts_by_service: dict[int, dict[str, int]],
    by,
    today: datetime.date | None = None,
    offer=None,
) -> WriteResult:
    """A municipality's figures for one half-year, one row per service (service id → counts) of
    the offer (the first with follow-up when none is given)."""
    services = set(
        Service.objects.filter(offer=scope.offer_or_first(offer)).values_list("pk", flat=True)
    )
    unknown = set(counts_by_service) - services
    if unknown:
        raise ValidationError(_("Okänd verksamhet."))
    figures = [
        Figure(
            municipality_id=municipality.pk,
            service_id=service_id,
            year=year,
            half=half,
            counts=tuple(counts[name] for name in COUNT_FIELDS),
        )
        for service_id, counts in counts_by_service.items()
    ]
    return write_figures(figures, by=by, today=today)


def period_figures(municipality, year: int, half: int, *, offer=None) -> dict[int, UsageFigure]:
    """The stored figures of a municipality and half-year for the services of the offer (the
    first with follow-up when none is given), by service id."""
    return {
        f.service_id: f
        for f in UsageFigure.objects.filter(
            municipality=municipality,
            year=year,
            half=half,
            service__offer=scope.offer_or_first(offer),
        ).select_related("entered_by")
    }
