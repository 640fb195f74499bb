"""The ingest pipeline: raw records in, mapped in worker processes, stored in batches.

The main process reads (splits) the input and writes to the database; a pool of worker processes
maps records, which is where the time goes (parsing a record, normalising dates, hashing). At
most a few batches are in flight, so memory stays flat whatever the size of the input, and
batches are stored in the order they were read.

A batch is stored in one transaction together with its report lines and the run's counters, so
an interrupted run has stored exactly the batches it counted and nothing half-written.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from caravan.catalogue.bulk import PreparedRecord, TermLinker, objects_store_batch, objects_withdraw
from caravan.catalogue.records import ObjectRecord, RecordError
from caravan.catalogue.rows import RecordRows, record_rows
from caravan.ingest.mappers.base import MappingContext, RawRecord, RecordSkipped, SplitProblem
from caravan.ingest.models import COUNT_FIELDS, HarvestRun, RunIssue, Severity
from caravan.ingest.normalise import to_country_code
from caravan.ingest.plugins import mapper_for
from caravan.ingest.safety import MAX_RECORD_BYTES, UnsafeInput

# Records per batch: one transaction each. Larger batches mean fewer commits; a few batches are
# in flight at once, so this also bounds memory.
BATCH_SIZE = 1000
BATCH_CHARS = 4_000_000
Piece = RawRecord | SplitProblem
Marker = TypeVar("Marker")


# What a worker sends back for each piece. None carries the raw record: the main process still
# holds each batch's pieces, and sending kilobytes of XML back again would double the traffic.


@dataclass(frozen=True)
class Stored:
    identifier: str
    rows: RecordRows
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Rejected:
    identifier: str
    problem: str


@dataclass(frozen=True)
class Deleted:
    identifier: str


@dataclass(frozen=True)
class Skipped:
    identifier: str


MapResult = Stored | Rejected | Deleted | Skipped


@dataclass
class BatchReport:
    """What storing one batch did, for counters and progress."""

    seen: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: int = 0
    warned: int = 0
    issues: list[IssueRow] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Mapping, in worker processes or inline
# --------------------------------------------------------------------------------------------

_worker_state: dict[str, Any] = {}


def _start_worker(mapper_name: str, context: MappingContext) -> None:
    _worker_state["mapper"] = mapper_for(mapper_name)
    _worker_state["context"] = context


def _map_batch(pieces: list[Piece]) -> list[MapResult]:
    mapper = _worker_state["mapper"]
    context: MappingContext = _worker_state["context"]
    return [_map_piece(mapper, context, piece) for piece in pieces]


def _map_piece(mapper: Any, context: MappingContext, piece: Piece) -> MapResult:
    if isinstance(piece, SplitProblem):
        return Rejected(piece.identifier, piece.problem)
    if piece.deleted:
        return Deleted(piece.identifier)
    try:
        mapped = mapper.map(piece, context)
        record = with_country(mapped.record)
        rows = record_rows(record)
    except RecordSkipped:
        return Skipped(piece.identifier)
    except (RecordError, UnsafeInput) as error:
        return Rejected(piece.identifier, str(error))
    except Exception as error:  # noqa: BLE001 - a mapper bug must cost one record, not the batch
        return Rejected(piece.identifier, f"the mapper failed: {error!r}")
    return Stored(piece.identifier or record.local_id, rows, tuple(mapped.warnings))


def with_country(record: ObjectRecord) -> ObjectRecord:
    """The record with its production country read from its place, when a mapper left it out."""
    if record.production_country:
        return record
    for place in record.production_place.values():
        code = to_country_code(place)
        if code:
            return replace(record, production_country=code)
    return record


class MappingExecutor(Generic[Marker]):
    """Maps batches in order, in a bounded pool of worker processes (or inline for one worker)."""

    def __init__(self, mapper_name: str, context: MappingContext, workers: int | None = None):
        self.mapper_name = mapper_name
        self.context = context
        self.workers = workers if workers is not None else configured_workers()

    def map(
        self, batches: Iterable[tuple[list[Piece], Marker]]
    ) -> Iterator[tuple[list[Piece], list[MapResult], Marker]]:
        """Each batch with its mapped results, in input order. Input that fits in one batch is
        mapped inline: starting worker processes would cost more than they save."""
        upcoming = iter(batches)
        first = list(islice(upcoming, 2))
        if self.workers <= 1 or len(first) < 2:
            _start_worker(self.mapper_name, self.context)
            for pieces, marker in chain(first, upcoming):
                yield pieces, _map_batch(pieces), marker
            return
        # fork: workers inherit the loaded code and never touch the database connection.
        pool = multiprocessing.get_context("fork").Pool(
            self.workers, initializer=_start_worker, initargs=(self.mapper_name, self.context)
        )
        try:
            yield from self._pipelined(pool, chain(first, upcoming))
        finally:
            pool.terminate()
            pool.join()

    def _pipelined(
        self, pool: Pool, batches: Iterable[tuple[list[Piece], Marker]]
    ) -> Iterator[tuple[list[Piece], list[MapResult], Marker]]:
        pending: deque[tuple[list[Piece], AsyncResult[list[MapResult]], Marker]] = deque()
        for pieces, marker in batches:
            pending.append((pieces, pool.apply_async(_map_batch, (pieces,)), marker))
            if len(pending) > self.workers + 1:
                done_pieces, result, done_marker = pending.popleft()
                yield done_pieces, result.get(), done_marker
        while pending:
            done_pieces, result, done_marker = pending.popleft()
            yield done_pieces, result.get(), done_marker


def configured_workers() -> int:
    configured = int(getattr(settings, "CARAVAN_INGEST_WORKERS", 0))
    return configured if configured > 0 else (os.cpu_count() or 1)


def batched(
    pieces: Iterable[Piece], size: int = BATCH_SIZE, max_chars: int = BATCH_CHARS
) -> Iterator[list[Piece]]:
    """Batches of at most `size` records and about `max_chars` characters of raw records, so
    that large records (a portal's 13 KB LIDO) make smaller batches and memory stays flat."""
    batch: list[Piece] = []
    chars = 0
    for piece in pieces:
        batch.append(piece)
        chars += len(piece.data)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


# --------------------------------------------------------------------------------------------
# Storing, in the main process
# --------------------------------------------------------------------------------------------


class RunWriter:
    """Stores mapped batches of one run, each in a transaction with its report and counters."""

    def __init__(self, run: HarvestRun, *, link_term: TermLinker | None = None):
        self.run = run
        self.link_term = link_term
        self.position = run.seen
        self.source_name = run.source.code if run.source is not None else ""

    def store(
        self,
        pieces: list[Piece],
        results: list[MapResult],
        *,
        run_fields: dict[str, Any] | None = None,
    ) -> BatchReport:
        with transaction.atomic():
            report = self._store_objects(pieces, results)
            _insert_issues(self.run.pk, report.issues)
            counters = {name: F(name) + getattr(report, name) for name in COUNT_FIELDS}
            HarvestRun.objects.filter(pk=self.run.pk).update(**counters, **(run_fields or {}))
        return report

    def _store_objects(self, pieces: list[Piece], results: list[MapResult]) -> BatchReport:
        report = BatchReport()
        prepared: list[PreparedRecord] = []
        deleted: list[str] = []
        for piece, result in zip(pieces, results, strict=True):
            if isinstance(result, Skipped):
                continue
            report.seen += 1
            self.position += 1
            if isinstance(result, Rejected):
                report.rejected += 1
                report.issues.append(
                    self._issue(result.identifier, Severity.ERROR, result.problem, piece.data)
                )
            elif isinstance(result, Deleted):
                deleted.append(result.identifier)
            else:
                prepared.append(
                    PreparedRecord(result.rows, piece.data, self.source_name, result.identifier)
                )
                report.issues.extend(
                    self._issue(result.identifier, Severity.WARNING, warning)
                    for warning in result.warnings
                )
                report.warned += bool(result.warnings)
        outcome = objects_store_batch(
            institution_id=self.run.institution_id, items=prepared, link_term=self.link_term
        )
        report.created, report.updated = len(outcome.created), len(outcome.updated)
        report.unchanged = len(outcome.unchanged)
        report.issues.extend(
            self._issue(local_id, Severity.WARNING, REPEATED) for local_id in outcome.repeated
        )
        if deleted:
            report.withdrawn = objects_withdraw(
                institution_id=self.run.institution_id,
                source_name=self.source_name,
                source_identifiers=deleted,
            )
        return report

    def _issue(self, identifier: str, severity: str, problem: str, raw: str = "") -> IssueRow:
        return (
            (identifier or f"record {self.position}")[:500],
            severity,
            problem,
            raw[:MAX_RECORD_BYTES].replace("\x00", "\ufffd"),
        )


REPEATED = "the identifier appears more than once; the later record was kept"
# (identifier, severity, problem, raw record)
IssueRow = tuple[str, str, str, str]


def _insert_issues(run_id: int, issues: list[IssueRow]) -> None:
    if not issues:
        return
    table = connection.ops.quote_name(RunIssue._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (run_id, identifier, severity, problem, raw_record) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [(run_id, *issue) for issue in issues],
        )


ProgressCallback = Callable[[HarvestRun], None]


def run_pieces(
    run: HarvestRun,
    pieces: Iterable[Piece],
    *,
    context: MappingContext,
    link_term: TermLinker | None = None,
    progress: Callable[[], int] | None = None,
    on_batch: Callable[[BatchReport], None] | None = None,
    workers: int | None = None,
) -> PieceCounts:
    """Map and store every piece of one input for the run (the caller finishes the run).

    `progress` tells how far the reading has got (bytes, say); it is saved with each batch.
    Returns how many records and unreadable parts the input held.
    """
    writer = RunWriter(run, link_term=link_term)
    executor: MappingExecutor[None] = MappingExecutor(run.format, context, workers)
    counted = PieceCounts()
    batches = batched(counted.count(pieces), BATCH_SIZE, BATCH_CHARS)
    for batch, results, _ in executor.map((batch, None) for batch in batches):
        run_fields = {"progress_done": progress()} if progress is not None else None
        report = writer.store(batch, results, run_fields=run_fields)
        if on_batch is not None:
            on_batch(report)
    return counted


@dataclass
class PieceCounts:
    records: int = 0
    problems: int = 0
    first_problem: str = ""

    def count(self, pieces: Iterable[Piece]) -> Iterator[Piece]:
        for piece in pieces:
            if isinstance(piece, SplitProblem):
                self.problems += 1
                self.first_problem = self.first_problem or piece.problem
            else:
                self.records += 1
            yield piece
