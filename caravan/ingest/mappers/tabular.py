"""CSV and JSON mappers: records shaped by the member, read through a mapping file.

`split` streams the input (memory stays flat: CSV line by line, JSON arrays value by value) and
keeps each record verbatim — a CSV row as a JSON object of header → value, a JSON record as its
own text. `map` applies the mapping, compiled once into closures (see compile_mapping), and
builds the record with object_record (record_from_dict's result, without its slow path).
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from typing import IO, Any, ClassVar

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.mapping_files import (
    CompiledMapping,
    Mapping,
    MappingError,
    compile_mapping,
    load_mapping,
    object_record,
)
from caravan.ingest.safety import MAX_FIELD_CHARS, MAX_RECORD_BYTES

JSON_CHUNK_CHARS = 1 << 20
_COMPILED: dict[tuple[int, str], tuple[Mapping, CompiledMapping]] = {}


def compiled_for(context: MappingContext, kind: str) -> CompiledMapping:
    """The context's mapping compiled for `kind`, built once per process and mapping object."""
    key = (id(context.mapping), kind)
    cached = _COMPILED.get(key)
    if cached is not None and cached[0] is context.mapping:
        return cached[1]
    if not context.mapping:
        raise MappingError(f"the {kind} format needs a mapping file (--mapping FILE)")
    mapping = load_mapping(context.mapping)
    compiled = compile_mapping(mapping, kind)
    if len(_COMPILED) > 64:
        _COMPILED.clear()
    _COMPILED[key] = (context.mapping, compiled)  # type: ignore[assignment]
    return compiled


def _mapped(document: Any, raw: RawRecord, context: MappingContext, kind: str) -> Mapped:
    compiled = compiled_for(context, kind)
    fields, warnings = compiled.apply(document, raw.identifier, context.default_language)
    fields["source"] = {"name": context.source_name, "format": kind}
    fields["raw"] = raw.data
    return Mapped(record=object_record(fields), warnings=tuple(warnings))


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


class _Lines:
    """Decoded lines of a byte stream; a line that is not in the encoding becomes a problem.

    csv.reader pulls from this iterator; problems wait in `problems` until the reader yields.
    """

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self.stream = stream
        self.encoding = "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding
        self.number = 0
        self.row_start = 0
        self.problems: list[SplitProblem] = []

    def __iter__(self) -> Iterator[str]:
        first = True
        for line in self.stream:
            self.number += 1
            if not self.row_start:
                self.row_start = self.number
            if len(line) > MAX_RECORD_BYTES:
                self._problem(f"line {self.number} is over {MAX_RECORD_BYTES:,} bytes; skipped")
                continue
            try:
                text = line.decode(self.encoding if first else self._body_encoding())
            except UnicodeDecodeError as error:
                self._problem(
                    f"line {self.number} is not {self.encoding} text "
                    f"(byte {error.start + 1} of the line); the line is skipped"
                )
                continue
            first = False
            yield text

    def _body_encoding(self) -> str:
        return "utf-8" if self.encoding == "utf-8-sig" else self.encoding

    def _problem(self, problem: str) -> None:
        self.problems.append(SplitProblem(identifier=f"line {self.number}", problem=problem))


class CsvMapper:
    name: ClassVar[str] = "csv"
    label: ClassVar[str] = "CSV with a column-mapping file"
    needs_mapping: ClassVar[bool] = True

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        compiled = compiled_for(context, "csv")
        lines = _Lines(stream, compiled.mapping.setting("csv", "encoding", "utf-8"))
        reader = csv.reader(
            lines,
            delimiter=compiled.mapping.setting("csv", "delimiter", ","),
            quotechar=compiled.mapping.setting("csv", "quotechar", '"'),
            strict=True,
        )
        header = None
        for row in self._rows(reader, lines):
            if isinstance(row, SplitProblem):
                yield row
            elif header is None:
                header = self._header(row[1], compiled)
            else:
                yield self._record(row[0], row[1], header, compiled)

    @staticmethod
    def _rows(
        reader: Iterator[list[str]], lines: _Lines
    ) -> Iterator[tuple[int, list[str]] | SplitProblem]:
        previous_limit = csv.field_size_limit(MAX_FIELD_CHARS)
        try:
            while True:
                lines.row_start = 0
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    row = None
                    lines.problems.append(
                        SplitProblem(f"line {lines.row_start}", f"line {lines.row_start}: {error}")
                    )
                yield from lines.problems
                lines.problems.clear()
                if row:
                    yield lines.row_start, row
            yield from lines.problems
        finally:
            csv.field_size_limit(previous_limit)

    @staticmethod
    def _header(row: list[str], compiled: CompiledMapping) -> list[str]:
        header = [name.strip() for name in row]
        missing = compiled.local_id_columns - set(header)
        if missing and missing == compiled.local_id_columns:
            raise MappingError(
                f"local_id: the column {', '.join(sorted(missing))} is not in the file's header "
                f"({', '.join(header)})"
            )
        return header

    @staticmethod
    def _record(
        line: int, row: list[str], header: list[str], compiled: CompiledMapping
    ) -> RawRecord | SplitProblem:
        if len(row) != len(header):
            return SplitProblem(
                identifier=f"line {line}",
                problem=f"line {line} has {len(row)} fields where the header has {len(header)}",
                data=json.dumps(row, ensure_ascii=False),
            )
        values = dict(zip(header, row, strict=True))
        identifier = compiled.local_id(values) or f"line {line}"
        return RawRecord(identifier=identifier, data=json.dumps(values, ensure_ascii=False))

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        return _mapped(_load_json(raw), raw, context, "csv")


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


class JsonMapper:
    """One object per file, an array of objects, or JSON Lines (.jsonl / .ndjson, or lines=true).

    Arrays are read value by value with json.JSONDecoder.raw_decode over 1 MiB chunks, so a
    large array never sits in memory whole.
    """

    name: ClassVar[str] = "json"
    label: ClassVar[str] = "JSON with a field-mapping file"
    needs_mapping: ClassVar[bool] = True

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        compiled = compiled_for(context, "json")
        name = str(getattr(stream, "name", ""))
        lines = compiled.mapping.setting("json", "lines", False)
        if lines or name.endswith((".jsonl", ".ndjson")):
            yield from _json_lines(stream, compiled)
        else:
            yield from _json_document(stream, compiled, name)

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        return _mapped(_load_json(raw), raw, context, "json")


def _load_json(raw: RawRecord) -> Any:
    try:
        return json.loads(raw.data)
    except json.JSONDecodeError as error:
        raise RecordError(f"{raw.identifier}: the kept record is not JSON ({error})") from error


def _json_record(
    text: str, value: Any, compiled: CompiledMapping, fallback: str
) -> RawRecord | SplitProblem:
    if not isinstance(value, dict):
        return SplitProblem(fallback, f"{fallback} is a JSON {type(value).__name__}, not an object")
    return RawRecord(identifier=compiled.local_id(value) or fallback, data=text)


def _json_lines(stream: IO[bytes], compiled: CompiledMapping) -> Iterator[RawRecord | SplitProblem]:
    for number, line in enumerate(stream, start=1):
        where = f"line {number}"
        if len(line) > MAX_RECORD_BYTES:
            yield SplitProblem(where, f"{where} is over {MAX_RECORD_BYTES:,} bytes; skipped")
            continue
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            if text:
                yield _json_record(text, json.loads(text), compiled, where)
        except UnicodeDecodeError:
            yield SplitProblem(where, f"{where} is not UTF-8 text; skipped")
        except json.JSONDecodeError as error:
            yield SplitProblem(where, f"{where} is not JSON: {error.msg} at column {error.colno}")


class _JsonReader:
    """Text of a byte stream read in growing chunks, with a cursor that raw_decode moves."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.position = 0
        self.consumed_lines = 0
        self.eof = False

    def more(self, wanted: int = JSON_CHUNK_CHARS) -> None:
        """Read more text; the part already parsed is dropped (only here, so it stays linear)."""
        self.consumed_lines += self.text.count("\n", 0, self.position)
        chunk = self.stream.read(wanted)
        self.text = self.text[self.position :] + self.decoder.decode(chunk, final=not chunk)
        self.position = 0
        self.eof = not chunk

    def skip_space(self) -> str:
        """The next significant character ("" at the end), with the cursor on it."""
        while True:
            while self.position < len(self.text) and self.text[self.position] in " \t\r\n":
                self.position += 1
            if self.position < len(self.text) or self.eof:
                return self.text[self.position : self.position + 1]
            self.more()

    def line(self) -> int:
        return self.consumed_lines + self.text.count("\n", 0, self.position) + 1

    def value(self, decoder: json.JSONDecoder) -> tuple[str, Any]:
        """The next JSON value and its verbatim text; reads on until the value is complete."""
        wanted = JSON_CHUNK_CHARS
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.position)
            except json.JSONDecodeError:
                if self.eof:
                    raise
                if len(self.text) - self.position > MAX_RECORD_BYTES:
                    raise ValueError(f"a record is over {MAX_RECORD_BYTES:,} bytes") from None
                self.more(wanted)
                wanted *= 2
                continue
            text = self.text[self.position : end]
            self.position = end
            return text, value


def _json_document(
    stream: IO[bytes], compiled: CompiledMapping, name: str
) -> Iterator[RawRecord | SplitProblem]:
    reader = _JsonReader(stream)
    decoder = json.JSONDecoder()
    count = 0
    try:
        first = reader.skip_space()
        in_array = first == "["
        if in_array:
            reader.position += 1
        while True:
            following = reader.skip_space()
            if not following or (in_array and following == "]"):
                return
            if in_array and count and following == ",":
                reader.position += 1
                reader.skip_space()
            start_line = reader.line()
            text, value = reader.value(decoder)
            count += 1
            fallback = name if (name and not in_array and count == 1) else f"record {count}"
            yield _json_record(text, value, compiled, fallback or f"line {start_line}")
    except UnicodeDecodeError as error:
        yield SplitProblem(f"record {count + 1}", f"the file is not UTF-8 text ({error.reason})")
    except json.JSONDecodeError as error:
        line = reader.consumed_lines + error.lineno
        yield SplitProblem(
            f"record {count + 1}",
            f"the JSON is broken at line {line}, column {error.colno} ({error.msg}); "
            f"{count} record(s) before it were read, nothing after it",
        )
    except ValueError as error:
        yield SplitProblem(f"record {count + 1}", f"{error}; nothing after it was read")
