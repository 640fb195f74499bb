"""Harvest health: for each member's sources, how the last run went and how often runs fail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from caravan.ingest.models import HarvestRun, RunStatus, Source

RECENT_DAYS = 30


@dataclass(frozen=True)
class SourceHealth:
    source: Source
    last_run: HarvestRun | None
    last_success: datetime | None
    recent_runs: int
    recent_failures: int

    @property
    def healthy(self) -> bool:
        return self.last_run is not None and self.last_run.status == RunStatus.SUCCEEDED


def harvest_health(
    institution_ids: Iterable[int], *, now: datetime | None = None
) -> list[SourceHealth]:
    """Each source of these institutions with its newest run and its failures in the last
    RECENT_DAYS days; sources that never ran come first, then failing ones."""
    since = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    sources = (
        Source.objects.filter(institution_id__in=list(institution_ids))
        .select_related("institution")
        .annotate(
            recent_runs=Count("runs", filter=Q(runs__started_at__gte=since)),
            recent_failures=Count(
                "runs",
                filter=Q(runs__started_at__gte=since, runs__status=RunStatus.FAILED),
            ),
        )
        .order_by("institution__code", "code")
    )
    rows = []
    for source in sources:
        runs = HarvestRun.objects.filter(source=source)
        last_success = (
            runs.filter(status=RunStatus.SUCCEEDED)
            .order_by("-started_at")
            .values_list("finished_at", flat=True)
            .first()
        )
        rows.append(
            SourceHealth(
                source=source,
                last_run=runs.order_by("-started_at", "-id").first(),
                last_success=last_success,
                recent_runs=source.recent_runs,
                recent_failures=source.recent_failures,
            )
        )
    rows.sort(key=lambda row: (row.last_run is not None, row.healthy))
    return rows
