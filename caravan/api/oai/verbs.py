"""The six verbs: each checks what only it can check, then writes its answer into the response.

A verb raises OaiErrors before it writes anything, so a refused request leaves no half-built
answer behind (views.py then writes the errors instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from lxml import etree

from caravan.api.oai import selectors
from caravan.api.oai.elements import XSI_NS, NamespaceMap, child, qualified
from caravan.api.oai.formats import FORMATS, MetadataFormat, RecordContext
from caravan.api.oai.formats.oai_dc import dc_description
from caravan.api.oai.identifiers import follows_identifier_scheme, oai_identifier, parse_identifier
from caravan.api.oai.protocol import (
    GRANULARITY,
    OAI_NS,
    RESUMPTION_TOKEN,
    ErrorCode,
    OaiErrors,
    OaiRequest,
    check_set_spec,
    datestamp,
    parse_range,
)
from caravan.api.oai.tokens import BadToken, ListState, token_decode, token_encode
from caravan.catalogue.models import CatalogueObject

OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"


def oai(name: str) -> str:
    """An element name in the OAI-PMH namespace."""
    return qualified(OAI_NS, name)


@dataclass(frozen=True)
class Repository:
    """This repository as one request sees it: its settings, its address, the time."""

    base_url: str
    name: str
    admin_emails: Sequence[str]
    page_size: int
    token_lifetime: dt.timedelta
    now: dt.datetime
    records: RecordContext

    @property
    def repository_id(self) -> str:
        return self.records.repository_id


Verb = Callable[[etree._Element, OaiRequest, Repository], None]


def identify(response: etree._Element, request: OaiRequest, repository: Repository) -> None:
    earliest = selectors.earliest_datestamp() or repository.now
    answer = child(response, oai("Identify"))
    child(answer, oai("repositoryName"), repository.name)
    child(answer, oai("baseURL"), repository.base_url)
    child(answer, oai("protocolVersion"), "2.0")
    for email in repository.admin_emails:
        child(answer, oai("adminEmail"), email)
    child(answer, oai("earliestDatestamp"), datestamp(earliest))
    child(answer, oai("deletedRecord"), "persistent")
    child(answer, oai("granularity"), GRANULARITY)
    if follows_identifier_scheme(repository.repository_id):
        _identifier_description(child(answer, oai("description")), repository)


def _identifier_description(description: etree._Element, repository: Repository) -> None:
    nsmap: NamespaceMap = {None: OAI_IDENTIFIER_NS, "xsi": XSI_NS}
    scheme = etree.SubElement(
        description, qualified(OAI_IDENTIFIER_NS, "oai-identifier"), nsmap=dict(nsmap)
    )
    scheme.set(qualified(XSI_NS, "schemaLocation"), f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}")
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository.repository_id),
        ("delimiter", ":"),
        ("sampleIdentifier", oai_identifier(repository.repository_id, "museum", "1985.12/3")),
    ):
        child(scheme, qualified(OAI_IDENTIFIER_NS, name), value)


def list_metadata_formats(
    response: etree._Element, request: OaiRequest, repository: Repository
) -> None:
    formats = list(FORMATS.values())
    identifier = request.get("identifier")
    if identifier is not None:
        obj = _item(identifier, repository)
        if selectors.is_deleted(obj):
            raise OaiErrors.one(
                ErrorCode.NO_METADATA_FORMATS,
                "The item was withdrawn: it is reported as deleted in every format, and no "
                "metadata is disseminated for it.",
            )
        formats = [
            metadata_format for metadata_format in formats if metadata_format.disseminates(obj)
        ]
        if not formats:
            raise OaiErrors.one(ErrorCode.NO_METADATA_FORMATS, "No format is available for it.")
    answer = child(response, oai("ListMetadataFormats"))
    for metadata_format in formats:
        entry = child(answer, oai("metadataFormat"))
        child(entry, oai("metadataPrefix"), metadata_format.prefix)
        child(entry, oai("schema"), metadata_format.schema)
        child(entry, oai("metadataNamespace"), metadata_format.namespace)


def list_sets(response: etree._Element, request: OaiRequest, repository: Repository) -> None:
    if request.get(RESUMPTION_TOKEN) is not None:
        raise OaiErrors.one(
            ErrorCode.BAD_RESUMPTION_TOKEN, "The list of sets is never split: there is no token."
        )
    answer = child(response, oai("ListSets"))
    for repository_set in selectors.repository_sets():
        entry = child(answer, oai("set"))
        child(entry, oai("setSpec"), repository_set.spec)
        child(entry, oai("setName"), repository_set.name)
        description = child(entry, oai("setDescription"))
        description.append(dc_description(repository_set.names, repository_set.descriptions))


def get_record(response: etree._Element, request: OaiRequest, repository: Repository) -> None:
    metadata_format = _format(request.get("metadataPrefix") or "")
    obj = _item(request.get("identifier") or "", repository)
    if not selectors.is_deleted(obj) and not metadata_format.disseminates(obj):
        raise OaiErrors.one(
            ErrorCode.CANNOT_DISSEMINATE_FORMAT,
            f"The item is not available as {metadata_format.prefix}: "
            f"{metadata_format.unavailable_because}.",
        )
    specs = _set_specs([obj])
    _record(child(response, oai("GetRecord")), obj, metadata_format, specs, repository)


def list_identifiers(response: etree._Element, request: OaiRequest, repository: Repository) -> None:
    _list(response, request, repository, with_metadata=False)


def list_records(response: etree._Element, request: OaiRequest, repository: Repository) -> None:
    _list(response, request, repository, with_metadata=True)


VERBS: Mapping[str, Verb] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


# --- lists ------------------------------------------------------------------------------------


def _list(
    response: etree._Element, request: OaiRequest, repository: Repository, *, with_metadata: bool
) -> None:
    state = _list_state(request, repository)
    metadata_format = _format(state.metadata_prefix)
    objects = _selected(state, metadata_format)
    read_page = selectors.object_page if with_metadata else selectors.header_page
    page, more = read_page(objects, after_id=state.after_id, size=repository.page_size)
    if not page:
        raise OaiErrors.one(ErrorCode.NO_RECORDS_MATCH, "No records match the request.")
    answer = child(response, oai(request.verb))
    specs = _set_specs(page)
    for obj in page:
        if with_metadata:
            _record(answer, obj, metadata_format, specs, repository)
        else:
            _header(answer, obj, specs, repository)
    if more or state.cursor:
        _resumption(answer, state, page, objects.count(), more, repository)


def _list_state(request: OaiRequest, repository: Repository) -> ListState:
    token = request.get(RESUMPTION_TOKEN)
    if token is not None:
        try:
            return token_decode(
                token, verb=request.verb, lifetime=repository.token_lifetime, now=repository.now
            )
        except BadToken as problem:
            raise OaiErrors.one(ErrorCode.BAD_RESUMPTION_TOKEN, str(problem)) from None
    set_spec = request.get("set")
    if set_spec is not None:
        check_set_spec(set_spec)
    parse_range(request.get("from"), request.get("until"))  # refuses bad dates now, not later
    return ListState(
        verb=request.verb,
        metadata_prefix=request.get("metadataPrefix") or "",
        set_spec=set_spec,
        from_date=request.get("from"),
        until_date=request.get("until"),
        after_id=0,
        cursor=0,
        issued=int(repository.now.timestamp()),
    )


def _selected(state: ListState, metadata_format: MetadataFormat) -> QuerySet[CatalogueObject]:
    objects = selectors.live_or_deleted(
        selectors.harvestable_objects(), metadata_format.live_condition()
    )
    if state.set_spec:
        objects = selectors.objects_in_set(objects, state.set_spec)
    dates = parse_range(state.from_date, state.until_date)
    return selectors.objects_in_range(objects, dates.since, dates.before)


def _resumption(
    answer: etree._Element,
    state: ListState,
    page: list[CatalogueObject],
    complete_size: int,
    more: bool,
    repository: Repository,
) -> None:
    attributes = {"completeListSize": str(complete_size), "cursor": str(state.cursor)}
    token = ""
    if more:
        following = ListState(
            verb=state.verb,
            metadata_prefix=state.metadata_prefix,
            set_spec=state.set_spec,
            from_date=state.from_date,
            until_date=state.until_date,
            after_id=page[-1].pk,
            cursor=state.cursor + len(page),
            issued=int(repository.now.timestamp()),
        )
        token = token_encode(following)
        expires = following.issued_at() + repository.token_lifetime
        attributes["expirationDate"] = datestamp(expires)
    child(answer, oai("resumptionToken"), token, attributes)


# --- records ----------------------------------------------------------------------------------


def _format(prefix: str) -> MetadataFormat:
    metadata_format = FORMATS.get(prefix)
    if metadata_format is None:
        raise OaiErrors.one(
            ErrorCode.CANNOT_DISSEMINATE_FORMAT,
            f"'{prefix}' is not a metadata format of this repository ({', '.join(FORMATS)}).",
        )
    return metadata_format


def _item(identifier: str, repository: Repository) -> CatalogueObject:
    key = parse_identifier(repository.repository_id, identifier)
    obj = selectors.harvestable_object(key.institution_code, key.local_id) if key else None
    if obj is None:
        raise OaiErrors.one(ErrorCode.ID_DOES_NOT_EXIST, f"'{identifier}' is not an item here.")
    return obj


def _set_specs(objects: Sequence[CatalogueObject]) -> dict[int, list[str]]:
    alliances = selectors.set_specs_by_institution({obj.institution_id for obj in objects})
    return {
        obj.institution_id: [
            f"{selectors.INSTITUTION_SETS}:{obj.institution.code}",
            *alliances.get(obj.institution_id, []),
        ]
        for obj in objects
    }


def _header(
    parent: etree._Element,
    obj: CatalogueObject,
    specs: Mapping[int, list[str]],
    repository: Repository,
) -> None:
    header = child(parent, oai("header"))
    if selectors.is_deleted(obj):
        header.set("status", "deleted")
    child(header, oai("identifier"), repository.records.identifier(obj))
    child(header, oai("datestamp"), datestamp(selectors.record_datestamp(obj)))
    for spec in specs.get(obj.institution_id, []):
        child(header, oai("setSpec"), spec)


def _record(
    parent: etree._Element,
    obj: CatalogueObject,
    metadata_format: MetadataFormat,
    specs: Mapping[int, list[str]],
    repository: Repository,
) -> None:
    record = child(parent, oai("record"))
    _header(record, obj, specs, repository)
    if not selectors.is_deleted(obj):
        child(record, oai("metadata")).append(metadata_format.metadata(obj, repository.records))
