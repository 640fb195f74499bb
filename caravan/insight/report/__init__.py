"""The rotating convener's annual work report: the year's figures, highlights, charts; HTML/PDF.

`selectors.work_report_data` gathers the figures into plain dataclasses (`data`), `render`
turns them into a document in one language; `services` stores generated reports.
"""

from caravan.insight.report.data import WorkReportData
from caravan.insight.report.render import (
    FORMATS,
    work_report_html,
    work_report_pdf,
    work_report_render,
)
from caravan.insight.report.selectors import work_report_data

__all__ = [
    "FORMATS",
    "WorkReportData",
    "work_report_data",
    "work_report_html",
    "work_report_pdf",
    "work_report_render",
]
