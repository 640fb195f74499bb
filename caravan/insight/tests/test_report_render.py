"""The work report as a document: HTML that is well formed and escaped, a PDF whose pages
carry the headings and a chart, in English and in Simplified Chinese."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from typing import Any

import pypdfium2
import pytest

from caravan.insight.charts import BAR_COLOUR
from caravan.insight.report import work_report_data, work_report_html, work_report_pdf
from caravan.insight.tests.report_world import YEAR, ReportWorld, build_report_world
from caravan.institutions.services import membership_add

pytestmark = pytest.mark.django_db

VOID = {"meta", "br", "img", "hr", "link", "input", "col", "area", "base", "wbr", "source"}
HEADINGS = {
    "en": [
        "Contents",
        "The year at a glance",
        "Members",
        "Meetings and decisions",
        "Agreements",
        "Exhibitions and loans",
        "Exchanges and trainings",
        "The shared catalogue",
        "Appendix: tables",
    ],
    # Headings the interface already translates, and the alliance's own Chinese name.
    "zh-hans": ["目录", "成员", "展览与借展", "丝路联盟"],
}


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> ReportWorld:
    return build_report_world(make_institution, make_object)


class BalanceChecker(HTMLParser):
    """Every element opened is closed, in order (void elements excepted)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        pass  # <rect/> in the SVG

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()


def test_html_is_well_formed_escaped_and_in_the_language(
    world: ReportWorld, make_institution: Any
) -> None:
    evil = make_institution("evil", names={"en": "<script>alert(1)</script>"}, country="FR")
    membership_add(institution=evil, alliance=world.alliance, start_date=world_day())
    data = work_report_data(alliance=world.alliance, year=YEAR)
    html = work_report_html(data, language="zh-hans")
    assert html.startswith("<!doctype html>")
    assert '<html lang="zh-hans" dir="ltr">' in html
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    checker = BalanceChecker()
    checker.feed(html)
    checker.close()
    assert checker.problems == [] and checker.open == []
    # Record text keeps its own language; the chart is inline SVG.
    assert '<span lang="zh-Hans" dir="ltr">丝路联盟</span>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html


def world_day() -> Any:
    import datetime

    return datetime.date(YEAR, 5, 5)


def _pages(pdf: bytes) -> list[tuple[str, Any]]:
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    pages = []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage().get_text_range()
        pages.append((text, page.render(scale=1).to_pil().convert("RGB")))
    document.close()
    return pages


def _bar_pixels(image: Any) -> int:
    target = tuple(int(BAR_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    return sum(
        1
        for pixel in image.getdata()
        if all(abs(a - b) <= 6 for a, b in zip(pixel, target, strict=True))
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pdf_pages_carry_the_headings_and_a_chart(world: ReportWorld, language: str) -> None:
    data = work_report_data(alliance=world.alliance, year=YEAR)
    pdf = work_report_pdf(data, language=language)
    assert pdf.startswith(b"%PDF")
    pages = _pages(pdf)
    assert len(pages) >= 4
    text = "\n".join(page_text for page_text, _ in pages)
    for heading in HEADINGS[language]:
        assert heading in text, heading
    assert str(YEAR) in pages[0][0]  # the cover names the year
    assert "Hermitage" in pages[0][0] or "Эрмитаж" in pages[0][0]  # … and the convener
    # The cover and the contents have no chart; the members chapter draws its bars (one
    # full-length bar per country, as each has one member) in the chart colour.
    assert _bar_pixels(pages[0][1]) == _bar_pixels(pages[1][1]) == 0
    members = HEADINGS[language][2 if language == "en" else 1]
    charted = [page_text for page_text, image in pages if _bar_pixels(image) > 5000]
    assert any(members in page_text for page_text in charted)
