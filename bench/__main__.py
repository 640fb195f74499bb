"""`make bench`: run every benchmark, print its figures and write them to bench/results/.

Benchmarks run on a fresh SQLite database in a temporary data directory (or on the database
named by CARAVAN_BENCH_DATABASE_URL), never on the developer's var/. `python -m bench ingest
--quick` runs only the ingest benchmark, on 20,000 records (see bench/ingest.py); `python -m bench
search --search-size 100000` a quick search benchmark (see bench/search.py), and `python -m bench
api` API throughput under wrk (see bench/api.py), `python -m bench insight` the dashboards and
`python -m bench similar` the precision of similar-object suggestions on the CIT catalogue.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
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


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="ingest: 20,000 records only")
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=None,
        help="ingest: record counts, e.g. 200000,1000000 (or CARAVAN_BENCH_INGEST_SIZES)",
    )
    parser.add_argument(
        "--formats", default="lido,csv", help="ingest: lido, lido-ddb (13 KB portal records), csv"
    )
    parser.add_argument(
        "--search-size",
        type=int,
        default=None,
        help="search: synthetic records to index (default 1,000,000)",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the temporary data directory (the search benchmark leaves gigabytes there)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    options = arguments(argv)
    data_dir = tempfile.mkdtemp(prefix="caravan-bench-")
    os.environ["CARAVAN_DATA_DIR"] = data_dir
    os.environ["CARAVAN_ALLOWED_HOSTS"] = "testserver"  # Django's test client
    Path(data_dir, "static").mkdir()
    if os.environ.get("CARAVAN_BENCH_DATABASE_URL"):
        os.environ["CARAVAN_DATABASE_URL"] = os.environ["CARAVAN_BENCH_DATABASE_URL"]
    else:
        os.environ.pop("CARAVAN_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from bench import api, demo_load, ingest, insight, pages, search, similar

    RESULTS.mkdir(exist_ok=True)
    ingest_options = {
        "quick": options.quick,
        "sizes": options.sizes,
        "formats": options.formats.split(","),
    }
    run_options = {
        ingest.NAME: ingest_options,
        search.NAME: {"size": options.search_size or search.DEFAULT_SIZE},
    }
    # pages measures the demo data that demo_load loads, so they run together; api measures the
    # catalogue the search benchmark leaves (or writes a smaller one when run alone), and so do
    # the dashboards (insight).
    benchmarks = [demo_load, pages, ingest, search, api, insight]
    try:
        for benchmark in benchmarks:
            if not options.names or benchmark.NAME in options.names:
                _run(benchmark, run_options.get(benchmark.NAME, {}))
        if options.names == [similar.NAME]:
            _run(similar, {})
        elif not options.names or similar.NAME in options.names:
            # The judged set is the CIT catalogue alone: other benchmarks' records would be
            # candidates too, so it runs in a process of its own, on a database of its own.
            subprocess.run([sys.executable, "-m", "bench", similar.NAME], check=True)
    finally:
        if options.keep_data:
            print(f"data directory kept: {data_dir}")
        else:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(data_dir, ignore_errors=True)
    sys.stdout.flush()


def _run(benchmark: Any, run_options: dict[str, Any]) -> None:
    figures = {"benchmark": benchmark.NAME, "machine": machine(), **benchmark.run(**run_options)}
    path = RESULTS / f"{benchmark.NAME}.json"
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n== {benchmark.NAME} → {path.relative_to(Path.cwd())}")
    benchmark.report(figures)


if __name__ == "__main__":
    main()
