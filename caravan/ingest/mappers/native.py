"""Caravan's own object record as JSON (docs/object-record.md): what member systems push through
the API, and what a file of such records (one object, an array, or JSON Lines) imports.

The record is already in Caravan's shape, so mapping is validation plus the normalisation every
other format gets: a display date with no years is read for its years, years in the wrong order
are swapped, rights statements become URIs, language tags become BCP-47.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any, ClassVar

from caravan.catalogue.records import ObjectRecord, RecordError, record_from_dict
from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.common import Notes, display_years, note_unread_date, rights_uri

# A rights value is kept as sent when it already is a URI Caravan accepts; otherwise it is read
# like any source's statement ("CC BY 4.0", "In Copyright"…).
_RIGHTS_KEY = "rights"


class RecordMapper:
    name: ClassVar[str] = "caravan"
    label: ClassVar[str] = "Caravan object records (JSON)"
    needs_mapping: ClassVar[bool] = False

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        text = stream.read().decode("utf-8-sig", errors="replace")
        stripped = text.strip()
        if not stripped:
            return
        if stripped[0] in "[{":
            try:
                value = json.loads(stripped)
            except json.JSONDecodeError:
                value = None  # perhaps JSON Lines: each line is tried below
            if value is not None:
                items = value if isinstance(value, list) else [value]
                for position, item in enumerate(items, start=1):
                    yield _raw(json.dumps(item, ensure_ascii=False), item, position)
                return
        for position, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _line(line, position)

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        data = _loaded(raw)
        notes = Notes()
        data = _with_rights_uri(data, notes)
        try:
            record = record_from_dict(data)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise RecordError(
                f"{raw.identifier}: a field has the wrong shape ({error!r})"
            ) from error
        record = _with_years(record, notes)
        if not record.raw:
            record = replace(record, raw=raw.data)
        return Mapped(record, notes.all())


def _raw(text: str, item: Any, position: int) -> RawRecord | SplitProblem:
    if not isinstance(item, dict):
        fallback = f"record {position}"
        return SplitProblem(fallback, f"{fallback} is a JSON {type(item).__name__}, not an object")
    return RawRecord(identifier=str(item.get("local_id") or f"record {position}"), data=text)


def _line(line: str, position: int) -> RawRecord | SplitProblem:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return SplitProblem(f"line {position}", f"line {position} is not JSON ({error})", line)
    return _raw(line, item, position)


def _loaded(raw: RawRecord) -> dict[str, Any]:
    try:
        data = json.loads(raw.data)
    except json.JSONDecodeError as error:
        raise RecordError(f"{raw.identifier}: the record is not JSON ({error})") from error
    if not isinstance(data, dict):
        raise RecordError(f"{raw.identifier}: the record is a JSON {type(data).__name__}")
    return data


def _with_rights_uri(data: dict[str, Any], notes: Notes) -> dict[str, Any]:
    given = data.get(_RIGHTS_KEY)
    if not given or not isinstance(given, str):
        return data
    uri = rights_uri(given)
    if uri is None:
        return data  # record_from_dict refuses it, with the value in its message
    if uri != given:
        notes.add(f"rights '{given}' read as {uri}")
    return {**data, _RIGHTS_KEY: uri}


def _with_years(record: ObjectRecord, notes: Notes) -> ObjectRecord:
    if record.earliest_year is not None or record.latest_year is not None:
        return record
    earliest, latest = display_years(record.date_display)
    if earliest is None and latest is None:
        note_unread_date(record.date_display, notes)
        return record
    return replace(record, earliest_year=earliest, latest_year=latest)
