"""The work report as a document: one HTML template for the screen and for print (WeasyPrint).

The document is self-contained — styles inline, charts as inline SVG — so it needs nothing
from the network: the PDF's URL fetcher refuses every address, and a saved HTML file opens
anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from weasyprint.urls import URLFetcher, URLFetcherResponse

from caravan.cooperation.models import AgreementKind, EventKind, ProgrammeKind
from caravan.core.langmap import text_direction
from caravan.exhibitions.workflow import ExhibitionStatus
from caravan.insight.charts import Figure, figure_svg
from caravan.insight.report.data import WorkReportData
from caravan.insight.report.figures import report_figures
from caravan.insight.report.highlights import report_highlights
from caravan.insight.report.quality import criterion_label
from caravan.institutions.models import DecisionKind

TEMPLATE = "insight/report/report.html"
FORMATS = ("html", "pdf")


class ReportFetchRefused(ValueError):
    """The report reads nothing from outside the document."""


class NoFetching(URLFetcher):
    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        raise ReportFetchRefused(f"the work report reads no external resource ({url[:60]})")


@dataclass(frozen=True)
class Chart:
    figure: Figure
    svg: SafeString


def report_context(data: WorkReportData, *, language: str) -> dict[str, Any]:
    """What the template shows; call inside `translation.override(language)`."""
    charts = {figure.key: Chart(figure, figure_svg(figure)) for figure in report_figures(data)}
    return {
        "data": data,
        "language": language,
        "direction": text_direction(language),
        "charts": charts,
        "highlights": report_highlights(data),
        "event_kinds": dict(EventKind.choices),
        "decision_kinds": dict(DecisionKind.choices),
        "agreement_kinds": dict(AgreementKind.choices),
        "programme_kinds": dict(ProgrammeKind.choices),
        "exhibition_statuses": dict(ExhibitionStatus.choices),
        "quality_labels": [criterion_label(key) for key in data.catalogue.quality_criteria],
        "site_name": settings.CARAVAN_SITE_NAME,
        "generated_on": timezone.localdate(),
    }


def work_report_html(data: WorkReportData, *, language: str) -> str:
    """The report as a complete HTML document in `language` (an interface language code)."""
    with translation.override(language):
        return render_to_string(TEMPLATE, report_context(data, language=language))


def work_report_pdf(data: WorkReportData, *, language: str) -> bytes:
    """The report as an A4 PDF: cover, contents, one chapter per topic, appendix."""
    html = work_report_html(data, language=language)
    document = weasyprint.HTML(
        string=html, base_url="http://caravan.internal/", url_fetcher=NoFetching()
    )
    pdf: bytes = document.write_pdf()
    return pdf


def work_report_render(data: WorkReportData, *, language: str, file_format: str) -> bytes:
    """The report's bytes in one of FORMATS (HTML as UTF-8)."""
    if file_format == "pdf":
        return work_report_pdf(data, language=language)
    if file_format == "html":
        return work_report_html(data, language=language).encode("utf-8")
    raise ValueError(f"unknown report format {file_format!r}; expected one of {FORMATS}")
