"""What a reader gets from a PDF the product makes: the text on each page, every table with its
cells, and any character that lies outside the page.

Every PDF test reads documents through :func:`check_pdf`, which fails when

- a character lies (even in part) outside the page box: a table or a line too wide for A4 is cut
  off in every viewer and on paper, though its text is still in the file;
- characters are drawn over one another (text hidden on the page but still in the file reads as
  garble to a screen reader, a search or a copy);
- a table cell has text outside the page (the cell is named), or a header cell is empty;
- the column headers of the document's tables are not exactly the ones the test expects.

The tables come from the PDF's own structure tree (the documents are tagged PDF/A-3a): each TH and
TD element, with the characters of its marked content. A table's column headers are the cells of
its THead (or, without one, of a first row of header cells); a table that continues on the next
page is one table per page, and a header row repeated on a page is counted once.

pdfplumber (pdfminer.six) gives each character's box in points, with ``top`` and ``bottom``
measured from the top of the page.
"""

import io
from dataclasses import dataclass, field

import pdfplumber
from pdfplumber.utils import extract_text

# Glyph boxes are computed from font metrics; half a point is far below anything a reader sees.
TOLERANCE = 0.5


@dataclass(frozen=True)
class Cell:
    text: str  # what is on the page
    full_text: str  # what the file holds, on the page or not
    header: bool  # a TH


@dataclass(frozen=True)
class Table:
    page: int  # 1-based
    header_rows: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]  # every row, the header rows first

    @property
    def column_headers(self) -> tuple[str, ...]:
        """The visible text of the header cells, row after row."""
        return tuple(cell.text for row in self.header_rows for cell in row)


@dataclass
class PdfText:
    pages: list[str]  # the visible text of each page
    tables: list[Table]
    off_page: list[str] = field(default_factory=list)  # one line per character outside
    overlapping: list[str] = field(
        default_factory=list
    )  # one line per character drawn over another

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def column_headers(self) -> list[tuple[str, ...]]:
        """The column headers of every table, in order; a table continued on the next page with
        the same headers is counted once."""
        seen: list[tuple[str, ...]] = []
        for table in self.tables:
            headers = table.column_headers
            if headers and (not seen or seen[-1] != headers):
                seen.append(headers)
        return seen


def words(text: str) -> str:
    """Text as one line, single spaces; a line broken after a hyphen is joined ("Upplands-Bro")."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    joined = ""
    for line in filter(None, lines):
        if not joined:
            joined = line
        elif joined.endswith("-"):
            joined += line
        else:
            joined += " " + line
    return joined


def _inside(char, page) -> bool:
    x0, top, x1, bottom = page.bbox
    return (
        char["x0"] >= x0 - TOLERANCE
        and char["x1"] <= x1 + TOLERANCE
        and char["top"] >= top - TOLERANCE
        and char["bottom"] <= bottom + TOLERANCE
    )


def _overlapping(chars, number) -> list[str]:
    """Characters drawn over another one (their boxes share more than 40 % of the smaller)."""
    grid: dict[tuple[int, int], list] = {}
    found = []
    for char in chars:
        if not char["text"].strip():
            continue
        area = (char["x1"] - char["x0"]) * (char["bottom"] - char["top"])
        column, row = int(char["x0"] // 10), int(char["top"] // 10)
        for other in (
            o
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for o in grid.get((column + dx, row + dy), ())
        ):
            width = min(char["x1"], other["x1"]) - max(char["x0"], other["x0"])
            height = min(char["bottom"], other["bottom"]) - max(char["top"], other["top"])
            other_area = (other["x1"] - other["x0"]) * (other["bottom"] - other["top"])
            if width > 0 and height > 0 and width * height > 0.4 * min(area, other_area):
                found.append(
                    f"page {number}: {char['text']!r} over {other['text']!r} at"
                    f" x {char['x0']:.0f}, y {char['top']:.0f}"
                )
                break
        grid.setdefault((column, row), []).append(char)
    return found


def _mcids(element) -> set[int]:
    found = set(element.get("mcids") or ())
    for child in element.get("children", ()):
        found |= _mcids(child)
    return found


def _cell(element, chars_by_mcid, page) -> Cell:
    chars = [c for mcid in sorted(_mcids(element)) for c in chars_by_mcid.get(mcid, ())]
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    visible = [c for c in chars if _inside(c, page)]
    return Cell(
        text=words(extract_text(visible)),
        full_text=words(extract_text(chars)),
        header=element.get("type") == "TH",
    )


def _rows(element, in_head=False):
    """(row elements, in THead?) of a table element, through THead/TBody/TFoot."""
    for child in element.get("children", ()):
        kind = child.get("type")
        if kind == "TR":
            yield child, in_head
        elif kind in ("THead", "TBody", "TFoot"):
            yield from _rows(child, kind == "THead")


def _tables(elements, chars_by_mcid, page, number) -> list[Table]:
    tables = []
    for element in elements:
        if element.get("type") == "Table":
            rows, header_rows = [], []
            for row, in_head in _rows(element):
                cells = tuple(
                    _cell(c, chars_by_mcid, page)
                    for c in row.get("children", ())
                    if c.get("type") in ("TH", "TD")
                )
                rows.append(cells)
                if in_head:
                    header_rows.append(cells)
            if not header_rows and rows and rows[0] and all(c.header for c in rows[0]):
                header_rows = [rows[0]]
            tables.append(Table(number, tuple(header_rows), tuple(rows)))
        else:
            tables += _tables(element.get("children", ()), chars_by_mcid, page, number)
    return tables


def read_pdf(data: bytes) -> PdfText:
    """The pages' visible text, the tables and the characters outside the page of a PDF."""
    pages, tables, off_page, overlapping = [], [], [], []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars_by_mcid: dict[int, list] = {}
            for char in page.chars:
                if char.get("mcid") is not None:
                    chars_by_mcid.setdefault(char["mcid"], []).append(char)
                if not _inside(char, page):
                    off_page.append(
                        f"page {number}: {char['text']!r} at x {char['x0']:.0f}–{char['x1']:.0f},"
                        f" y {char['top']:.0f}–{char['bottom']:.0f} (page {page.width:.0f}"
                        f" × {page.height:.0f})"
                    )
            overlapping += _overlapping(page.chars, number)
            visible = page.filter(
                lambda obj, page=page: obj.get("object_type") != "char" or _inside(obj, page)
            )
            pages.append(visible.extract_text())
            tables += _tables(page.structure_tree, chars_by_mcid, page, number)
    return PdfText(pages=pages, tables=tables, off_page=off_page, overlapping=overlapping)


def problems(found: PdfText, *, column_headers=None, pages=None) -> list[str]:
    """What is wrong with a document as a reader gets it; see the module's docstring."""
    wrong = []
    if found.off_page:
        wrong.append(f"{len(found.off_page)} characters lie outside the page, first:")
        wrong += [f"  {line}" for line in found.off_page[:10]]
    if found.overlapping:
        wrong.append(f"{len(found.overlapping)} characters are drawn over others, first:")
        wrong += [f"  {line}" for line in found.overlapping[:10]]
    for table in found.tables:
        for row in table.rows:
            for cell in row:
                if cell.text != cell.full_text:
                    wrong.append(
                        f"page {table.page}: a table cell shows {cell.text!r} of {cell.full_text!r}"
                    )
        for header in table.column_headers:
            if not header:
                wrong.append(f"page {table.page}: a column header is empty: {table.column_headers}")
    if column_headers is not None:
        expected = [tuple(headers) for headers in column_headers]
        if found.column_headers() != expected:
            wrong.append(f"the tables' column headers are {found.column_headers()}, not {expected}")
    if pages is not None and len(found.pages) != pages:
        wrong.append(f"{len(found.pages)} pages, not {pages}")
    return wrong


def check_pdf(data: bytes, *, column_headers=None, pages=None) -> PdfText:
    """Read a PDF and fail with every problem found (see :func:`problems`); return what was read.

    ``column_headers``: the column headers of every table in the document, in order, e.g.
    ``[("Beskrivning", "Belopp")]``; ``pages``: the number of pages, if the test knows it.
    """
    found = read_pdf(data)
    wrong = problems(found, column_headers=column_headers, pages=pages)
    assert not wrong, "\n".join(wrong)
    return found
