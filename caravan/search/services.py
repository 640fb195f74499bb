"""Keeping the search index current: a full rebuild, and following the change log.

The database is the system of record. `index_rebuild` builds a new generation from the catalogue
and swaps it in; `index_sync` applies the change log (search_indexchange, filled by triggers in the
same transaction as each object write) from the generation's last position. Re-applying a change
is harmless — a document is deleted and written again — so a crash between the database commit
and the index commit only means the change is applied on the next sync.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from multiprocessing.pool import AsyncResult
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import connection, connections
from django.db.models import Max, Min
from django.utils import timezone

from caravan.catalogue.models import CatalogueObject
from caravan.search.analyzer import prepare
from caravan.search.documents import (
    analyse,
    document_json,
    documents_json_between,
    id_chunks,
    source_documents,
)
from caravan.search.index import (
    SCHEMA_VERSION,
    WRITER_HEAP_BYTES,
    IndexState,
    current_generation,
    new_generation,
    open_generation,
    schema,
    serve_generation,
)
from caravan.search.models import IndexChange

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
CHUNK_SIZE = 2000
REBUILD_HEAP_BYTES = 512_000_000
SYNC_BATCH = 5000
# A search applies pending changes itself when there are this few; more are left to the
# follower (`caravan index sync --follow`), so a large import never slows a reader's page.
INLINE_CATCH_UP_LIMIT = 500
INLINE_REBUILD_LIMIT = 20_000
# How long a missing change id is waited for (a PostgreSQL transaction committing late).
GAP_PATIENCE_SECONDS = 600
GAP_WINDOW = 10_000
KEEP_CHANGES = timedelta(days=7)


@dataclass(frozen=True)
class RebuildReport:
    documents: int
    seconds: float
    generation: Path


@dataclass(frozen=True)
class SyncReport:
    applied: int
    position: int
    rebuilt: bool = False


class IndexBusy(Exception):
    """Another process holds this index's writer."""


def index_rebuild(*, progress: Progress | None = None, workers: int | None = None) -> RebuildReport:
    """Build the whole index anew from the catalogue and serve it once complete."""
    started = time.perf_counter()
    state = _state_before_reading()
    generation = new_generation()
    index = open_generation(generation)
    writer = index.writer(heap_size=REBUILD_HEAP_BYTES, num_threads=2)
    ids = list(
        CatalogueObject.objects.filter(withdrawn_at__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
    )
    written = 0
    for documents in _documents_json(ids, workers=workers):
        for document in documents:
            writer.add_json(document)
        written += len(documents)
        if progress:
            progress(written, len(ids))
    writer.commit()
    writer.wait_merging_threads()
    del writer
    state.write(generation)
    serve_generation(generation)
    index_sync()
    return RebuildReport(written, time.perf_counter() - started, generation)


def _state_before_reading() -> IndexState:
    """Where a rebuild's generation starts in the change log, read before the objects are.

    Ids missing from the newest stretch of the log may belong to transactions still open; they
    are remembered as gaps and applied when they appear.
    """
    newest = IndexChange.objects.aggregate(newest=Max("id"))["newest"] or 0
    low = max(0, newest - GAP_WINDOW)
    present = set(
        IndexChange.objects.filter(id__gt=low, id__lte=newest).values_list("id", flat=True)
    )
    now = time.time()
    gaps = {change: now for change in range(low + 1, newest + 1) if change not in present}
    return IndexState(position=newest, gaps=gaps)


def _documents_json(ids: Sequence[int], *, workers: int | None) -> Iterator[list[str]]:
    ranges = [(chunk[0], chunk[-1]) for chunk in id_chunks(ids, CHUNK_SIZE)]
    count = workers if workers is not None else _configured_workers()
    # Worker processes have their own connections and cannot see an open transaction's rows.
    if count <= 1 or len(ranges) <= 2 or connection.in_atomic_block:
        for bounds in ranges:
            yield documents_json_between(bounds)
        return
    # fork: workers inherit the loaded code and settings, and each opens its own database
    # connection; this process only feeds the index writer, a few ranges behind them.
    prepare()  # the analyzer's tables, built once here rather than in every worker
    in_flight: deque[AsyncResult[list[str]]] = deque()
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=_leave_inherited_connections) as pool:
        for bounds in ranges:
            in_flight.append(pool.apply_async(documents_json_between, (bounds,)))
            if len(in_flight) > count * 2:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


_inherited: list[object] = []


def _leave_inherited_connections() -> None:
    """Open fresh connections in a forked worker without closing the parent's.

    Closing an inherited PostgreSQL connection would end the parent's session on the shared
    socket, so the objects are kept alive, unused, until the worker exits.
    """
    for alias in connections:
        handler = connections[alias]
        if handler.connection is not None:
            _inherited.append(handler.connection)
            handler.connection = None


def _configured_workers() -> int:
    return settings.CARAVAN_SEARCH_WORKERS or max(1, (os.cpu_count() or 1))


def index_sync(*, limit: int | None = None) -> SyncReport:
    """Apply the change log to the current generation; build one first if there is none.

    Raises IndexBusy when another process is writing this index.
    """
    generation = current_generation()
    if generation is None or _outdated(IndexState.read(generation)):
        report = index_rebuild()
        return SyncReport(report.documents, IndexState.read(report.generation).position, True)
    state = IndexState.read(generation)
    changes = _pending_changes(state, limit=limit or SYNC_BATCH)
    if not changes:
        return SyncReport(0, state.position)
    index = open_generation(generation)
    try:
        writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
    except ValueError as error:
        raise IndexBusy(str(error)) from error
    applied = _apply(writer, sorted({object_id for _, object_id in changes}))
    writer.commit()
    writer.wait_merging_threads()
    del writer
    _advance(state, [change for change, _ in changes])
    state.write(generation)
    return SyncReport(applied, state.position)


def index_catch_up() -> None:
    """Bring the index up to date before a search, when that is cheap; never fail a search.

    A missing or outdated index is built here only for a small catalogue; a large one is left to
    the follower (`caravan index sync --follow`) or `caravan reindex`, so no page waits minutes.
    """
    generation = current_generation()
    if generation is None or _outdated(IndexState.read(generation)):
        if CatalogueObject.objects.count() > INLINE_REBUILD_LIMIT:
            return
    else:
        state = IndexState.read(generation)
        pending = _newest_change() - state.position  # an upper bound: ids may have gaps
        if (pending <= 0 and not state.gaps) or pending > INLINE_CATCH_UP_LIMIT:
            return
    with suppress(IndexBusy):  # the follower is writing; the reader gets the index as it stands
        index_sync()


def _newest_change() -> int:
    # One look at the primary key's end; this runs before every search.
    table = connection.ops.quote_name(IndexChange._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 - our own table's name
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def index_ready() -> bool:
    """Whether this node has an index of the current schema to search."""
    generation = current_generation()
    return generation is not None and IndexState.read(generation).schema_version == SCHEMA_VERSION


def _pending_changes(state: IndexState, *, limit: int) -> list[tuple[int, int]]:
    rows = list(
        IndexChange.objects.filter(id__gt=state.position)
        .order_by("id")
        .values_list("id", "object_id")[:limit]
    )
    if state.gaps:
        rows += IndexChange.objects.filter(id__in=list(state.gaps)).values_list("id", "object_id")
    return rows


def _advance(state: IndexState, seen: list[int]) -> None:
    now = time.time()
    seen_set = set(seen)
    for change in seen_set & set(state.gaps):
        del state.gaps[change]
    newest = max(seen_set | {state.position})
    for change in range(state.position + 1, newest):
        if change not in seen_set:
            state.gaps[change] = now
    state.position = newest
    state.gaps = {
        change: since for change, since in state.gaps.items() if now - since < GAP_PATIENCE_SECONDS
    }


def _apply(writer: tantivy.IndexWriter, object_ids: list[int]) -> int:
    """Delete the objects' documents and write those still in the catalogue (not withdrawn)."""
    for chunk in id_chunks(object_ids, 1000):
        writer.delete_documents_by_query(tantivy.Query.term_set_query(schema(), "id", chunk))
    for chunk in id_chunks(object_ids, CHUNK_SIZE):
        for document in source_documents(chunk):
            writer.add_json(document_json(analyse(document)))
    return len(object_ids)


def _outdated(state: IndexState) -> bool:
    return state.schema_version != SCHEMA_VERSION or _fell_behind(state)


def _fell_behind(state: IndexState) -> bool:
    """True when changes this generation never applied have been pruned from the log."""
    oldest = IndexChange.objects.aggregate(oldest=Min("id"))["oldest"]
    return oldest is not None and oldest > state.position + 1


def index_follow(*, interval: float = 1.0, stop: Callable[[], bool] = lambda: False) -> None:
    """Keep the index current until told to stop (`caravan index sync --follow`)."""
    while not stop():
        try:
            report = index_sync()
            if report.applied:
                logger.info("search index: %s objects applied", report.applied)
        except IndexBusy:
            pass
        except Exception:  # a database restart must not end the follower
            logger.exception("search index sync failed; retrying")
            connection.close()
        if not stop():
            time.sleep(interval if _caught_up() else 0)


def _caught_up() -> bool:
    generation = current_generation()
    if generation is None:
        return False
    position = IndexState.read(generation).position
    return not IndexChange.objects.filter(id__gt=position).exists()


def changes_prune(*, older_than: timedelta = KEEP_CHANGES) -> int:
    """Delete change-log rows older than every node needs, keeping the newest row.

    A node whose position lies before the oldest row left rebuilds its index (see
    `_fell_behind`), so pruning never leaves an index silently stale.
    """
    newest = IndexChange.objects.aggregate(newest=Max("id"))["newest"]
    if newest is None:
        return 0
    cutoff = timezone.now() - older_than
    deleted, _ = IndexChange.objects.filter(changed_at__lt=cutoff, id__lt=newest).delete()
    return deleted
