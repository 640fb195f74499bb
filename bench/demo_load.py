"""How fast the demo data loads through the importers, first into an empty database and again.

The demo's source files (CIT dmp, Tate and ACMI JSON Lines, EDM and LIDO XML) go through
`caravan.ingest.services.ingest` with its default worker count, as `caravan demo` runs it.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command

NAME = "demo_load"


def run() -> dict[str, Any]:
    from caravan.catalogue.models import CatalogueObject, ObjectTerm
    from caravan.demo.services import demo_load

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    first = demo_load()
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = demo_load()
    second_seconds = time.perf_counter() - started
    objects = CatalogueObject.objects.count()
    return {
        "objects": objects,
        "terms": ObjectTerm.objects.count(),
        "first_load_seconds": round(first_seconds, 2),
        "first_load_objects_per_second": round(objects / first_seconds, 1),
        "first_load_outcomes": first.objects,
        "first_load_rejected": len(first.rejected),
        "reload_seconds": round(second_seconds, 2),
        "reload_objects_per_second": round(objects / second_seconds, 1),
        "reload_outcomes": second.objects,
    }


def report(figures: dict[str, Any]) -> None:
    print(
        f"{figures['objects']} objects, {figures['terms']} terms\n"
        f"first load: {figures['first_load_seconds']} s "
        f"({figures['first_load_objects_per_second']} objects/s) {figures['first_load_outcomes']}\n"
        f"reload:     {figures['reload_seconds']} s "
        f"({figures['reload_objects_per_second']} objects/s) {figures['reload_outcomes']}"
    )
