"""Load the county's municipalities and the 2018 population base from fixtures/."""

import csv
import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from core.loading import LoadReport, upsert

from .models import COUNTIES, Municipality, PopulationFigure

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "stockholm-county-population-2018.csv"
SOURCE_2018 = "SCB, Folkmängd i riket, län och kommuner 31 december 2018"
HOST_CODE = "0180"  # Stockholm


@transaction.atomic
def load_reference_data(report: LoadReport) -> None:
    base_date: datetime.date = settings.COST_BASE_POPULATION_DATE
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["kommunkod"].strip()
            municipality = upsert(
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
                upsert(
                    PopulationFigure,
                    {"municipality": municipality, "reference_date": base_date},
                    {"population": int(population), "source": SOURCE_2018},
                    report,
                    f"folkmängd {code}",
                )
