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
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import F

from caravan.catalogue.bulk import PreparedRecord, TermLinker, objects_store_batch, objects_withdraw
from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import MappingContext, RawRecord, RecordSkipped, SplitProblem
from caravan.ingest.models import HarvestRun, RunIssue, Severity
from caravan.ingest.plugins import mapper_for
from caravan.ingest.safety import MAX_RECORD_BYTES, UnsafeInput

BATCH_SIZE = 500
Piece = RawRecord | SplitProblem
Marker = TypeVar("Marker")


@dataclass(frozen=True)
class Stored:
    identifier: str
    prepared: PreparedRecord
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Rejected:
    identifier: str
    problem: str
    raw: str


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
    issues: list[RunIssue] = field(default_factory=list)


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
        return Rejected(piece.identifier, piece.problem, piece.data)
    if piece.deleted:
        return Deleted(piece.identifier)
    try:
        mapped = mapper.map(piece, context)
    except RecordSkipped:
        return Skipped(piece.identifier)
    except (RecordError, UnsafeInput) as error:
        return Rejected(piece.identifier, str(error), piece.data)
    except Exception as error:  # noqa: BLE001 - a mapper bug must cost one record, not the batch
        return Rejected(piece.identifier, f"the mapper failed: {error!r}", piece.data)
    record = mapped.record
    prepared = PreparedRecord(
        record=record,
        content_hash=record.content_hash(),
        source_name=context.source_name,
        source_identifier=piece.identifier or record.local_id,
    )
    return Stored(piece.identifier or record.local_id, prepared, tuple(mapped.warnings))


class MappingExecutor(Generic[Marker]):
    """Maps batches in order, in a bounded pool of worker processes (or inline for one worker)."""

    def __init__(self, mapper_name: str, context: MappingContext, workers: int | None = None):
        self.mapper_name = mapper_name
        self.context = context
        self.workers = workers if workers is not None else configured_workers()

    def map(
        self, batches: Iterable[tuple[list[Piece], Marker]]
    ) -> Iterator[tuple[list[MapResult], Marker]]:
        if self.workers <= 1:
            _start_worker(self.mapper_name, self.context)
            for pieces, marker in batches:
                yield _map_batch(pieces), marker
            return
        # fork: workers inherit the loaded code and never touch the database connection.
        pool = multiprocessing.get_context("fork").Pool(
            self.workers, initializer=_start_worker, initargs=(self.mapper_name, self.context)
        )
        try:
            yield from self._pipelined(pool, batches)
        finally:
            pool.terminate()
            pool.join()

    def _pipelined(
        self, pool: Pool, batches: Iterable[tuple[list[Piece], Marker]]
    ) -> Iterator[tuple[list[MapResult], Marker]]:
        pending: deque[tuple[AsyncResult[list[MapResult]], Marker]] = deque()
        for pieces, marker in batches:
            pending.append((pool.apply_async(_map_batch, (pieces,)), marker))
            if len(pending) > self.workers * 2:
                result, done_marker = pending.popleft()
                yield result.get(), done_marker
        while pending:
            result, done_marker = pending.popleft()
            yield result.get(), done_marker


def configured_workers() -> int:
    configured = int(getattr(settings, "CARAVAN_INGEST_WORKERS", 0))
    return configured if configured > 0 else (os.cpu_count() or 1)


def batched(pieces: Iterable[Piece], size: int = BATCH_SIZE) -> Iterator[list[Piece]]:
    batch: list[Piece] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= size:
            yield batch
            batch = []
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

    def store(
        self, results: list[MapResult], *, run_fields: dict[str, Any] | None = None
    ) -> BatchReport:
        with transaction.atomic():
            report = self._store_objects(results)
            RunIssue.objects.bulk_create(report.issues, batch_size=1000)
            counters = {
                name: F(name) + getattr(report, name)
                for name in (
                    "seen",
                    "created",
                    "updated",
                    "unchanged",
                    "withdrawn",
                    "rejected",
                    "warned",
                )
            }
            HarvestRun.objects.filter(pk=self.run.pk).update(**counters, **(run_fields or {}))
        return report

    def _store_objects(self, results: list[MapResult]) -> BatchReport:
        results = [result for result in results if not isinstance(result, Skipped)]
        report = BatchReport(seen=len(results))
        stored = [result for result in results if isinstance(result, Stored)]
        deleted = [result.identifier for result in results if isinstance(result, Deleted)]
        for result in results:
            self.position += 1
            if isinstance(result, Rejected):
                report.rejected += 1
                report.issues.append(
                    self._issue(result.identifier, Severity.ERROR, result.problem, result.raw)
                )
        outcome = objects_store_batch(
            institution_id=self.run.institution_id,
            items=[result.prepared for result in stored],
            link_term=self.link_term,
        )
        report.created, report.updated = len(outcome.created), len(outcome.updated)
        report.unchanged = len(outcome.unchanged)
        for local_id in outcome.repeated:
            report.issues.append(
                self._issue(
                    local_id,
                    Severity.WARNING,
                    "the identifier appears more than once; the later record was kept",
                    "",
                )
            )
        for result in stored:
            for warning in result.warnings:
                report.issues.append(self._issue(result.identifier, Severity.WARNING, warning, ""))
        report.warned = sum(1 for result in stored if result.warnings)
        if deleted:
            report.withdrawn = objects_withdraw(
                institution_id=self.run.institution_id,
                source_name=self._source_name(),
                source_identifiers=deleted,
            )
        return report

    def _source_name(self) -> str:
        return self.run.source.code if self.run.source is not None else ""

    def _issue(self, identifier: str, severity: str, problem: str, raw: str) -> RunIssue:
        return RunIssue(
            run_id=self.run.pk,
            identifier=(identifier or f"record {self.position}")[:500],
            severity=severity,
            problem=problem,
            raw_record=raw[:MAX_RECORD_BYTES],
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
    batches = batched(counted.count(pieces), BATCH_SIZE)
    for results, _ in executor.map((batch, None) for batch in batches):
        run_fields = {"progress_done": progress()} if progress is not None else None
        report = writer.store(results, run_fields=run_fields)
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
