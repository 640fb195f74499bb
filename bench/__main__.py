"""`make bench`: run every benchmark, print its figures and write them to bench/results/.

Benchmarks run on a fresh SQLite database in a temporary data directory (or on the database
named by CARAVAN_BENCH_DATABASE_URL), never on the developer's var/.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="caravan-bench-")
    os.environ["CARAVAN_DATA_DIR"] = data_dir
    os.environ.setdefault("CARAVAN_SECRET_KEY", "bench-only-key")
    os.environ["CARAVAN_ALLOWED_HOSTS"] = "testserver"  # Django's test client
    Path(data_dir, "static").mkdir()
    if os.environ.get("CARAVAN_BENCH_DATABASE_URL"):
        os.environ["CARAVAN_DATABASE_URL"] = os.environ["CARAVAN_BENCH_DATABASE_URL"]
    else:
        os.environ.pop("CARAVAN_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from bench import demo_load, pages

    RESULTS.mkdir(exist_ok=True)
    for benchmark in (demo_load, pages):
        figures = {"benchmark": benchmark.NAME, "machine": machine(), **benchmark.run()}
        path = RESULTS / f"{benchmark.NAME}.json"
        path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\n== {benchmark.NAME} → {path.relative_to(Path.cwd())}")
        benchmark.report(figures)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
