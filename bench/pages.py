"""Server-side time to render the public pages on the demo data, per page type and language.

Measured in-process with Django's test client (no network, no static files): the figure is what
the application costs, before gunicorn and the network add theirs.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.test import Client

NAME = "pages"
ROUNDS = 40
LANGUAGES = ("", "/zh-hans", "/ar")


def _timings(client: Client, paths: Callable[[], str]) -> list[float]:
    timings = []
    for _ in range(ROUNDS):
        path = paths()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return timings


def _prefixed(prefix: str, path: Callable[[], str]) -> Callable[[], str]:
    return lambda: prefix + path()


def run() -> dict[str, Any]:
    from caravan.catalogue.models import CatalogueObject, Visibility
    from caravan.institutions.models import Alliance, Institution

    client = Client()
    chooser = random.Random(7)
    public_ids = list(
        CatalogueObject.objects.filter(visibility=Visibility.PUBLIC).values_list("pk", flat=True)
    )
    pages_count = max(1, len(public_ids) // 24)
    institution = Institution.objects.order_by("code").first()
    alliance = Alliance.objects.order_by("code").first()
    if institution is None or alliance is None:
        raise RuntimeError("no demo data: the demo_load benchmark must run first")
    kinds: dict[str, Callable[[], str]] = {
        "home": lambda: "/",
        "object list (random page)": lambda: f"/objects/?page={chooser.randint(1, pages_count)}",
        "object detail (random object)": lambda: f"/objects/{chooser.choice(public_ids)}/",
        "institution": lambda: f"/institutions/{institution.code}/",
        "alliance": lambda: f"/alliances/{alliance.code}/",
    }
    results: dict[str, Any] = {"rounds": ROUNDS, "pages": {}}
    for kind, path in kinds.items():
        for prefix in LANGUAGES:
            prefixed = _prefixed(prefix, path)
            _timings(client, prefixed)  # warm caches and templates
            timings = sorted(_timings(client, prefixed))
            results["pages"][f"{kind} [{prefix.strip('/') or 'en'}]"] = {
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
            }
    return results


def report(figures: dict[str, Any]) -> None:
    print(f"{'page':<44} {'p50 ms':>8} {'p95 ms':>8}")
    for page, numbers in figures["pages"].items():
        print(f"{page:<44} {numbers['p50_ms']:>8} {numbers['p95_ms']:>8}")
