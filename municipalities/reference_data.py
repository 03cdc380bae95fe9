"""Load the county's municipalities and the 2018 population base from fixtures/."""

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import COUNTIES, Municipality, PopulationFigure

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "stockholm-county-population-2018.csv"
SOURCE_2018 = "SCB, Folkmängd i riket, län och kommuner 31 december 2018"
HOST_CODE = "0180"  # Stockholm


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def add(self, label: str, created: bool, changed: bool):
        if created:
            self.created.append(label)
        elif changed:
            self.updated.append(label)
        else:
            self.unchanged += 1


def _upsert(model, lookup: dict, values: dict, report: LoadReport, label: str):
    """Create or update one row, writing only when something differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.add(label, created=True, changed=True)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save(update_fields=changed)
    report.add(label, created=False, changed=bool(changed))
    return obj


@transaction.atomic
def load_municipalities(report: LoadReport) -> None:
    base_date: datetime.date = settings.COST_BASE_POPULATION_DATE
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["kommunkod"].strip()
            municipality = _upsert(
                Municipality,
                {"code": code},
                {
                    "name": row["kommun"].strip(),
                    "county": COUNTIES[code[:2]],
                    "in_cost_base": row["in_cost_base"].strip() == "yes",
                    "is_host": code == HOST_CODE,
                },
                report,
                f"kommun {code}",
            )
            population = row["folkmangd_2018_12_31"].strip()
            if population:
                _upsert(
                    PopulationFigure,
                    {"municipality": municipality, "reference_date": base_date},
                    {"population": int(population), "source": SOURCE_2018},
                    report,
                    f"folkmängd {code}",
                )
