"""The period of a report or an entry: one half-year, a whole year (both halves) or a range of
whole years. Plain values, no database."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import FIRST_YEAR, LAST_YEAR, Half


def half_start(year: int, half: int) -> datetime.date:
    return datetime.date(year, 1 if half == Half.FIRST else 7, 1)


def half_end(year: int, half: int) -> datetime.date:
    return datetime.date(year, 6, 30) if half == Half.FIRST else datetime.date(year, 12, 31)


def current_half(today: datetime.date) -> tuple[int, int]:
    return today.year, Half.FIRST if today.month <= 6 else Half.SECOND


def last_finished_half(today: datetime.date) -> tuple[int, int]:
    """The latest half-year that has ended by ``today``."""
    year, half = current_half(today)
    return (year, Half.FIRST) if half == Half.SECOND else (year - 1, Half.SECOND)


def has_started(year: int, half: int, today: datetime.date) -> bool:
    """Figures are entered for a half-year that has begun (the current one may be filled in as it
    goes), never for one still to come."""
    return half_start(year, half) <= today


def half_label(year: int, half: int) -> str:
    if half == Half.FIRST:
        return _("%(year)s, första halvåret") % {"year": year}
    return _("%(year)s, andra halvåret") % {"year": year}


@dataclass(frozen=True)
class Period:
    first_year: int
    last_year: int
    half: int | None = None  # 1 or 2: only that half of a single year

    def __post_init__(self):
        if not FIRST_YEAR <= self.first_year <= self.last_year <= LAST_YEAR:
            raise ValueError(f"bad period {self.first_year}–{self.last_year}")
        if self.half is not None and (self.half not in (1, 2) or self.first_year != self.last_year):
            raise ValueError("a half-year is a half of one year")

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def halves(self) -> list[tuple[int, int]]:
        wanted = (self.half,) if self.half else (Half.FIRST, Half.SECOND)
        return [(year, half) for year in self.years for half in wanted]

    @property
    def start(self) -> datetime.date:
        return half_start(*self.halves[0])

    @property
    def end(self) -> datetime.date:
        return half_end(*self.halves[-1])

    @property
    def is_half_year(self) -> bool:
        return self.half is not None

    def figures_q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}year__gte": self.first_year, f"{prefix}year__lte": self.last_year})
        if self.half:
            q &= Q(**{f"{prefix}half": self.half})
        return q

    @property
    def label(self) -> str:
        if self.half:
            return half_label(self.first_year, self.half)
        if self.first_year == self.last_year:
            return _("helåret %(year)s") % {"year": self.first_year}
        return _("åren %(first)s–%(last)s") % {"first": self.first_year, "last": self.last_year}

    @property
    def slug(self) -> str:
        """For file names: 2024-h1, 2024, 2021-2023."""
        if self.half:
            return f"{self.first_year}-h{self.half}"
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    def query(self) -> dict[str, str]:
        """The report page's query string for this period."""
        params = {"ar": str(self.first_year)}
        if self.last_year != self.first_year:
            params["till"] = str(self.last_year)
        if self.half:
            params["halvar"] = str(self.half)
        return params
