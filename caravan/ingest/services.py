"""Writes of the ingest domain: sources, runs, file imports and re-mapping."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from caravan.catalogue.bulk import TermLinker
from caravan.catalogue.models import CatalogueObject
from caravan.ingest.inputs import (
    CountingReader,
    InputUnreadable,
    guess_format,
    input_files,
    is_url,
    open_url,
    sniff,
)
from caravan.ingest.mappers.base import MappingContext, RawRecord, SplitProblem
from caravan.ingest.models import (
    HarvestRun,
    RunIssue,
    RunKind,
    RunStatus,
    Severity,
    Source,
    SourceKind,
)
from caravan.ingest.pipeline import BatchReport, Piece, run_pieces
from caravan.ingest.plugins import UnknownPlugin, harvester_names, mapper_for, mapper_names
from caravan.ingest.safety import UnsafeInput, check_public_url
from caravan.institutions.models import Institution

BatchCallback = Callable[[HarvestRun, BatchReport], None]
LINKED_TERM_FIELDS = ("object_type", "material", "technique")


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


def run_start(
    *,
    institution: Institution,
    kind: str,
    format_name: str,
    location: str,
    source: Source | None = None,
    progress_total: int | None = None,
) -> HarvestRun:
    return HarvestRun.objects.create(
        institution=institution,
        source=source,
        kind=kind,
        format=format_name,
        location=location[:500],
        progress_total=progress_total,
    )


def run_finish(run: HarvestRun, status: str, failure: str = "") -> HarvestRun:
    HarvestRun.objects.filter(pk=run.pk).update(
        status=status, failure=failure, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def run_fail_input(run: HarvestRun, problem: str) -> None:
    """Record that the input as a whole could not be read, as a report line and a failure."""
    RunIssue.objects.create(
        run=run, identifier=run.location, severity=Severity.ERROR, problem=problem
    )
    run_finish(run, RunStatus.FAILED, problem)


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


def source_add(
    *,
    code: str,
    institution: Institution,
    kind: str,
    format_name: str,
    location: str,
    metadata_prefix: str = "",
    set_spec: str = "",
    mapping_text: str = "",
    default_language: str = "und",
) -> Source:
    """Register how an institution's records come in, checking all of it before saving."""
    source = Source(
        code=code,
        institution=institution,
        kind=kind,
        format=format_name,
        location=location,
        metadata_prefix=metadata_prefix or (format_name if kind == SourceKind.OAI_PMH else ""),
        set_spec=set_spec,
        mapping=mapping_text,
        default_language=default_language,
    )
    source_check(source)
    source.save()
    return source


def source_check(source: Source) -> None:
    """Raise ValidationError naming each problem of a source's configuration."""
    problems = {**_mapping_problems(source), **_location_problems(source)}
    try:
        source.full_clean(exclude=["institution"])
    except ValidationError as error:
        problems.update({name: " ".join(messages) for name, messages in error.message_dict.items()})
    if problems:
        raise ValidationError(problems)


def _mapping_problems(source: Source) -> dict[str, str]:
    try:
        mapper = mapper_for(source.format)
    except UnknownPlugin as error:
        return {"format": str(error)}
    try:
        if mapper.needs_mapping and not source.mapping.strip():
            return {"mapping": f"the {source.format} format needs a mapping file"}
        if mapper.needs_mapping:
            parse_mapping(source.mapping)
        elif source.mapping.strip():
            mapper_options(source.mapping)
    except (InputUnreadable, ValueError) as error:
        return {"mapping": str(error)}
    return {}


def _location_problems(source: Source) -> dict[str, str]:
    if source.kind == SourceKind.OAI_PMH:
        if "oai-pmh" not in harvester_names():
            return {"kind": "no OAI-PMH harvester is installed"}
        try:
            check_public_url(source.location, allow_private=_private_addresses_allowed())
        except UnsafeInput as error:
            return {"location": str(error)}
    elif (
        source.kind == SourceKind.FILE
        and not is_url(source.location)
        and not Path(source.location).expanduser().exists()
    ):
        return {"location": f"'{source.location}' does not exist"}
    return {}


def source_context(source: Source) -> MappingContext:
    return mapping_context(
        institution=source.institution,
        source_name=source.code,
        default_language=source.default_language,
        format_name=source.format,
        mapping_text=source.mapping,
    )


def mapping_context(
    *,
    institution: Institution,
    source_name: str,
    format_name: str,
    default_language: str = "und",
    mapping_text: str = "",
) -> MappingContext:
    mapping: Any = {}
    if mapper_for(format_name).needs_mapping:
        if not mapping_text.strip():
            raise InputUnreadable(f"the {format_name} format needs a mapping file (--mapping)")
        mapping = parse_mapping(mapping_text)
    elif mapping_text.strip():
        mapping = mapper_options(mapping_text)
    return MappingContext(
        institution=institution.code,
        source_name=source_name,
        default_language=default_language,
        mapping=mapping,
    )


def parse_mapping(text: str) -> Any:
    """A parsed and checked CSV/JSON mapping file; ValueError (MappingError) names the problem."""
    from caravan.ingest.mappers.mapping_files import load_mapping

    return load_mapping(text)


def mapper_options(text: str) -> dict[str, Any]:
    """Options for a mapper that needs no mapping file (the CIT holder, say), as TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputUnreadable(f"the mapping options are not valid TOML: {error}") from error


def _private_addresses_allowed() -> bool:
    return bool(getattr(settings, "CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES", False))


# --------------------------------------------------------------------------------------------
# File and URL imports
# --------------------------------------------------------------------------------------------


def ingest(
    location: str,
    *,
    institution: Institution,
    format_name: str | None = None,
    mapping_text: str = "",
    source: Source | None = None,
    on_batch: BatchCallback | None = None,
    workers: int | None = None,
    run: HarvestRun | None = None,
) -> HarvestRun:
    """Import a file, a folder or a URL into the institution's catalogue; returns the run.

    Records that fail are reported in the run and the rest go on. InputUnreadable is raised
    (after the run is recorded as failed) only when the input as a whole cannot be read.
    """
    if format_name is not None and format_name not in mapper_names():
        raise InputUnreadable(
            f"unknown format '{format_name}' (known: {', '.join(mapper_names())})"
        )
    if run is None:
        run = run_start(
            institution=institution,
            kind=RunKind.INGEST,
            format_name=format_name or "",
            location=location,
            source=source,
        )
    try:
        _ingest_into(run, location, format_name, mapping_text, source, on_batch, workers)
    except InputUnreadable as error:
        run_fail_input(run, str(error))
        raise
    except ValueError as error:  # a mapping that does not fit the input (no such column…)
        run_fail_input(run, str(error))
        raise InputUnreadable(str(error)) from error
    except KeyboardInterrupt:
        run_finish(run, RunStatus.INTERRUPTED, "interrupted")
        raise
    except Exception as error:
        run_finish(run, RunStatus.FAILED, repr(error))
        raise
    return run_finish(run, RunStatus.SUCCEEDED)


def _ingest_into(
    run: HarvestRun,
    location: str,
    format_name: str | None,
    mapping_text: str,
    source: Source | None,
    on_batch: BatchCallback | None,
    workers: int | None,
) -> None:
    """Read every file of the input (or the URL) through one pipeline: one worker pool, one
    concept index, batches that run across file boundaries."""
    read = [0]
    with ExitStack() as stack:
        if is_url(location):
            stream, size = stack.enter_context(
                open_url(location, allow_private=_private_addresses_allowed())
            )
            head = stream.read(8192)
            chosen = format_name or guess_format(head, location)
            streams: Iterable[tuple[str, IO[bytes]]] = [(location, _Prefixed(head, stream))]  # type: ignore[list-item]
        else:
            files = input_files(location, format_name)
            chosen = format_name or guess_format(sniff(files[0]), files[0].name)
            size = sum(path.stat().st_size for path in files)
            streams = _opened(files)
        _set_format(run, chosen, size)
        context = mapping_context(
            institution=run.institution,
            source_name=source.code if source else "",
            format_name=chosen,
            default_language=source.default_language if source else "und",
            mapping_text=mapping_text or (source.mapping if source else ""),
        )
        mapper = mapper_for(chosen)
        pieces = (
            _located(piece, name)
            for name, stream in streams
            for piece in mapper.split(CountingReader(stream, read), context)  # type: ignore[arg-type]
        )
        totals = run_pieces(
            run,
            pieces,
            context=context,
            link_term=term_linker(),
            progress=lambda: read[0],
            on_batch=(lambda report: on_batch(run, report)) if on_batch else None,
            workers=workers,
        )
    if totals.records == 0:
        reason = totals.first_problem or "it holds no records"
        raise InputUnreadable(f"'{location}' could not be read as {chosen}: {reason}")


def _opened(files: list[Path]) -> Iterator[tuple[str, IO[bytes]]]:
    """Each file opened in turn, as the pipeline reaches it; closed when it moves on."""
    for path in files:
        with path.open("rb") as stream:
            yield path.name, stream


def _located(piece: Piece, name: str) -> Piece:
    """A part that is not a record is reported with the file it is in ("huge.xml, line 6…")."""
    if isinstance(piece, SplitProblem):
        return SplitProblem(f"{name}, {piece.identifier}", piece.problem, piece.data)
    return piece


def _set_format(run: HarvestRun, format_name: str, total: int | None) -> None:
    run.format = format_name
    run.progress_total = total
    HarvestRun.objects.filter(pk=run.pk).update(format=format_name, progress_total=total)


class _Prefixed:
    """A stream whose first bytes were already read to sniff the format."""

    def __init__(self, head: bytes, rest: Any):
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return bytes(self._rest.read(size))

    def readline(self, size: int = -1) -> bytes:
        if self._head:
            newline = self._head.find(b"\n")
            if newline >= 0:
                line, self._head = self._head[: newline + 1], self._head[newline + 1 :]
                return line
            line, self._head = self._head, b""
            return line + bytes(self._rest.readline(size))
        return bytes(self._rest.readline(size))


def term_linker() -> TermLinker | None:
    """Links literal object types, materials and techniques to concepts by label, any language."""
    try:
        from caravan.ingest.vocab.linking import ConceptIndex
    except ImportError:
        return None
    index = ConceptIndex.load()

    # The same few hundred type and material names recur across a collection.
    @lru_cache(maxsize=65536)
    def link(text: str, lang: str, field_name: str) -> int | None:
        if field_name not in LINKED_TERM_FIELDS:
            return None
        return index.match(text, lang)

    return link


# --------------------------------------------------------------------------------------------
# Re-mapping kept raw records
# --------------------------------------------------------------------------------------------


def remap(
    source: Source, *, workers: int | None = None, on_batch: BatchCallback | None = None
) -> HarvestRun:
    """Map a source's kept raw records again (after a mapping change), without re-harvesting."""
    run = run_start(
        institution=source.institution,
        kind=RunKind.REMAP,
        format_name=source.format,
        location=source.location,
        source=source,
    )
    try:
        context = source_context(source)
        run_pieces(
            run,
            kept_raw_records(source),
            context=context,
            link_term=term_linker(),
            on_batch=(lambda report: on_batch(run, report)) if on_batch else None,
            workers=workers,
        )
    except InputUnreadable as error:
        run_fail_input(run, str(error))
        raise
    except BaseException as error:
        run_finish(run, RunStatus.FAILED, repr(error))
        raise
    return run_finish(run, RunStatus.SUCCEEDED)


def kept_raw_records(source: Source) -> Iterator[Piece]:
    """The raw records a source delivered: its objects', then those rejected and never stored."""
    objects = CatalogueObject.objects.filter(
        institution_id=source.institution_id, source_name=source.code
    ).order_by("pk")
    seen: set[str] = set()
    for identifier, raw in objects.values_list("source_identifier", "raw_record").iterator(2000):
        seen.add(identifier)
        yield RawRecord(identifier=identifier, data=raw)
    yield from _rejected_raw_records(source, seen)


def _rejected_raw_records(source: Source, stored: set[str]) -> Iterable[Piece]:
    latest: dict[str, str] = {}
    issues = (
        RunIssue.objects.filter(
            run__source=source,
            severity=Severity.ERROR,
            run__kind__in=[RunKind.HARVEST, RunKind.INGEST],
        )
        .exclude(raw_record="")
        .order_by("run_id", "pk")
    )
    for identifier, raw in issues.values_list("identifier", "raw_record").iterator(2000):
        if identifier not in stored:
            latest[identifier] = raw
    for identifier, raw in latest.items():
        yield RawRecord(identifier=identifier, data=raw)


def ingest_enqueue(
    location: str,
    *,
    institution: Institution,
    format_name: str | None = None,
    mapping_text: str = "",
    source: Source | None = None,
) -> HarvestRun:
    """Queue an import as a background task; the run is visible (queued) at once."""
    from caravan.ingest.tasks import ingest_run_task

    run = run_start(
        institution=institution,
        kind=RunKind.INGEST,
        format_name=format_name or "",
        location=location,
        source=source,
    )
    HarvestRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
    transaction.on_commit(lambda: ingest_run_task.enqueue(run.pk, mapping_text))
    run.refresh_from_db()
    return run
