"""Streaming split of XML files into records, for every XML mapper and the OAI-PMH harvester.

A file may hold one record, a wrapper of many, or an OAI-PMH response whose `record`s carry the
payloads. Memory stays flat: each record is serialised as soon as it ends, then dropped from the
tree. Bad data never raises: a break (truncation, bad encoding) yields the records read before it
and one `SplitProblem` saying where and why; a document declaring entities is refused unexpanded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import IO

from lxml import etree

from caravan.ingest.mappers.base import RawRecord, SplitProblem
from caravan.ingest.mappers.common import NS, clean
from caravan.ingest.safety import (
    MAX_RECORD_BYTES,
    XML_PARSER_OPTIONS,
    UnsafeInput,
    refuse_entity_declarations,
)

OAI_ROOT = f"{{{NS['oai']}}}OAI-PMH"
OAI_RECORD = f"{{{NS['oai']}}}record"
OAI_HEADER = f"{{{NS['oai']}}}header"
OAI_METADATA = f"{{{NS['oai']}}}metadata"
OAI_IDENTIFIER = f"{{{NS['oai']}}}identifier"
OAI_DATESTAMP = f"{{{NS['oai']}}}datestamp"
OAI_ERROR = f"{{{NS['oai']}}}error"

Identify = Callable[[etree._Element], str]

_HEAD_BYTES = 64 * 1024
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+.*$")
_ITERPARSE_OPTIONS = {
    key: XML_PARSER_OPTIONS[key] for key in ("resolve_entities", "load_dtd", "no_network")
}


def split_records(
    stream: IO[bytes],
    *,
    record_tags: Collection[str],
    identify: Identify,
    label: str,
) -> Iterator[RawRecord | SplitProblem]:
    """Yield each element whose tag is in `record_tags`, verbatim, with its identifier.

    `label` names the record kind in messages ("LIDO"). Records inside an OAI-PMH response are
    taken from its `record`s, with the header's identifier, datestamp and deleted status.
    """
    splitter = _Splitter(record_tags=frozenset(record_tags), identify=identify, label=label)
    yield from splitter.run(stream)


def split_oai_records(
    stream: IO[bytes],
    *,
    payload_tags: Collection[str] = (),
    identify: Identify | None = None,
    label: str = "OAI-PMH",
) -> Iterator[RawRecord | SplitProblem]:
    """Yield the records of one OAI-PMH response (a ListRecords or GetRecord page).

    Each becomes RawRecord(header identifier, first child of `metadata` serialised, deleted,
    datestamp); a deleted record has no payload. `payload_tags`, when given, are the only payload
    elements accepted: another payload is reported as a SplitProblem (a wrong metadataPrefix).
    """
    splitter = _Splitter(
        record_tags=frozenset(),
        identify=identify or (lambda element: ""),
        label=label,
        payload_tags=frozenset(payload_tags),
    )
    yield from splitter.run(stream)


class _Replay:
    """A byte stream whose first bytes were read ahead, to look at the prolog before parsing."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size is None or size < 0:
            data, self._head = self._head + self._rest.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


def _may_hold_huge_text(head: bytes) -> bool:
    """Whether a text node over libxml2's 10 MB limit may be read rather than stop the parse.

    libxml2 treats an overlong text as fatal, which would lose every record after it; so the
    limit is lifted, and the record refused by size instead. Only when the prolog has no DOCTYPE:
    without one no entity can be declared, so nothing can be amplified.
    """
    start = _ELEMENT_START.search(head)
    return start is not None and b"<!DOCTYPE" not in head[: start.start()]


class _Splitter:
    def __init__(
        self,
        *,
        record_tags: frozenset[str],
        identify: Identify,
        label: str,
        payload_tags: frozenset[str] | None = None,
    ) -> None:
        self.record_tags = record_tags
        self.identify = identify
        self.label = label
        self.payload_tags = record_tags if payload_tags is None else payload_tags
        self.count = 0
        self.in_oai_record = False

    def run(self, stream: IO[bytes]) -> Iterator[RawRecord | SplitProblem]:
        head = stream.read(_HEAD_BYTES)
        # Only the elements that matter raise events; the rest stay in C.
        wanted = [*self.record_tags, *self.payload_tags, OAI_ROOT, OAI_RECORD, OAI_ERROR]
        events = etree.iterparse(
            _Replay(head, stream),
            events=("start", "end"),
            tag=list(dict.fromkeys(wanted)),
            huge_tree=_may_hold_huge_text(head),
            **_ITERPARSE_OPTIONS,
        )
        found_any = empty_is_normal = False
        try:
            for event, element in events:
                if not found_any:
                    found_any = True
                    refusal = _entity_refusal(element)
                    if refusal:
                        yield refusal
                        return
                    # An OAI-PMH page may rightly be empty (the last page, noRecordsMatch).
                    empty_is_normal = element.tag == OAI_ROOT
                yield from self._on_event(event, element)
        except etree.XMLSyntaxError as error:
            yield self._break(error)
            return
        if self.count == 0 and not empty_is_normal:
            yield SplitProblem(identifier="", problem=f"the file holds no {self.label} record")

    def _on_event(self, event: str, element: etree._Element) -> Iterator[RawRecord | SplitProblem]:
        tag = element.tag
        if tag == OAI_RECORD:
            self.in_oai_record = event == "start"
            if event == "end":
                yield self._oai_record(element)
                _forget(element)
        elif event == "end" and tag in self.record_tags and not self.in_oai_record:
            yield self._record(element, self.identify(element))
            _forget(element)
        elif event == "end" and tag == OAI_ERROR:
            problem = _oai_error(element)
            if problem:
                yield problem

    def _record(self, element: etree._Element, identifier: str) -> RawRecord | SplitProblem:
        self.count += 1
        position = f"{self.label} record {self.count} (line {element.sourceline})"
        if not identifier:
            return SplitProblem(
                identifier=position,
                problem=f"{position} has no identifier, so it cannot be kept or updated",
                data=_serialise(element)[:MAX_RECORD_BYTES],
            )
        data = _serialise(element)
        # Counting bytes means encoding; only worth it when the characters could be too many.
        size = len(data.encode("utf-8")) if len(data) * 4 > MAX_RECORD_BYTES else len(data)
        if size > MAX_RECORD_BYTES:
            return SplitProblem(
                identifier=identifier,
                problem=(
                    f"{position} is {size:,} bytes, over the {MAX_RECORD_BYTES:,} byte limit "
                    "for one record; it was refused"
                ),
            )
        return RawRecord(identifier=identifier, data=data)

    def _oai_record(self, element: etree._Element) -> RawRecord | SplitProblem:
        header = element.find(OAI_HEADER)
        identifier = clean(header.findtext(OAI_IDENTIFIER)) if header is not None else ""
        datestamp = clean(header.findtext(OAI_DATESTAMP)) if header is not None else ""
        if header is not None and header.get("status") == "deleted":
            self.count += 1
            return RawRecord(identifier=identifier, data="", deleted=True, datestamp=datestamp)
        payload = _payload(element)
        if payload is None:
            self.count += 1
            return SplitProblem(
                identifier=identifier or f"line {element.sourceline}",
                problem="the OAI-PMH record has no metadata and is not marked deleted",
            )
        if self.payload_tags and payload.tag not in self.payload_tags:
            self.count += 1
            return SplitProblem(
                identifier=identifier,
                problem=(
                    f"the OAI-PMH record holds {etree.QName(payload).localname} metadata, "
                    f"not {self.label}"
                ),
            )
        found = self._record(payload, identifier or self.identify(payload))
        if isinstance(found, RawRecord):
            return RawRecord(identifier=found.identifier, data=found.data, datestamp=datestamp)
        return found

    def _break(self, error: etree.XMLSyntaxError) -> SplitProblem:
        line, column = error.position if error.position else (0, 0)
        reason = _POSITION_SUFFIX.sub("", error.msg or str(error))
        return SplitProblem(
            identifier=f"line {line}, column {column}",
            problem=(
                f"the XML breaks at line {line}, column {column} after {self.count} "
                f"record(s): {reason}; the records after it could not be read"
            ),
        )


def _entity_refusal(element: etree._Element) -> SplitProblem | None:
    try:
        refuse_entity_declarations(element.getroottree())
    except UnsafeInput as error:
        return SplitProblem(
            identifier="DOCTYPE", problem=f"{error}; it was refused and no record was read"
        )
    return None


def _payload(record: etree._Element) -> etree._Element | None:
    metadata = record.find(OAI_METADATA)
    if metadata is None:
        return None
    return next(metadata.iterchildren(tag=etree.Element), None)


def _oai_error(element: etree._Element) -> SplitProblem | None:
    code = element.get("code", "")
    if code == "noRecordsMatch":
        return None
    return SplitProblem(
        identifier=f"OAI-PMH error {code}",
        problem=f"the repository answered with the error '{code}': {clean(element.text)}",
    )


def _serialise(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)


def _forget(element: etree._Element) -> None:
    """Drop a finished record and everything before it, so the tree never grows."""
    element.clear()
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
