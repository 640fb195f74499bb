"""Typed shapes of the API's answers; the OpenAPI document is generated from them."""

from __future__ import annotations

import datetime

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


class ErrorOut(Schema):
    detail: str
