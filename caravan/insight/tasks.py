"""Background work of the insight app: generating a stored work report (heavy: the PDF)."""

from __future__ import annotations

from django_tasks import task

from caravan.insight.models import WorkReport


@task()
def work_report_task(report_id: int) -> int:
    """Generate a report queued by `report.services.work_report_request`; returns its id."""
    from caravan.insight.report.services import work_report_generate

    report = WorkReport.objects.select_related("alliance").get(pk=report_id)
    work_report_generate(report=report)
    return report_id
