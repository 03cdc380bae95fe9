"""Rows of an uploaded table (CSV or XLSX, read by municipalities.population_import.read_table):
the helpers every all-or-nothing import shares."""

from collections.abc import Sequence

from django.utils.translation import gettext as _


def trim_cells(cells) -> list[str]:
    """The cells stripped, without the empty cells at the end of the row."""
    cells = [c.strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def read_header(
    cells, *, columns: Sequence[str], required: Sequence[str] | None = None
) -> tuple[dict[str, int], str]:
    """({column: index} for the known columns present, "") or ({}, a Swedish reason).

    Column names are matched without regard to case (and a byte-order mark is ignored); every
    name in ``required`` (all ``columns`` unless given) must be there, none may be unknown or
    given twice.
    """
    required = columns if required is None else required
    names = [c.casefold().lstrip("\ufeff") for c in cells]
    missing = [c for c in required if c not in names]
    unknown = [c or repr(c) for c, n in zip(cells, names, strict=True) if n not in columns]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if not (missing or unknown or repeated):
        return {name: names.index(name) for name in columns if name in names}, ""
    details = []
    if missing:
        details.append(_("saknas: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        details.append(_("okända: %(names)s") % {"names": ", ".join(unknown)})
    if repeated:
        details.append(_("dubbla: %(names)s") % {"names": ", ".join(repeated)})
    return {}, _("rubrikraden ska vara %(columns)s (%(details)s).") % {
        "columns": ",".join(columns),
        "details": "; ".join(details),
    }
