"""The structure OAI-PMH.xsd prescribes for a response, checked element by element.

The protocol's own schema is not in the shared corpus and is not fetched from the network, so
these checks restate its rules: the order and cardinality of each element, the datestamp and
attribute formats, which verbs may carry which children, and when the request element may
echo the request's arguments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
UTC_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
UTC_DAY_OR_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
ERROR_CODES = {
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "badArgument",
    "badVerb",
    "noMetadataFormats",
    "noRecordsMatch",
    "badResumptionToken",
    "noSetHierarchy",
}
REQUEST_ATTRIBUTES = {
    "verb",
    "identifier",
    "metadataPrefix",
    "from",
    "until",
    "set",
    "resumptionToken",
}


def local(element: Any) -> str:
    name = etree.QName(element)
    assert name.namespace == OAI, f"{name} is not in the OAI-PMH namespace"
    return name.localname


def names(elements: Iterable[Any]) -> list[str]:
    return [local(element) for element in elements]


def assert_sequence(element: Any, pattern: str) -> None:
    """The children's names, space-joined, match a regular expression over names."""
    found = " ".join(names(element))
    assert re.fullmatch(pattern, found), f"<{local(element)}> holds '{found}', not /{pattern}/"


def assert_oai_response(response: Any) -> None:
    assert local(response) == "OAI-PMH"
    assert response.get(XSI_LOCATION, "").startswith(OAI + " ")
    children = list(response)
    assert names(children[:2]) == ["responseDate", "request"]
    assert UTC_SECONDS.fullmatch(children[0].text or "")
    request = children[1]
    assert set(request.attrib) <= REQUEST_ATTRIBUTES
    assert (request.text or "").startswith("http")
    rest = children[2:]
    if names(rest) and names(rest)[0] == "error":
        assert all(local(error) == "error" for error in rest)
        codes = {error.get("code") for error in rest}
        assert codes <= ERROR_CODES
        if codes & {"badVerb", "badArgument"}:
            assert not request.attrib, "badVerb and badArgument echo no arguments"
        return
    assert len(rest) == 1, "one verb answer, or errors"
    verb = local(rest[0])
    assert request.get("verb") == verb
    CHECKS[verb](rest[0])


def _identify(answer: Any) -> None:
    assert_sequence(
        answer,
        r"repositoryName baseURL protocolVersion( adminEmail)+ earliestDatestamp deletedRecord"
        r" granularity( compression)*( description)*",
    )
    values = {local(element): element.text for element in answer}
    assert values["protocolVersion"] == "2.0"
    assert values["deletedRecord"] in {"no", "persistent", "transient"}
    assert values["granularity"] in {"YYYY-MM-DD", "YYYY-MM-DDThh:mm:ssZ"}
    assert UTC_DAY_OR_SECONDS.fullmatch(values["earliestDatestamp"] or "")
    for email in answer.iterfind(f"{{{OAI}}}adminEmail"):
        assert re.fullmatch(r"\S+@(\S+\.)+\S+", email.text or "")
    for description in answer.iterfind(f"{{{OAI}}}description"):
        assert len(description) == 1


def _list_metadata_formats(answer: Any) -> None:
    assert_sequence(answer, r"metadataFormat( metadataFormat)*")
    for entry in answer:
        assert_sequence(entry, "metadataPrefix schema metadataNamespace")
        assert re.fullmatch(r"[A-Za-z0-9\-_.!~*'()]+", entry[0].text or "")


def _list_sets(answer: Any) -> None:
    assert_sequence(answer, r"set( set)*( resumptionToken)?")
    for entry in answer.iterfind(f"{{{OAI}}}set"):
        assert_sequence(entry, r"setSpec setName( setDescription)*")
        assert SET_SPEC.fullmatch(entry[0].text or "")


def _get_record(answer: Any) -> None:
    assert_sequence(answer, "record")
    _record(answer[0])


def _list_records(answer: Any) -> None:
    assert_sequence(answer, r"record( record)*( resumptionToken)?")
    for record in answer.iterfind(f"{{{OAI}}}record"):
        _record(record)
    _resumption(answer)


def _list_identifiers(answer: Any) -> None:
    assert_sequence(answer, r"header( header)*( resumptionToken)?")
    for header in answer.iterfind(f"{{{OAI}}}header"):
        _header(header)
    _resumption(answer)


def _record(record: Any) -> None:
    header = record[0]
    _header(header)
    if header.get("status") == "deleted":
        assert_sequence(record, r"header( about)*")
        return
    assert_sequence(record, r"header metadata( about)*")
    metadata = record[1]
    assert len(metadata) == 1 and etree.QName(metadata[0]).namespace != OAI


def _header(header: Any) -> None:
    assert set(header.attrib) <= {"status"}
    assert header.get("status") in (None, "deleted")
    assert_sequence(header, r"identifier datestamp( setSpec)*")
    assert UTC_SECONDS.fullmatch(header[1].text or "")
    for spec in header[2:]:
        assert SET_SPEC.fullmatch(spec.text or "")


def _resumption(answer: Any) -> None:
    token = answer.find(f"{{{OAI}}}resumptionToken")
    if token is None:
        return
    assert set(token.attrib) <= {"expirationDate", "completeListSize", "cursor"}
    if token.get("expirationDate") is not None:
        assert UTC_SECONDS.fullmatch(token.get("expirationDate"))
    for count in ("completeListSize", "cursor"):
        if token.get(count) is not None:
            assert token.get(count).isdigit()


CHECKS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListRecords": _list_records,
    "ListIdentifiers": _list_identifiers,
}
