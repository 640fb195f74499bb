"""Writes for stored work reports: request one (queued for the worker), generate it."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from caravan.accounts.models import User
from caravan.accounts.permissions import can_manage_alliance
from caravan.insight.models import ReportFormat, ReportStatus, WorkReport
from caravan.insight.report.data import WorkReportData
from caravan.insight.report.render import work_report_render
from caravan.insight.report.selectors import work_report_data
from caravan.institutions.models import Alliance

# Raise when the template or the figures change shape, so earlier files are not reused.
LAYOUT_VERSION = "1"
EARLIEST_YEAR = 1900


def report_fingerprint(data: WorkReportData, *, language: str, file_format: str) -> str:
    """Same figures, language, format and layout → same fingerprint → the same file."""
    payload = json.dumps(
        [LAYOUT_VERSION, language, file_format, dataclasses.asdict(data)],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def work_report_request(
    *,
    alliance: Alliance,
    year: int,
    language: str,
    file_format: str,
    actor: User | AnonymousUser | None,
) -> WorkReport:
    """Queue a report; the worker generates it. Only the alliance's managers may ask
    (``actor=None`` is the platform itself)."""
    if actor is not None and not can_manage_alliance(actor, alliance):
        raise PermissionDenied("only the alliance's secretariat may request its work report")
    if file_format not in ReportFormat.values:
        raise ValidationError(f"unknown format {file_format!r}")
    if not EARLIEST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError(f"a report covers a year from {EARLIEST_YEAR} to this year")
    report = WorkReport.objects.create(
        alliance=alliance,
        year=year,
        language=language,
        format=file_format,
        requested_by=actor if isinstance(actor, User) else None,
    )
    from caravan.insight.tasks import work_report_task

    transaction.on_commit(lambda: work_report_task.enqueue(report.pk))
    return report


def work_report_generate(*, report: WorkReport) -> WorkReport:
    """Gather the figures and lay the document out, or reuse a ready file with the same
    fingerprint. A failure is recorded on the report (status failed, the error) and raised."""
    WorkReport.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    try:
        data = work_report_data(alliance=report.alliance, year=report.year)
        fingerprint = report_fingerprint(data, language=report.language, file_format=report.format)
        earlier = (
            WorkReport.objects.filter(content_hash=fingerprint, status=ReportStatus.READY)
            .exclude(pk=report.pk)
            .exclude(file="")
            .first()
        )
        if earlier is not None:
            report.file.name = earlier.file.name
        else:
            content = work_report_render(data, language=report.language, file_format=report.format)
            report.file.save(report.filename, ContentFile(content), save=False)
    except Exception as error:
        report.status = ReportStatus.FAILED
        report.error = f"{type(error).__name__}: {error}"[:2000]
        report.save(update_fields=["status", "error"])
        raise
    report.content_hash = fingerprint
    report.status = ReportStatus.READY
    report.error = ""
    report.generated_at = timezone.now()
    report.save(update_fields=["file", "content_hash", "status", "error", "generated_at"])
    return report
