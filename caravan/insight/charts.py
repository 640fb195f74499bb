"""Charts as inline SVG, drawn on the server from a Figure: the numbers behind a chart, its
caption and its table alternative are one object, so the picture, the table a screen reader
reads and the CSV a reader downloads can never disagree.

Why drawn here rather than by a plotting library: the labels are museum names and terms in
Chinese, Arabic, Armenian… A plotting library lays text out with its own fonts and cannot shape
Arabic; here every label stays live SVG text, shaped by the browser (or WeasyPrint for the PDF
report) with the reader's fonts, selectable and searchable. The shapes needed — ranked bars, a
timeline of columns, a growth line — are a few rectangles each, and drawing one takes well under
a millisecond, so a dashboard of a dozen charts costs nothing to render.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe
from lxml import etree

Cell = str | int | float
WIDTH = 640
BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 250
VALUE_WIDTH = 60
PLOT_HEIGHT = 180
PLOT_TOP = 10
AXIS_SPACE = 34
# Room for 30 characters of a wide script (Cyrillic, Armenian) at 12 px before a label is cut.
LABEL_CHARACTERS = 30
BAR_COLOUR = "#1f6f8b"
LINE_COLOUR = "#b5542d"
GRID_COLOUR = "#c9d3d8"
KINDS = ("bars", "columns", "line", "shares")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


@dataclass(frozen=True)
class Figure:
    """A chart's numbers: columns[0] labels the rows, columns[1] is the number charted; any
    further columns appear only in the table and the CSV."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = "bars"
    summary: str = ""
    links: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}; expected one of {KINDS}")
        if len(self.columns) < 2:
            raise ValueError("a figure needs a label column and a number column")

    @property
    def values(self) -> list[float]:
        return [float(row[1]) if isinstance(row[1], int | float) else 0.0 for row in self.rows]

    @property
    def labels(self) -> list[str]:
        return [str(row[0]) for row in self.rows]


def figure_svg(figure: Figure) -> SafeString:
    """The chart as an inline SVG element; every text is escaped by the XML serialiser."""
    if figure.kind in ("bars", "shares"):
        svg = _bars(figure)
    elif figure.kind == "columns":
        svg = _columns(figure)
    else:
        svg = _line(figure)
    # Serialised by lxml from elements, never by joining strings: labels cannot break out.
    return mark_safe(etree.tostring(svg, encoding="unicode"))  # noqa: S308


def figure_table(figure: Figure) -> SafeString:
    """The chart's table alternative: every row and column, for screen readers and print."""
    table = etree.Element("table")
    head_row = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for column in figure.columns:
        etree.SubElement(head_row, "th", scope="col").text = column
    body = etree.SubElement(table, "tbody")
    for row in figure.rows:
        line = etree.SubElement(body, "tr")
        for index, cell in enumerate(row):
            if index == 0:
                etree.SubElement(line, "th", scope="row").text = str(cell)
            else:
                shown = _number(cell) if isinstance(cell, float) else str(cell)
                etree.SubElement(line, "td").text = shown
    return mark_safe(etree.tostring(table, encoding="unicode", method="html"))  # noqa: S308


def figure_csv(figure: Figure) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_inert(cell) for cell in figure.columns])
    writer.writerows([_inert(cell) for cell in row] for row in figure.rows)
    return out.getvalue()


def _inert(cell: Cell) -> Cell:
    """A label a spreadsheet would run as a formula (an institution named "=HYPERLINK(…)")
    gets a leading apostrophe; numbers, and texts such as "-3" or "12th century", are kept."""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_response(figure: Figure) -> HttpResponse:
    response = HttpResponse(figure_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{figure.key}.csv"'
    return response


def _canvas(figure: Figure, height: int) -> etree._Element:
    svg = etree.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {height}",
        width=str(WIDTH),
        height=str(height),
        role="img",
        # The geometry is drawn left to right; on a right-to-left page the inherited direction
        # would swap every text-anchor. Labels still shape in their own script (see _text).
        direction="ltr",
        attrib={"aria-labelledby": f"{figure.key}-svg-title", "class": "chart"},
    )
    title = etree.SubElement(svg, "title", id=f"{figure.key}-svg-title")
    title.text = figure.title + (f". {figure.summary}" if figure.summary else "")
    return svg


def _bars(figure: Figure) -> etree._Element:
    rows = len(figure.rows)
    height = max(rows, 1) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    svg = _canvas(figure, height)
    largest = 100.0 if figure.kind == "shares" else max(figure.values, default=0.0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    for index, (label, value) in enumerate(zip(figure.labels, figure.values, strict=True)):
        top = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        middle = top + BAR_HEIGHT / 2
        row = _linked(svg, figure, index)
        _text(row, LABEL_WIDTH - 8, middle, _shorten(label), anchor="end", full=label)
        if figure.kind == "shares":  # the track of the whole hundred per cent
            _rect(row, LABEL_WIDTH, top, room, BAR_HEIGHT, GRID_COLOUR).set("opacity", "0.45")
        length = room * value / largest if largest else 0.0
        _rect(row, LABEL_WIDTH, top, length, BAR_HEIGHT, BAR_COLOUR)
        shown = _number(value) + ("%" if figure.kind == "shares" else "")
        _text(row, LABEL_WIDTH + length + 6, middle, shown)
    return svg


def _columns(figure: Figure) -> etree._Element:
    svg, largest, step = _plot(figure)
    for index, (label, value) in enumerate(zip(figure.labels, figure.values, strict=True)):
        height = PLOT_HEIGHT * value / largest if largest else 0.0
        row = _linked(svg, figure, index)
        left = 50 + index * step + step * 0.1
        column = _rect(row, left, PLOT_HEIGHT - height, max(step * 0.8, 1), height, BAR_COLOUR)
        etree.SubElement(column, "title").text = f"{label}: {_number(value)}"
    return svg.getroottree().getroot()


def _line(figure: Figure) -> etree._Element:
    svg, largest, step = _plot(figure)
    values = figure.values
    points = [
        (
            50 + index * step + step / 2,
            PLOT_HEIGHT - (PLOT_HEIGHT * value / largest if largest else 0),
        )
        for index, value in enumerate(values)
    ]
    if points:
        etree.SubElement(
            svg,
            "polyline",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
            fill="none",
            stroke=LINE_COLOUR,
            attrib={"stroke-width": "2"},
        )
    for (x, y), label, value in zip(points, figure.labels, values, strict=True):
        dot = etree.SubElement(svg, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="3", fill=LINE_COLOUR)
        etree.SubElement(dot, "title").text = f"{label}: {_number(value)}"
    return svg.getroottree().getroot()


def _plot(figure: Figure) -> tuple[etree._Element, float, float]:
    """A plot with a value axis and labels along the bottom: the group to draw in (lowered so
    that the top gridline's label is not cut), the axis's top value and each point's width."""
    canvas = _canvas(figure, PLOT_TOP + PLOT_HEIGHT + AXIS_SPACE)
    svg = etree.SubElement(canvas, "g", transform=f"translate(0 {PLOT_TOP})")
    largest = _rounded_up(max(figure.values, default=0.0))
    step = (WIDTH - 50) / max(len(figure.rows), 1)
    _axis(svg, largest)
    _x_labels(svg, figure.labels, step)
    return svg, largest, step


def _rect(
    parent: etree._Element, x: float, y: float, width: float, height: float, fill: str
) -> etree._Element:
    return etree.SubElement(
        parent,
        "rect",
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        width=f"{width:.1f}",
        height=f"{height:.1f}",
        fill=fill,
    )


def _axis(svg: etree._Element, largest: float) -> None:
    for fraction in (0.0, 0.5, 1.0):
        y = PLOT_HEIGHT - PLOT_HEIGHT * fraction
        etree.SubElement(
            svg,
            "line",
            x1="46",
            x2=str(WIDTH),
            y1=f"{y:.1f}",
            y2=f"{y:.1f}",
            stroke=GRID_COLOUR,
        )
        _text(svg, 42, y, _number(largest * fraction), anchor="end")


def _x_labels(svg: etree._Element, labels: Sequence[str], step: float) -> None:
    # Room for about eight labels; the others stay in each column's tooltip and in the table.
    every = max(1, round(len(labels) / 8))
    for index, label in enumerate(labels):
        if index % every == 0:
            x = 50 + index * step + step / 2
            _text(svg, x, PLOT_HEIGHT + 18, _shorten(label, 14), anchor="middle", full=label)


def _linked(svg: etree._Element, figure: Figure, index: int) -> etree._Element:
    if index < len(figure.links) and figure.links[index]:
        return etree.SubElement(svg, "a", href=figure.links[index])
    return etree.SubElement(svg, "g")


def _text(
    parent: etree._Element,
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    full: str = "",
) -> None:
    element = etree.SubElement(
        parent,
        "text",
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        fill="currentColor",
        attrib={
            "text-anchor": anchor,
            "dominant-baseline": "middle",
            "font-size": "12",
            # Labels mix scripts; each keeps its own direction inside the chart's layout.
            "unicode-bidi": "plaintext",
        },
    )
    element.text = text
    if full and full != text:
        etree.SubElement(element, "title").text = full


def _rounded_up(value: float) -> float:
    """The axis's top: 1, 2 or 5 times a power of ten, so that its gridlines read as round."""
    if value <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def _shorten(label: str, limit: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
