"""Timing the search benchmark's queries: the engines as runners, percentiles, agreement.

A runner takes a query string and answers (milliseconds, Answer): the time of the call alone,
with the parsing of the response left out of it.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.ingest import TreeMemory
from bench.search_peer import FACET_COLUMNS, Peer
from bench.search_queries import BROAD_SHARE, BenchQuery

ROUNDS = 3  # timed runs of each query, after the warm-up run
# Parts of selectors.search timed apart in one extra pass (those that exist are wrapped).
PHASES = (
    "index_catch_up",
    "directory",
    "plan_query",
    "_top",
    "_hits",
    "count_facets",
    "facet_values",
    "_suggestion",
)


@dataclass(frozen=True)
class Answer:
    count: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


Runner = Callable[[str], tuple[float, Answer]]


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def sampled(work: Callable[[], Any]) -> tuple[Any, float, dict[str, float]]:
    """Run `work`, timing it and sampling the memory of this process and its workers."""
    before = _rss_kb()
    sampler = TreeMemory(os.getpid())
    sampler.start()
    started = time.perf_counter()
    try:
        result = work()
    finally:
        seconds = time.perf_counter() - started
        sampler.stop()
    memory = {
        "rss_before_mb": round(before / 1024, 1),
        "peak_main_rss_mb": round(sampler.peak_main_rss_kb / 1024, 1),
        "peak_tree_rss_mb": round(sampler.peak_tree_rss_kb / 1024, 1),
        "peak_tree_pss_mb": round(sampler.peak_tree_pss_kb / 1024, 1),
        "processes": sampler.peak_processes,
    }
    return result, seconds, memory


def selector_runner(facets: Sequence[str]) -> Runner:
    """`selectors.search` as the API calls it, for an anonymous reader."""
    from django.contrib.auth.models import AnonymousUser

    from caravan.search import selectors
    from caravan.search.types import SearchRequest

    reader = AnonymousUser()

    def run(q: str) -> tuple[float, Answer]:
        request = SearchRequest(q=q, page_size=20, facets=tuple(facets))
        started = time.perf_counter()
        result = selectors.search(request, user=reader)
        elapsed = (time.perf_counter() - started) * 1000
        counted = {name: {v.key: v.count for v in values} for name, values in result.facets.items()}
        return elapsed, Answer(result.count, counted)

    return run


def api_runner(facets: Sequence[str] | None) -> Runner:
    """GET /api/v1/search in-process; facets None leaves `facet` out (the API counts all)."""
    from django.test import Client

    client = Client()

    def run(q: str) -> tuple[float, Answer]:
        params: dict[str, Any] = {"q": q, "page_size": 20}
        if facets is not None:
            params["facet"] = list(facets)
        started = time.perf_counter()
        response = client.get("/api/v1/search", params)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"/api/v1/search?q={q!r} answered {response.status_code}")
        data = response.json()
        counted = {
            name: {item["key"]: item["count"] for item in values}
            for name, values in data["facets"].items()
        }
        return elapsed, Answer(data["count"], counted)

    return run


def peer_runner(peer: Peer, facets: Sequence[str]) -> Runner:
    names = {column: name for name, (column, _) in FACET_COLUMNS.items()}

    def run(q: str) -> tuple[float, Answer]:
        elapsed, answer = peer.timed(q, facets)
        named = {names[column]: counts for column, counts in answer.facets.items()}
        return elapsed, Answer(answer.count, named)

    return run


@dataclass
class Measured:
    answers: list[Answer]
    timings: list[list[float]]
    seconds: float


def measure(
    runner: Runner, queries: Sequence[BenchQuery], *, rounds: int = ROUNDS, broad_rounds: int
) -> Measured:
    """A warm-up run of every query, then `rounds` timed runs (broad ones `broad_rounds`)."""
    started = time.perf_counter()
    answers = [runner(query.q)[1] for query in queries]
    timings: list[list[float]] = [[] for _ in queries]
    for round_number in range(rounds):
        for position, query in enumerate(queries):
            if query.broad and round_number >= broad_rounds:
                continue
            timings[position].append(runner(query.q)[0])
    return Measured(answers, timings, round(time.perf_counter() - started, 1))


def percentiles(values: Sequence[float]) -> dict[str, float]:
    """Nearest-rank percentiles."""
    ordered = sorted(values)
    if not ordered:
        return {}

    def rank(p: float) -> float:
        return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 2)

    return {
        "p50_ms": rank(50),
        "p95_ms": rank(95),
        "p99_ms": rank(99),
        "mean_ms": round(statistics.fmean(ordered), 2),
        "samples": len(ordered),
    }


def summary(measured: Measured, queries: Sequence[BenchQuery]) -> dict[str, Any]:
    def pooled(keep: Callable[[BenchQuery], bool]) -> list[float]:
        return [t for q, ts in zip(queries, measured.timings, strict=True) if keep(q) for t in ts]

    def of_kind(kind: str) -> Callable[[BenchQuery], bool]:
        return lambda query: query.kind == kind

    kinds = sorted({query.kind for query in queries})
    return {
        "mixed": percentiles(pooled(lambda q: not q.broad)),
        "broad": percentiles(pooled(lambda q: q.broad)),
        "by_kind": {kind: percentiles(pooled(of_kind(kind))) for kind in kinds},
        "seconds": measured.seconds,
    }


def with_measured_breadth(queries: Sequence[BenchQuery], documents: int) -> list[BenchQuery]:
    """The queries without the broad candidates Caravan finds in 30% of the documents or fewer."""
    runner = selector_runner(())
    return [
        query
        for query in queries
        if not query.broad or runner(query.q)[1].count / max(1, documents) > BROAD_SHARE
    ]


def phase_breakdown(queries: Sequence[BenchQuery], facets: Sequence[str]) -> dict[str, float]:
    """Mean milliseconds per query spent in each part of selectors.search, for the non-broad
    queries: which part of the path the time goes to."""
    from caravan.search import selectors

    spent = dict.fromkeys(PHASES, 0.0)
    originals = {name: getattr(selectors, name) for name in PHASES if hasattr(selectors, name)}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    chosen = [query for query in queries if not query.broad]
    runner = selector_runner(facets)
    for name, function in originals.items():
        setattr(selectors, name, timed(name, function))
    try:
        total = sum(runner(query.q)[0] for query in chosen)
    finally:
        for name, function in originals.items():
            setattr(selectors, name, function)
    per_query = {name: round(seconds * 1000 / len(chosen), 2) for name, seconds in spent.items()}
    per_query["total"] = round(total / len(chosen), 2)
    per_query["other"] = round(per_query["total"] - sum(spent.values()) * 1000 / len(chosen), 2)
    return per_query


def agreement(
    queries: Sequence[BenchQuery], caravan: Sequence[Answer], peer: Sequence[Answer]
) -> dict[str, Any]:
    """Where the hit counts and facet counts of the two engines differ, and why."""
    from caravan.search.plan import plan_query
    from caravan.search.query import parse_query

    differences: list[dict[str, Any]] = []
    unexplained = 0
    facets_compared = facets_equal = 0
    for query, ours, theirs in zip(queries, caravan, peer, strict=True):
        if ours.count == theirs.count:
            for name, counted in ours.facets.items():
                other = theirs.facets.get(name, {})
                if len(counted) < 100 and len(other) < 100:  # neither list cut short
                    facets_compared += 1
                    facets_equal += counted == other
            continue
        named = [
            f"{kind} {expansion.words!r}"
            for expansion in plan_query(parse_query(query.q)).expansions
            for kind, present in (("concept", expansion.concept_ids), ("period", expansion.period))
            if present
        ]
        explained = bool(named) and ours.count > theirs.count
        unexplained += not explained
        why = "Caravan also finds objects through " + ", ".join(named)
        differences.append(
            {
                "q": query.q,
                "kind": query.kind,
                "caravan": ours.count,
                "datasette": theirs.count,
                "why": why if explained else "unexplained",
            }
        )
    return {
        "queries": len(queries),
        "same_count": len(queries) - len(differences),
        "differences": differences,
        "unexplained": unexplained,
        "facet_lists_compared": facets_compared,
        "facet_lists_equal": facets_equal,
    }
