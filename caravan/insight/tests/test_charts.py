"""The chart drawer: well-formed SVG with escaped live text, tables and CSV from one Figure."""

from __future__ import annotations

import csv
import io

import pytest
from lxml import etree

from caravan.insight.charts import KINDS, Figure, csv_response, figure_csv, figure_svg

SVG = "{http://www.w3.org/2000/svg}"


def figure(kind: str = "bars", **changes: object) -> Figure:
    values: dict[str, object] = {
        "key": "members",
        "title": "Records by member",
        "columns": ("Member", "Records"),
        "rows": (("故宫博物院", 40), ("متحف <b>", 10), ("Մատենադարան", 0)),
        "kind": kind,
        **changes,
    }
    return Figure(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_draws_well_formed_svg_with_a_title(kind):
    svg = etree.fromstring(str(figure_svg(figure(kind, rows=(("a", 3), ("b", 75.5))))))
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    assert svg.findtext(f"{SVG}title") == "Records by member"
    assert svg.get("aria-labelledby") == svg.find(f"{SVG}title").get("id")


def test_bars_are_as_long_as_their_values_and_labels_stay_text():
    svg = etree.fromstring(str(figure_svg(figure())))
    bars = [float(rect.get("width", "")) for rect in svg.iter(f"{SVG}rect")]
    assert bars[0] > 0 and bars[1] == pytest.approx(bars[0] / 4) and bars[2] == 0
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert "故宫博物院" in texts and "متحف <b>" in texts  # parsed back: it was escaped
    assert "<b>" not in str(figure_svg(figure())).replace("&lt;b&gt;", "")


def test_shares_are_drawn_against_a_hundred_percent():
    svg = etree.fromstring(str(figure_svg(figure("shares", rows=(("a", 50.0),)))))
    track, bar = list(svg.iter(f"{SVG}rect"))
    assert float(bar.get("width", "")) == pytest.approx(float(track.get("width", "")) / 2)
    assert any(text.text == "50%" for text in svg.iter(f"{SVG}text"))


def test_rows_link_where_the_figure_gives_links():
    svg = etree.fromstring(str(figure_svg(figure(links=("/search/?institution=a", "", "")))))
    links = list(svg.iter(f"{SVG}a"))
    assert [link.get("href") for link in links] == ["/search/?institution=a"]


def test_the_csv_has_the_columns_and_rows_and_defuses_formulas():
    hostile = figure(rows=(('=HYPERLINK("http://x")', 1), ("-3", 2), ("12th century", 3)))
    rows = list(csv.reader(io.StringIO(figure_csv(hostile))))
    assert rows == [
        ["Member", "Records"],
        ['\'=HYPERLINK("http://x")', "1"],
        ["-3", "2"],
        ["12th century", "3"],
    ]
    response = csv_response(hostile)
    assert response["Content-Disposition"] == 'attachment; filename="members.csv"'


def test_a_figure_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown chart kind"):
        figure("pie")
