"""The contract every mapper fulfils, built-in or third-party.

A mapper does two separate things, so that kept raw records can be re-mapped without reading the
source again:

* `split` reads a whole input (a file, an OAI-PMH page's payloads) as a stream and yields one
  `RawRecord` per record, verbatim, or a `SplitProblem` for a part that cannot be a record;
* `map` turns one `RawRecord` into an `ObjectRecord` plus warnings, or raises `RecordError`.

`map` must be a pure function of its arguments: it runs in worker processes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar, Protocol

from caravan.catalogue.records import ObjectRecord, RecordError


class RecordSkipped(RecordError):
    """A record left out on purpose (another holder's, say): neither counted nor reported."""


@dataclass(frozen=True)
class RawRecord:
    """One source record exactly as it arrived."""

    identifier: str
    data: str
    deleted: bool = False
    datestamp: str = ""


@dataclass(frozen=True)
class SplitProblem:
    """A part of the input that could not be read as a record, and why."""

    identifier: str
    problem: str
    data: str = ""


@dataclass(frozen=True)
class MappingContext:
    """What a mapper knows besides the record: whose it is and how the source is configured."""

    institution: str
    source_name: str = ""
    default_language: str = "und"
    mapping: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Mapped:
    record: ObjectRecord
    warnings: tuple[str, ...] = ()


class Mapper(Protocol):
    name: ClassVar[str]
    label: ClassVar[str]
    # Whether the mapper needs a mapping file (CSV and JSON do).
    needs_mapping: ClassVar[bool]

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]: ...

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped: ...
