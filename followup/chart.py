"""The report's chart: individuals supported per municipality, one bar each, split by service.

Drawn on the server as SVG (templates/followup/includes/chart.html), no JavaScript. Its text
alternative (``description``) says every figure, and the same figures are in the table below it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.money import group_thousands

from .report import Report

# Dark enough on white for 3:1 contrast (WCAG 1.4.11), and told apart by the legend and the table.
COLOURS = ("#1f5fa8", "#a34d00", "#2e7d32", "#6a3d9a", "#444444")
LABEL_WIDTH = 170
PLOT_WIDTH = 400
TOTAL_WIDTH = 60
BAR_HEIGHT = 18
BAR_GAP = 10
LEGEND_HEIGHT = 30
AXIS_HEIGHT = 28
LEGEND_CHARACTER = 7.5  # about the width of a character at font-size 13
WIDTH = LABEL_WIDTH + PLOT_WIDTH + TOTAL_WIDTH


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    service: str
    value: int


@dataclass(frozen=True)
class Bar:
    y: int
    text_y: int
    label: str
    total: int
    total_x: float
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    label_width: int
    plot_width: int
    axis_y: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    legend: list[tuple[float, float, str, str]]  # box x, text x, colour, service name


def nice_step(maximum: int, *, most: int = 5) -> int:
    """A round step (1, 2 or 5 × 10^n) that divides 0..maximum into at most ``most`` parts."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if maximum <= step * factor * most:
                return step * factor
        step *= 10


def individuals_chart(report: Report) -> Chart | None:
    """None when no individual was supported in the period (there is nothing to draw)."""
    rows = [row for row in report.rows if row.total.individuals_supported]
    if not rows:
        return None
    maximum = max(row.total.individuals_supported for row in rows)
    step = nice_step(maximum)
    top = step * -(-maximum // step)
    scale = PLOT_WIDTH / top
    colours = {s.pk: COLOURS[i % len(COLOURS)] for i, s in enumerate(report.services)}
    bars, sentences = [], []
    for index, row in enumerate(rows):
        y = LEGEND_HEIGHT + index * (BAR_HEIGHT + BAR_GAP)
        x, segments, parts = float(LABEL_WIDTH), [], []
        for line in row.lines:
            value = line.counts.individuals_supported
            if value:
                width = value * scale
                segments.append(
                    Segment(x, width, colours[line.service.pk], line.service.name, value)
                )
                x += width
                parts.append(f"{line.service.name} {group_thousands(value)}")
        total = row.total.individuals_supported
        bars.append(Bar(y, y + BAR_HEIGHT - 4, row.municipality.name, total, x + 6, segments))
        sentences.append(
            _("%(municipality)s %(total)s (%(parts)s).")
            % {
                "municipality": row.municipality.name,
                "total": group_thousands(total),
                "parts": ", ".join(parts),
            }
        )
    axis_y = LEGEND_HEIGHT + len(rows) * (BAR_HEIGHT + BAR_GAP)
    ticks = [
        (LABEL_WIDTH + value * scale, group_thousands(value)) for value in range(0, top + 1, step)
    ]
    legend, x = [], float(LABEL_WIDTH)
    for service in report.services:
        legend.append((x, x + 16, colours[service.pk], service.name))
        x += 16 + LEGEND_CHARACTER * len(service.name) + 20
    title = _("Stödda individer per kommun och verksamhet, %(period)s") % {
        "period": report.period.label
    }
    hidden = len(report.rows) - len(rows)
    if hidden:
        sentences.append(
            _("%(count)s kommuner utan stödda individer visas inte i diagrammet.")
            % {"count": hidden}
        )
    return Chart(
        title=title,
        description=" ".join(sentences),
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        label_width=LABEL_WIDTH,
        plot_width=PLOT_WIDTH,
        axis_y=axis_y,
        bars=bars,
        ticks=ticks,
        legend=legend,
    )
