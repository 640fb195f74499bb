"""Reads of the ingest domain: runs, their reports, sources."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from caravan.ingest.models import COUNT_FIELDS, HarvestRun, RunIssue, Source

REPORT_COLUMNS = ("run", "identifier", "severity", "problem")


def run_list(*, source_code: str | None = None, limit: int = 50) -> QuerySet[HarvestRun]:
    runs = HarvestRun.objects.select_related("institution", "source")
    if source_code:
        runs = runs.filter(source__code=source_code)
    return runs.order_by("-pk")[:limit]


def run_summary(run: HarvestRun) -> dict[str, Any]:
    """The run as the CLI's --json prints it: `run` and the counts first."""
    return {
        "run": run.pk,
        **{name: getattr(run, name) for name in COUNT_FIELDS},
        "status": run.status,
        "kind": run.kind,
        "format": run.format,
        "institution": run.institution.code,
        "source": run.source.code if run.source_id and run.source else None,
        "location": run.location,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "failure": run.failure,
    }


def run_issues(run: HarvestRun) -> QuerySet[RunIssue]:
    return RunIssue.objects.filter(run=run).defer("raw_record").order_by("pk")


def run_report_csv(run: HarvestRun) -> Iterator[str]:
    """The run's report as CSV text, a line at a time (streamable however long the report)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REPORT_COLUMNS)
    yield _drain(buffer)
    for issue in run_issues(run).iterator(2000):
        writer.writerow((run.pk, issue.identifier, issue.severity, issue.problem))
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("institution").order_by("code")
