"""Dashboards on a large catalogue: how long a dashboard page takes to answer, whole.

Measured in-process with Django's test client on the catalogue the search benchmark leaves
(1,000,000 synthetic records; run alone, bench/api.py's smaller catalogue is written). Each page
is timed ROUNDS times with the figures' cache emptied before each request ("uncounted": what a
reader waits for when nobody has opened that dashboard since the index last changed) and ROUNDS
times with it kept ("cached"). One request to an unrelated dashboard first loads what every page
needs once per process (templates, vocabulary labels). The platform, an alliance and an
institution dashboard are timed unfiltered and filtered (a country and a century; words), and
so are the cooperation networks (their collection profiles are counted by the index too; the
bench catalogue has no cooperation records, so every pair of members is compared).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.core.cache import cache
from django.test import Client

NAME = "insight"
ROUNDS = 20


def run() -> dict[str, Any]:
    from bench.api import _ensure_catalogue
    from bench.search import build_index
    from caravan.institutions.models import Alliance, Institution
    from caravan.search.services import index_ready

    catalogue = _ensure_catalogue()
    if not index_ready():  # a catalogue named by CARAVAN_BENCH_DATABASE_URL, say
        catalogue["index_seconds"] = build_index()["seconds"]
    client = Client()
    alliance = Alliance.objects.order_by("code").first()
    institution = Institution.objects.order_by("code").first()
    if alliance is None or institution is None:
        raise RuntimeError("the bench catalogue has no alliance or institution")
    pages = {
        "platform": "/insight/",
        "platform, country and century": "/insight/?country=CN&century=8",
        "platform, words": "/insight/?q=bronze",
        "alliance": f"/alliances/{alliance.code}/dashboard/",
        "institution": f"/institutions/{institution.code}/dashboard/",
        "chart CSV (members)": "/insight/figures/members.csv",
        "cooperation network": "/insight/network/",
        "alliance network": f"/alliances/{alliance.code}/network/",
    }
    results: dict[str, Any] = {"catalogue": catalogue, "rounds": ROUNDS, "pages": {}}
    _time(client, "/insight/?country=ZZ")
    for name, path in pages.items():
        uncounted = sorted(_time(client, path, empty_cache=True) for _ in range(ROUNDS))
        cached = sorted(_time(client, path) for _ in range(ROUNDS))
        results["pages"][name] = {
            "path": path,
            "uncounted_p50_ms": _percentile(uncounted, 0.5),
            "uncounted_p95_ms": _percentile(uncounted, 0.95),
            "cached_p50_ms": _percentile(cached, 0.5),
            "cached_p95_ms": _percentile(cached, 0.95),
        }
        print(f"insight: {name}: {results['pages'][name]}", flush=True)
    return results


def _percentile(timings: list[float], share: float) -> float:
    if share == 0.5:
        return round(statistics.median(timings), 1)
    return round(timings[max(0, int(len(timings) * share) - 1)], 1)


def _time(client: Client, path: str, *, empty_cache: bool = False) -> float:
    if empty_cache:
        cache.clear()
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    context = response.context
    found = context.get("coverage") if context is not None else None
    if found is not None and not getattr(found, "ready", True):
        raise RuntimeError(f"{path} counted nothing: the search index is not built")
    return elapsed


def report(figures: dict[str, Any]) -> None:
    print(f"catalogue: {figures['catalogue']['objects']:,} objects")
    print(f"{'dashboard (ms)':<32} {'uncounted p50':>14} {'p95':>7} {'cached p50':>11} {'p95':>7}")
    for name, n in figures["pages"].items():
        print(
            f"{name:<32} {n['uncounted_p50_ms']:>14} {n['uncounted_p95_ms']:>7} "
            f"{n['cached_p50_ms']:>11} {n['cached_p95_ms']:>7}"
        )
