"""The index's background work through Django's tasks API.

`caravan serve` keeps the index current with its follower process; where the platform is served
some other way, the imports and harvests run by `caravan worker` queue this task when they end, so
a large import reaches the search without waiting for a reader to ask.
"""

from __future__ import annotations

from contextlib import suppress

from django_tasks import task

from caravan.search.services import IndexBusy, index_sync


@task()
def index_sync_task() -> int:
    """Apply the catalogue's pending changes to this node's index; returns how many."""
    applied = 0
    with suppress(IndexBusy):  # the follower is already at it
        while (report := index_sync()).applied:
            applied += report.applied
    return applied
