"""Typed shapes of the API's answers; the OpenAPI document is generated from them."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema

LanguageMap = dict[str, str]


class AllianceOut(Schema):
    code: str
    names: LanguageMap
    acronym: str
    founded: datetime.date | None
    secretariat: str | None
    member_count: int
    is_sample: bool


class PartyOut(Schema):
    kind: str  # "institution" or "alliance"
    code: str
    names: LanguageMap
    signatory: LanguageMap


class AgreementOut(Schema):
    code: str
    kind: str
    titles: LanguageMap
    summary: LanguageMap
    alliance: str | None
    signed_on: datetime.date | None
    signed_at: LanguageMap
    starts_on: datetime.date | None
    expires_on: datetime.date | None
    scope: list[str]
    visibility: str
    parties: list[PartyOut]


class SpeakerOut(Schema):
    names: LanguageMap
    affiliation: str | None


class SessionOut(Schema):
    kind: str
    titles: LanguageMap
    topic: LanguageMap
    day: datetime.date | None
    starts_at: datetime.time | None
    speakers: list[SpeakerOut]


class EventOut(Schema):
    code: str
    kind: str
    titles: LanguageMap
    summary: LanguageMap
    alliance: str | None
    starts_on: datetime.date
    ends_on: datetime.date | None
    venue: LanguageMap
    city: LanguageMap
    country: str
    host: str | None
    sessions: list[SessionOut]


class ResourceOut(Schema):
    id: int
    code: str
    kind: str
    titles: LanguageMap
    description: LanguageMap
    offered_by: str
    alliance: str | None
    languages: list[str]
    licence: str
    terms: LanguageMap
    access: str  # "public", "members" or "on-request"
    may_download: bool
    download_count: int
    request_count: int


class FieldErrorOut(Schema):
    location: str  # where the problem is, e.g. "query.page" or "body.titles"
    message: str


class ErrorOut(Schema):
    """Every error of the API has this shape, whatever its status."""

    detail: str  # a sentence saying what went wrong and what to change
    code: str  # stable and machine-readable: bad_request, not_found, forbidden, rate_limited…
    errors: list[FieldErrorOut] = []


class InstitutionOut(Schema):
    code: str
    names: LanguageMap
    short_name: LanguageMap
    type: str
    country: str
    city: LanguageMap
    isil: str
    wikidata: str
    website: str
    description: LanguageMap
    alliances: list[str]  # codes of the alliances it is now a member of
    url: str  # the institution's page


class MembershipOut(Schema):
    institution: str
    alliance: str
    role: str
    status: str
    start_date: datetime.date
    end_date: datetime.date | None
    current: bool


class AllianceDetailOut(AllianceOut):
    description: LanguageMap
    memberships: list[MembershipOut]


class ConceptRefOut(Schema):
    id: int
    scheme: str
    notation: str
    uri: str
    labels: LanguageMap


class TermOut(Schema):
    text: str
    lang: str
    concept: ConceptRefOut | None


class AgentOut(Schema):
    kind: str
    names: LanguageMap
    role: LanguageMap
    uri: str


class MediaOut(Schema):
    image_url: str
    thumbnail_url: str
    iiif_service: str
    caption: LanguageMap
    rights: str


class ObjectOut(Schema):
    id: int
    institution: str
    local_id: str
    language: str
    titles: LanguageMap
    descriptions: LanguageMap
    object_types: list[TermOut]
    materials: list[TermOut]
    techniques: list[TermOut]
    subjects: list[TermOut]
    agents: list[AgentOut]
    production_place: LanguageMap
    production_place_uri: str
    production_country: str
    date_display: LanguageMap
    earliest_year: int | None
    latest_year: int | None
    dimensions: LanguageMap
    inscriptions: LanguageMap
    credit_line: LanguageMap
    rights: str
    visibility: str
    web_page: str
    media: list[MediaOut]
    url: str  # the object's page on this site
    iiif_manifest: str | None  # a IIIF Presentation 3 manifest, whenever the object has images
    linked_art: str  # the same object as Linked Art JSON-LD
    updated_at: datetime.datetime


class SchemeOut(Schema):
    code: str
    uri: str
    titles: LanguageMap
    concept_count: int


class ConceptOut(Schema):
    id: int
    scheme: str
    notation: str
    uri: str
    pref_labels: LanguageMap
    alt_labels: dict[str, list[str]]
    broader: list[int]
    narrower: list[int]

    @staticmethod
    def resolve_scheme(concept: Any) -> str:
        return str(concept.scheme.code)

    @staticmethod
    def resolve_broader(concept: Any) -> list[int]:
        return [other.pk for other in concept.broader.all()]

    @staticmethod
    def resolve_narrower(concept: Any) -> list[int]:
        return [other.pk for other in concept.narrower.all()]


class RunOut(Schema):
    id: int
    institution: str
    source: str | None
    kind: str
    format: str
    location: str
    status: str
    failure: str
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    seen: int
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    rejected: int
    warned: int

    # A run is read from its model row; the codes stand for the related rows.
    @staticmethod
    def resolve_institution(run: Any) -> str:
        return str(run.institution.code)

    @staticmethod
    def resolve_source(run: Any) -> str | None:
        return run.source.code if run.source else None

    @staticmethod
    def resolve_issues(run: Any) -> list[dict[str, str]]:
        return list(getattr(run, "shown_issues", []))


class RunIssueOut(Schema):
    identifier: str
    severity: str
    problem: str


class RunDetailOut(RunOut):
    issues: list[RunIssueOut]
    issue_count: int


class PushOut(Schema):
    outcome: str  # created, updated, unchanged, withdrawn, not_found or rejected
    object_id: int | None
    run: int
    problems: list[dict[str, str]]


class PushRefusedOut(ErrorOut):
    """A 422: either the record was refused (the push fields say why and which run kept it) or
    the request itself did not have the documented shape (only the error fields)."""

    outcome: str | None = None
    object_id: int | None = None
    run: int | None = None
    problems: list[dict[str, str]] = []


class HostedImageOut(Schema):
    hosted_id: str  # the image's identifier in the IIIF Image API
    width: int
    height: int
    iiif_service: str  # the Image API base URI (its info.json is below it)
    iiif_manifest: str  # the object's manifest, which now shows the image
