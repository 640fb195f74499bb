"""API throughput: requests per second and latency of search and object detail, served by
`caravan serve --production` (gunicorn, the production settings) and driven by wrk over loopback.

The catalogue is whatever the bench database holds when it starts: after the search benchmark,
its 1,000,000 synthetic records; run alone, a synthetic catalogue of API_SIZE records (100,000
unless CARAVAN_BENCH_API_SIZE says otherwise) is written the same way. Each endpoint is driven
for DURATION seconds by wrk with CONNECTIONS keep-alive connections after a warm-up; the server
and wrk share the machine's two cores, so the figures are a floor. Rate limits are lifted for
the run (one address making every request would be throttled, which is their job) and requests
carry X-Forwarded-Proto: https, as from the TLS proxy that production settings expect.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

NAME = "api"
API_SIZE = int(os.environ.get("CARAVAN_BENCH_API_SIZE", "100000"))
DURATION = int(os.environ.get("CARAVAN_BENCH_API_SECONDS", "20"))
WARM_UP = 5
CONNECTIONS = 8
THREADS = 2
WORKERS = 2
PATHS_PER_ENDPOINT = 400

# wrk runs this for every request (a path from the list, in turn) and prints one JSON line at
# the end with the totals and the latency percentiles, in microseconds.
WRK_SCRIPT = """
local paths = {PATHS}
local counter = 0
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept"] = "application/json"
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean))
end
"""


def run() -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is missing: `make bench` installs it (Debian package wrk)")
    catalogue = _ensure_catalogue()
    paths = _paths(random.Random(7))
    port = _free_port()
    server = _start_server(port)
    try:
        _wait_until_up(port)
        endpoints = {}
        for name, endpoint_paths in paths.items():
            _drive(wrk, port, endpoint_paths, WARM_UP)
            endpoints[name] = _drive(wrk, port, endpoint_paths, DURATION)
            print(f"api: {name}: {endpoints[name]['requests_per_second']} requests/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "catalogue": catalogue,
        "server": f"caravan serve --production --workers {WORKERS} (gunicorn, sync workers)",
        "load_generator": f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s, loopback",
        "endpoints": endpoints,
    }


def _ensure_catalogue() -> dict[str, Any]:
    from django.core.management import call_command

    from caravan.catalogue.models import CatalogueObject

    call_command("migrate", interactive=False, verbosity=0)
    present = CatalogueObject.objects.filter(withdrawn_at__isnull=True).count()
    if present >= 10_000:
        return {"objects": present, "written_here": False}
    from bench.search import build_index, load_catalogue, prepare_world

    load = load_catalogue(prepare_world(), API_SIZE)
    index = build_index()
    print(f"api: {API_SIZE:,} records written in {load['seconds']} s, indexed", flush=True)
    return {
        "objects": CatalogueObject.objects.filter(withdrawn_at__isnull=True).count(),
        "written_here": True,
        "index_seconds": index["seconds"],
    }


def _paths(chooser: random.Random) -> dict[str, list[str]]:
    """Search queries made from words of real titles (so they find something, in every script
    the catalogue holds) and detail pages of random public objects."""
    from urllib.parse import urlencode

    from caravan.catalogue.models import CatalogueObject, Visibility

    public = CatalogueObject.objects.filter(
        visibility=Visibility.PUBLIC, withdrawn_at__isnull=True
    ).values_list("pk", flat=True)
    highest = public.order_by("-pk").first() or 0
    sample_ids = sorted({chooser.randint(1, highest) for _ in range(PATHS_PER_ENDPOINT * 3)})
    rows = list(public.filter(pk__in=sample_ids).values_list("pk", "titles"))
    chooser.shuffle(rows)
    rows = rows[:PATHS_PER_ENDPOINT]
    queries = [_query_from(titles, chooser) for _, titles in rows]
    return {
        "search (query + all facets)": [
            "/api/v1/search?" + urlencode({"q": q}) for q in queries if q
        ],
        "object detail": [f"/api/v1/objects/{pk}" for pk, _ in rows],
    }


def _query_from(titles: dict[str, str], chooser: random.Random) -> str:
    text = chooser.choice(list(titles.values())) if titles else ""
    words = [word for word in text.replace(",", " ").split() if len(word) > 2]
    if words:
        return chooser.choice(words)
    han = [character for character in text if "\u4e00" <= character <= "\u9fff"]
    return "".join(han[:2])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(port: int) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "CARAVAN_API_RATE_ANONYMOUS": "",
        "CARAVAN_API_RATE_MEMBER": "",
        "CARAVAN_ALLOWED_HOSTS": "127.0.0.1",
        "CARAVAN_LOG_LEVEL": "ERROR",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # --production chooses the settings
    command = [sys.executable, "-m", "caravan.cli", "serve", "--production"]
    command += ["--port", str(port), "--workers", str(WORKERS)]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not come up within 60 s")


def _drive(wrk: str, port: int, paths: list[str], seconds: int) -> dict[str, Any]:
    listed = "{" + ", ".join(json.dumps(path) for path in paths) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.replace("{PATHS}", listed))
    try:
        finished = subprocess.run(
            [
                wrk,
                f"-t{THREADS}",
                f"-c{CONNECTIONS}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(script.name).unlink()
    raw = json.loads(finished.stdout.strip().splitlines()[-1])
    seconds_taken = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / seconds_taken, 1),
        "latency_ms": {
            "p50": round(raw["p50_us"] / 1000, 1),
            "p95": round(raw["p95_us"] / 1000, 1),
            "p99": round(raw["p99_us"] / 1000, 1),
            "max": round(raw["max_us"] / 1000, 1),
        },
        "non_2xx": raw["non_2xx"],
        "socket_errors": raw["socket_errors"],
        "paths": len(paths),
    }


def report(figures: dict[str, Any]) -> None:
    print(
        f"{figures['catalogue']['objects']:,} objects; {figures['server']}; "
        f"{figures['load_generator']}"
    )
    print(f"{'endpoint':<30} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, endpoint in figures["endpoints"].items():
        latency = endpoint["latency_ms"]
        errors = endpoint["non_2xx"] + endpoint["socket_errors"]
        print(
            f"{name:<30} {endpoint['requests_per_second']:>8} {latency['p50']:>8} "
            f"{latency['p95']:>8} {latency['p99']:>8} {errors:>7}"
        )
