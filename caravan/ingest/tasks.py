"""Background work through Django's tasks API: large imports started from the admin.

The run exists (queued) before the task starts, so the admin shows it at once; its counters and
progress move batch by batch while the worker (`caravan worker`) runs it.
"""

from __future__ import annotations

from contextlib import suppress

from django_tasks import task

from caravan.ingest.inputs import InputUnreadable
from caravan.ingest.models import HarvestRun, RunStatus, Source, SourceKind
from caravan.insight.similar.tasks import similar_subject_model_task
from caravan.search.tasks import index_sync_task


@task()
def ingest_run_task(run_id: int, mapping_text: str = "") -> int:
    """Import the file behind a queued run (created by `services.ingest_enqueue`)."""
    from caravan.ingest.services import ingest

    run = HarvestRun.objects.select_related("institution", "source").get(pk=run_id)
    HarvestRun.objects.filter(pk=run_id).update(status=RunStatus.RUNNING)
    # An unreadable input is recorded on the run as its failure; there is nothing to retry.
    with suppress(InputUnreadable):
        ingest(
            run.location,
            institution=run.institution,
            format_name=run.format or None,
            mapping_text=mapping_text,
            source=run.source,
            run=run,
        )
    index_sync_task.enqueue()
    similar_subject_model_task.enqueue()  # learns from the records once they are indexed
    return run_id


@task()
def harvest_source_task(source_id: int, full: bool = False) -> int:
    """Harvest (or import, for a file source) one source; returns the run's id."""
    from caravan.ingest.oai import harvest
    from caravan.ingest.services import ingest

    source = Source.objects.select_related("institution").get(pk=source_id)
    if source.kind == SourceKind.OAI_PMH:
        run = harvest(source, full=full)
    else:
        run = ingest(
            source.location,
            institution=source.institution,
            format_name=source.format,
            source=source,
        )
    index_sync_task.enqueue()
    similar_subject_model_task.enqueue()  # learns from the records once they are indexed
    return run.pk
