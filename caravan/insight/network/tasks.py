"""The network's background work through Django's tasks API (run by `caravan worker`)."""

from __future__ import annotations

from django_tasks import task

from caravan.insight.network.services import network_warm


@task()
def network_warm_task(alliance_ids: list[int], platform: bool = True) -> int:
    """Warm the public cooperation networks of the platform and of these alliances."""
    return network_warm(alliance_ids=alliance_ids, platform=platform)
