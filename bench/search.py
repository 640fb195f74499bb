"""Search: Caravan's Tantivy index against Datasette's FTS5, on 1,000,000 synthetic records.

The records (bench/search_corpus.py) are written with raw SQL into a real, migrated Caravan
database; the index is built by the real rebuild service (`index_rebuild`), and queries go through
the code path the API uses: `GET /api/v1/search` with Django's test client, in-process, and the
`selectors.search` it calls (which alone can skip facet counts: the API always counts facets,
all nine when `facet` is absent). Datasette (bench/search_peer.py) gets the same documents, made
by the same code, and is called the same way through its own in-process client.

Every query runs once to warm caches, then is timed one at a time, in the same process, on one
thread of ours (tantivy-py searches on one thread; Datasette runs each SQL query in its thread
pool while we wait). `python -m bench search --search-size 100000` runs a quick version.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from bench.search_corpus import (
    AGENT_COLUMNS,
    CHUNK_SIZE,
    MEDIA_COLUMNS,
    OBJECT_COLUMNS,
    TERM_COLUMNS,
    ChunkRows,
    Concept,
    Pools,
    World,
    chunk_rows,
    institution_rows,
    read_pools,
)
from bench.search_peer import Peer
from bench.search_queries import BenchQuery, choose_queries
from bench.search_timing import (
    ROUNDS,
    Measured,
    Runner,
    agreement,
    api_runner,
    measure,
    peer_runner,
    phase_breakdown,
    sampled,
    selector_runner,
    summary,
    with_measured_breadth,
)

NAME = "search"
DEFAULT_SIZE = 1_000_000
SEED = 11
FOUR_FACETS = ("institution", "object_type", "material", "century")
PEER_ROUNDS = 2  # Datasette's queries are slower: fewer timed runs
PEER_BROAD_ROUNDS = 1  # its broad queries take seconds each
SLOWEST = 8
TARGETS = {
    "facets_p95_ms": 25.0,
    "broad_p95_ms": 80.0,
    "speedup_p95": 10.0,
    "build_seconds": 90.0,
}
JSON_COLUMNS = {"titles", "descriptions", "production_place", "date_display", "dimensions"}
JSON_COLUMNS |= {"inscriptions", "credit_line", "names", "role", "caption"}


# --------------------------------------------------------------------------------------------
# The catalogue: institutions, vocabulary and a million objects
# --------------------------------------------------------------------------------------------


def prepare_world(seed: int = SEED) -> World:
    """Migrate, load the starter vocabulary, create 60 institutions in two alliances."""
    import datetime

    from django.core.management import call_command

    from caravan.ingest.vocab.services import starter_vocabulary_ensure
    from caravan.institutions.models import Alliance, Institution, Membership

    call_command("migrate", interactive=False, verbosity=0)
    starter_vocabulary_ensure()
    institutions = [
        Institution.objects.get_or_create(code=row["code"], defaults=row)[0]
        for row in institution_rows()
    ]
    east = {"CN", "TW", "HK", "JP", "KR"}
    for code, names, members in (
        ("bench-silk-road", {"en": "Silk Road Museums"}, institutions),
        (
            "bench-east-asia",
            {"en": "East Asian Museums"},
            [i for i in institutions if i.country in east],
        ),
    ):
        alliance = Alliance.objects.get_or_create(code=code, defaults={"names": names})[0]
        for institution in members:
            Membership.objects.get_or_create(
                institution=institution,
                alliance=alliance,
                defaults={"start_date": datetime.date(2020, 1, 1)},
            )
    object_types, materials = starter_concepts()
    return World(read_pools(), object_types, materials, [i.pk for i in institutions], seed)


def starter_concepts() -> tuple[list[Concept], list[Concept]]:
    """The starter vocabulary's object types and materials (each below its top concept)."""
    from caravan.catalogue.models import Concept as ConceptModel
    from caravan.ingest.vocab.services import STARTER_SCHEME_CODE

    concepts = ConceptModel.objects.filter(scheme__code=STARTER_SCHEME_CODE)
    broader: dict[int, set[int]] = {}
    for pk, parent in concepts.values_list("pk", "broader"):
        broader.setdefault(pk, set()).update([parent] if parent else [])
    notations = dict(concepts.values_list("pk", "notation"))
    object_types: list[Concept] = []
    materials: list[Concept] = []
    for concept in concepts.order_by("notation"):
        above = {notations[pk] for pk in _ancestors(concept.pk, broader)}
        entry = Concept(concept.pk, dict(concept.pref_labels))
        if "materials" in above:
            materials.append(entry)
        elif "object-types" in above:
            object_types.append(entry)
    return object_types, materials


def _ancestors(pk: int, broader: dict[int, set[int]]) -> set[int]:
    found: set[int] = set()
    waiting = list(broader.get(pk, ()))
    while waiting:
        current = waiting.pop()
        if current not in found:
            found.add(current)
            waiting.extend(broader.get(current, ()))
    return found


_world: World | None = None


def _chunk(task: tuple[int, int, int]) -> ChunkRows:
    if _world is None:
        raise RuntimeError("load_catalogue sets the world before the workers start")
    chunk, first_id, count = task
    text_times = connection.vendor == "sqlite"
    return chunk_rows(_world, chunk, first_id=first_id, count=count, text_times=text_times)


def _tasks(size: int, first_id: int, slots: threading.Semaphore) -> Iterator[tuple[int, int, int]]:
    """Chunks to make, handed out only while fewer than a few made ones wait to be written (the
    pool reads this in its own thread, so waiting here holds back the workers, not us)."""
    for chunk, offset in enumerate(range(0, size, CHUNK_SIZE)):
        slots.acquire()
        yield chunk, first_id + offset, min(CHUNK_SIZE, size - offset)


def _statement(table: str, columns: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    marks = ", ".join("%s::jsonb" if postgres and c in JSON_COLUMNS else "%s" for c in columns)
    names = ", ".join(quote(column) for column in columns)
    return f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608 - names only


def load_catalogue(world: World, size: int) -> dict[str, Any]:
    """Write `size` objects with their terms, makers and media; chunks are made by 2 workers."""
    global _world
    from caravan.catalogue.models import CatalogueObject

    first_id = (
        CatalogueObject.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ) + 1
    statements = {
        "objects": _statement("catalogue_catalogueobject", OBJECT_COLUMNS),
        "terms": _statement("catalogue_objectterm", TERM_COLUMNS),
        "agents": _statement("catalogue_objectagent", AGENT_COLUMNS),
        "media": _statement("catalogue_objectmedia", MEDIA_COLUMNS),
    }
    counts = dict.fromkeys(statements, 0)
    _world = world
    started = time.perf_counter()
    slots = threading.Semaphore(4)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for rows in pool.imap(_chunk, _tasks(size, first_id, slots)):
            with transaction.atomic(), connection.cursor() as cursor:
                for name, statement in statements.items():
                    values = getattr(rows, name)
                    if values:
                        cursor.executemany(statement, values)
                    counts[name] += len(values)
            slots.release()
    return {"seconds": round(time.perf_counter() - started, 1), "rows": counts}


# --------------------------------------------------------------------------------------------
# Building: Caravan's index and the peer's table
# --------------------------------------------------------------------------------------------


def _megabytes(folder: Path, pattern: str = "*") -> float:
    return round(sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file()) / 1_048_576, 1)


def build_index() -> dict[str, Any]:
    from caravan.search.services import index_rebuild

    report, seconds, memory = sampled(lambda: index_rebuild(progress=None))
    return {
        "documents": report.documents,
        "seconds": round(seconds, 1),
        "index_mb": _megabytes(report.generation),
        "memory": memory,
    }


def build_peer(folder: Path) -> tuple[Path, dict[str, Any]]:
    from bench import search_peer

    build, _, memory = sampled(lambda: search_peer.build(folder))
    return build.path, {
        "rows": build.rows,
        "prepare_seconds": round(build.prepare_seconds, 1),
        "insert_seconds": round(build.insert_seconds, 1),
        "fts_seconds": round(build.fts_seconds, 1),
        "seconds": round(build.insert_seconds + build.fts_seconds, 1),
        "database_mb": round(build.size_mb, 1),
        "memory": memory,
    }


def run(*, size: int = DEFAULT_SIZE) -> dict[str, Any]:
    # Everything the run will call is imported now, so that a run measures one version of it.
    import caravan.api.search
    import caravan.search.selectors
    import caravan.search.services  # noqa: F401

    started = time.perf_counter()
    # Other work on the machine slows every figure; the load average says how much there was.
    load_average = os.getloadavg()[0]
    world = prepare_world()
    load = load_catalogue(world, size)
    print(f"search: {size:,} records written in {load['seconds']} s", flush=True)
    index = build_index()
    print(f"search: index built in {index['seconds']} s", flush=True)
    peer_path, peer_build = build_peer(Path(settings.CARAVAN_DATA_DIR))
    print(f"search: Datasette table and FTS5 built in {peer_build['seconds']} s", flush=True)
    figures = query_figures(world.pools, peer_path, peer_build["rows"])
    figures["caravan"]["build"] = index
    figures["datasette"]["build"] = peer_build
    figures["load_average_1min"]["start"] = round(load_average, 2)
    figures = {"records": size, "load": load, **figures}
    figures["verdict"] = verdict(figures)
    figures["total_seconds"] = round(time.perf_counter() - started, 1)
    return figures


def query_figures(pools: Pools, peer_path: Path, documents: int) -> dict[str, Any]:
    """Choose the queries, time them on every engine and variant, and compare the answers."""
    from bench.search_peer import document_frequencies

    queries = choose_queries(document_frequencies(peer_path), documents, pools, seed=SEED)
    browsed = selector_runner(())("")[1].count
    if browsed != documents:
        raise RuntimeError(
            f"Caravan browses {browsed} documents for an anonymous reader, the peer holds "
            f"{documents}: the index does not hold the catalogue as it stands"
        )
    queries = with_measured_breadth(queries, documents)
    load_averages = {"before queries": os.getloadavg()[0]}
    caravan_variants: dict[str, Runner] = {
        "selector top-20": selector_runner(()),
        "selector top-20 + 4 facets": selector_runner(FOUR_FACETS),
        "API top-20 + 4 facets": api_runner(FOUR_FACETS),
        "API top-20 + all 9 facets (default)": api_runner(None),
    }
    caravan_runs, _, caravan_memory = sampled(
        lambda: {
            name: measure(runner, queries, broad_rounds=ROUNDS)
            for name, runner in caravan_variants.items()
        }
    )
    breakdown = phase_breakdown(queries, FOUR_FACETS)
    print("search: Caravan timed; now Datasette", flush=True)
    load_averages["before Datasette queries"] = os.getloadavg()[0]
    peer_runs, _, peer_memory = sampled(lambda: _peer_runs(peer_path, queries))
    load_averages["end"] = os.getloadavg()[0]
    with_facets = caravan_runs["API top-20 + 4 facets"]
    return {
        "documents_public": documents,
        "seed": SEED,
        "caravan": {
            "query_memory": caravan_memory,
            "selector_breakdown_ms": breakdown,
            **{name: summary(measured, queries) for name, measured in caravan_runs.items()},
        },
        "datasette": {
            "query_memory": peer_memory,
            **{name: summary(measured, queries) for name, measured in peer_runs.items()},
        },
        "queries": _query_figures(queries, with_facets, peer_runs["top-20 + 4 facets"], documents),
        "agreement": agreement(
            queries, with_facets.answers, peer_runs["top-20 + 4 facets"].answers
        ),
        "timed_rounds": {
            "caravan": ROUNDS,
            "datasette": PEER_ROUNDS,
            "datasette_broad": PEER_BROAD_ROUNDS,
        },
        "load_average_1min": {name: round(value, 2) for name, value in load_averages.items()},
    }


def _peer_runs(path: Path, queries: Sequence[BenchQuery]) -> dict[str, Measured]:
    peer = Peer(path)
    try:
        return {
            name: measure(
                peer_runner(peer, facets),
                queries,
                rounds=PEER_ROUNDS,
                broad_rounds=PEER_BROAD_ROUNDS,
            )
            for name, facets in (("top-20", ()), ("top-20 + 4 facets", FOUR_FACETS))
        }
    finally:
        peer.close()


def _query_figures(
    queries: Sequence[BenchQuery], ours: Measured, theirs: Measured, documents: int
) -> dict[str, Any]:
    """Every query with its hits and median times (4 facets: Caravan's API and Datasette)."""
    kinds: dict[str, int] = {}
    for query in queries:
        kinds[query.kind] = kinds.get(query.kind, 0) + 1
    listed: list[dict[str, Any]] = [
        {
            "kind": query.kind,
            "q": query.q,
            "hits": answer.count,
            "share": round(answer.count / max(1, documents), 4),
            "caravan_ms": round(statistics.median(our_times), 2),
            "datasette_ms": round(statistics.median(their_times), 2),
        }
        for query, answer, our_times, their_times in zip(
            queries, ours.answers, ours.timings, theirs.timings, strict=True
        )
    ]
    return {"count": len(queries), "by_kind": kinds, "list": listed}


def verdict(figures: dict[str, Any]) -> dict[str, Any]:
    caravan, peer = figures["caravan"], figures["datasette"]
    with_facets = caravan["API top-20 + 4 facets"]
    ratios = {
        "top-20": peer["top-20"]["mixed"]["p95_ms"] / caravan["selector top-20"]["mixed"]["p95_ms"],
        "top-20 + 4 facets": peer["top-20 + 4 facets"]["mixed"]["p95_ms"]
        / with_facets["mixed"]["p95_ms"],
        "broad + 4 facets": peer["top-20 + 4 facets"]["broad"]["p95_ms"]
        / with_facets["broad"]["p95_ms"],
    }
    checks = {
        "p95 with 4 facets <= 25 ms": with_facets["mixed"]["p95_ms"] <= TARGETS["facets_p95_ms"],
        "broad p95 with 4 facets <= 80 ms": with_facets["broad"]["p95_ms"]
        <= TARGETS["broad_p95_ms"],
        ">= 10x faster than Datasette at p95": min(ratios.values()) >= TARGETS["speedup_p95"],
        "index build < 90 s": caravan["build"]["seconds"] < TARGETS["build_seconds"],
    }
    return {
        "speedup_p95": {name: round(value, 1) for name, value in ratios.items()},
        "targets": checks,
        "targets_apply_to": "1,000,000 records" if figures["records"] != DEFAULT_SIZE else "",
    }


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


def _triple(numbers: dict[str, float]) -> str:
    if not numbers:
        return "n/a"
    return f"{numbers['p50_ms']:g} / {numbers['p95_ms']:g} / {numbers['p99_ms']:g}"


def _rss(memory: dict[str, float]) -> str:
    growth = memory["peak_main_rss_mb"] - memory["rss_before_mb"]
    return f"{memory['peak_main_rss_mb']:.0f} (+{growth:.0f})"


def _table(figures: dict[str, Any]) -> list[tuple[str, ...]]:
    caravan, peer = figures["caravan"], figures["datasette"]
    api, selector = caravan["API top-20 + 4 facets"], caravan["selector top-20 + 4 facets"]
    return [
        ("engine", "top-20", "top-20 + 4 facets", "broad + 4 facets", "build s", "MiB", "RSS MiB"),
        (
            "Caravan, Tantivy: API",
            "n/a [a]",
            _triple(api["mixed"]),
            _triple(api["broad"]),
            str(caravan["build"]["seconds"]),
            str(caravan["build"]["index_mb"]),
            _rss(caravan["query_memory"]),
        ),
        (
            "Caravan: selectors.search",
            _triple(caravan["selector top-20"]["mixed"]),
            _triple(selector["mixed"]),
            _triple(selector["broad"]),
            "",
            "",
            "",
        ),
        (
            "Datasette 0.65, FTS5",
            _triple(peer["top-20"]["mixed"]),
            _triple(peer["top-20 + 4 facets"]["mixed"]),
            _triple(peer["top-20 + 4 facets"]["broad"]),
            f"{peer['build']['seconds']} [b]",
            f"{peer['build']['database_mb']} [c]",
            _rss(peer["query_memory"]),
        ),
    ]


def report(figures: dict[str, Any]) -> None:
    caravan, peer = figures["caravan"], figures["datasette"]
    queries, agreed, verdict_figures = figures["queries"], figures["agreement"], figures["verdict"]
    print(
        f"{figures['records']:,} records ({figures['documents_public']:,} public documents), "
        f"{queries['count']} queries: {queries['by_kind']}"
    )
    print("ms as p50 / p95 / p99; warm; one query at a time; RSS: peak of this process (growth)")
    rows = _table(figures)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    default = caravan["API top-20 + all 9 facets (default)"]
    build, peer_build = caravan["build"], peer["build"]
    memory = build["memory"]
    broad = [query for query in queries["list"] if query["kind"] == "broad"]
    for line in (
        f"API with all 9 facets (no `facet`): {_triple(default['mixed'])}; "
        f"broad {_triple(default['broad'])}",
        "[a] the API always counts facets (all nine when `facet` is absent); top-20 alone is "
        "timed on selectors.search, which the API calls",
        f"[b] rows {peer_build['insert_seconds']} s + FTS5 {peer_build['fts_seconds']} s, after "
        f"{peer_build['prepare_seconds']} s reading and analysing the catalogue",
        "[c] the whole database: rows (the analysed text) and the FTS5 index",
        f"index build: main process peak RSS {memory['peak_main_rss_mb']} MiB (from "
        f"{memory['rss_before_mb']}), with its workers {memory['peak_tree_pss_mb']} MiB PSS",
        f"selectors.search, ms per query by part: {caravan['selector_breakdown_ms']}",
        "p95 by kind, API + 4 facets / Datasette + 4 facets: "
        + ", ".join(
            f"{kind} {numbers['p95_ms']:g}/{peer['top-20 + 4 facets']['by_kind'][kind]['p95_ms']:g}"
            for kind, numbers in caravan["API top-20 + 4 facets"]["by_kind"].items()
        ),
        f"load average (1 min): {figures['load_average_1min']}",
        f"speed-up at p95: {verdict_figures['speedup_p95']}",
        "broad queries (share of documents): "
        + ", ".join(f"{query['q'] or '(empty)'} {query['share']:.0%}" for query in broad),
        f"hit counts agree on {agreed['same_count']}/{agreed['queries']} queries "
        f"({agreed['unexplained']} differences unexplained); facet lists equal "
        f"{agreed['facet_lists_equal']}/{agreed['facet_lists_compared']}",
    ):
        print(line)
    print("slowest non-broad queries for Caravan (median ms, API + 4 facets / Datasette):")
    mixed = [item for item in queries["list"] if item["kind"] != "broad"]
    for item in sorted(mixed, key=lambda item: -item["caravan_ms"])[:SLOWEST]:
        print(
            f"  {item['q']!r} ({item['kind']}, {item['hits']:,} hits): "
            f"{item['caravan_ms']:g} / {item['datasette_ms']:g}"
        )
    print("queries whose hit counts differ:")
    for difference in agreed["differences"][:12]:
        print(
            f"  {difference['q']!r}: Caravan {difference['caravan']}, "
            f"Datasette {difference['datasette']}: {difference['why']}"
        )
    applies = verdict_figures["targets_apply_to"]
    print("targets" + (f" (they apply to {applies})" if applies else "") + ":")
    for name, passed in verdict_figures["targets"].items():
        print(f"  {'PASS' if passed else 'FAIL'}  {name}")
