"""A compiled mapping's fields made into an ObjectRecord: record_from_dict's result, made faster.

record_from_dict takes any dict (a JSON Lines file, a hand-written fixture) and tests every type.
The dicts CompiledMapping.apply gives have a known shape, so `object_record` builds the record
directly for the usual one and hands anything it would have to refuse, or cannot vouch for, to
record_from_dict, which then raises its RecordError with its own words. Either way the record
and the error are record_from_dict's (mappers/tests/test_assembling.py holds them to it).

The frozen dataclasses are filled the way pickle restores them, through their __dict__: their
generated __init__ sets each field with object.__setattr__, some 15 µs for ObjectRecord alone,
a quarter of what mapping a whole CSV row may cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from typing import Any, TypeVar

from caravan.catalogue.records import (
    AGENT_KINDS,
    LANGUAGE_MAP_FIELDS,
    TERM_FIELDS,
    VISIBILITIES,
    AgentRecord,
    ConceptRef,
    MediaRecord,
    ObjectRecord,
    TermRecord,
    record_from_dict,
)
from caravan.core.codes import is_rights_uri
from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map, normalize_tag

Built = TypeVar("Built")

# The fields object_record gives each dataclass, all of them: a dataclass that gains a field is
# built through its __init__ again (and the contract test says what to add here).
_OBJECT_FIELDS = (
    "local_id",
    "language",
    *LANGUAGE_MAP_FIELDS,
    *TERM_FIELDS,
    "agents",
    "production_place_uri",
    "production_country",
    "earliest_year",
    "latest_year",
    "rights",
    "visibility",
    "media",
    "web_page",
    "source_name",
    "source_format",
    "raw",
)
_TERM_FIELDS = ("text", "lang", "concept")
_CONCEPT_FIELDS = ("scheme", "notation", "labels", "uri")
_AGENT_FIELDS = ("names", "kind", "role", "uri")
_MEDIA_FIELDS = ("image_url", "thumbnail_url", "iiif_service", "caption", "rights")


class _Refused(Exception):
    """Something record_from_dict would refuse, or a shape this module does not vouch for."""


def constructor(cls: type[Built], names: tuple[str, ...]) -> Callable[[dict[str, Any]], Built]:
    """Make `cls` from a dict holding every one of its fields, named `names`.

    Through __dict__ for a plain frozen dataclass; through __init__ when `names` is not exactly
    its fields or the class has __post_init__ or slots, so that nothing is skipped.
    """
    plain = (
        {field.name for field in dataclass_fields(cls)} == set(names)  # type: ignore[arg-type]
        and not hasattr(cls, "__post_init__")
        and "__slots__" not in vars(cls)
    )
    if not plain:
        known = {field.name for field in dataclass_fields(cls)}  # type: ignore[arg-type]
        return lambda values: cls(**{name: values[name] for name in values if name in known})
    new = object.__new__

    def make(values: dict[str, Any]) -> Built:
        instance = new(cls)
        instance.__dict__.update(values)
        return instance

    return make


_object = constructor(ObjectRecord, _OBJECT_FIELDS)
_term = constructor(TermRecord, _TERM_FIELDS)
_concept_ref = constructor(ConceptRef, _CONCEPT_FIELDS)
_agent_record = constructor(AgentRecord, _AGENT_FIELDS)
_media_record = constructor(MediaRecord, _MEDIA_FIELDS)
_known_rights = lru_cache(maxsize=256)(is_rights_uri)


def object_record(data: dict[str, Any]) -> ObjectRecord:
    """The ObjectRecord record_from_dict(data) gives, or its RecordError."""
    try:
        return _object_record(data)
    except (_Refused, LanguageMapError):
        return record_from_dict(data)


def _object_record(data: dict[str, Any]) -> ObjectRecord:
    get = data.get
    local_id = str(get("local_id") or "").strip()
    if not local_id or get("production_country"):
        raise _Refused
    values: dict[str, Any] = {name: _language_map(get(name)) for name in LANGUAGE_MAP_FIELDS}
    if not values["titles"]:
        raise _Refused
    values["local_id"] = local_id
    values["language"] = normalize_tag(str(get("language") or "und"))
    for name in TERM_FIELDS:
        items = get(name)
        values[name] = _terms(items) if items else ()
    agents, media = get("agents"), get("media")
    values["agents"] = tuple([_agent(agent) for agent in agents]) if agents else ()
    values["media"] = tuple([_media(item) for item in media]) if media else ()
    values["earliest_year"], values["latest_year"] = _years(
        get("earliest_year"), get("latest_year")
    )
    values["production_place_uri"] = str(get("production_place_uri") or "")
    values["production_country"] = ""
    values["rights"] = _rights(str(get("rights") or ""))
    values["visibility"] = _visibility(str(get("visibility") or "public"))
    values["web_page"] = str(get("web_page") or "")
    source = get("source") or {}
    values["source_name"] = str(source.get("name") or "")
    values["source_format"] = str(source.get("format") or "")
    values["raw"] = str(get("raw") or "")
    return _object(values)


def _language_map(value: Any) -> LanguageMap:
    """clean_language_map for a dict of text → text; anything else is record_from_dict's."""
    if value.__class__ is not dict:
        if value is None:
            return {}
        raise _Refused
    cleaned: LanguageMap = {}
    for tag, text in value.items():
        if tag.__class__ is not str or text.__class__ is not str:
            raise _Refused
        stripped = text.strip()
        if stripped:
            cleaned[normalize_tag(tag)] = stripped
    return cleaned


def _terms(items: list[dict[str, Any]]) -> tuple[TermRecord, ...]:
    terms = []
    for item in items:
        text = str(item.get("text") or "").strip()
        if text:
            concept = item.get("concept")
            terms.append(
                _term(
                    {
                        "text": text[:500],
                        "lang": normalize_tag(str(item.get("lang") or "und")),
                        "concept": _concept(concept) if concept else None,
                    }
                )
            )
    return tuple(terms)


def _concept(data: dict[str, Any]) -> ConceptRef:
    return _concept_ref(
        {
            "scheme": str(data["scheme"]),
            "notation": str(data["notation"]),
            "labels": clean_language_map(data.get("labels")),
            "uri": str(data.get("uri") or ""),
        }
    )


def _agent(data: dict[str, Any]) -> AgentRecord:
    kind = str(data.get("kind") or "person")
    if kind not in AGENT_KINDS:
        raise _Refused
    return _agent_record(
        {
            "names": _language_map(data.get("name") or data.get("names")),
            "kind": kind,
            "role": _language_map(data.get("role")),
            "uri": str(data.get("uri") or ""),
        }
    )


def _media(data: dict[str, Any]) -> MediaRecord:
    return _media_record(
        {
            "image_url": str(data.get("image_url") or ""),
            "thumbnail_url": str(data.get("thumbnail_url") or ""),
            "iiif_service": str(data.get("iiif_service") or ""),
            "caption": _language_map(data.get("caption")),
            "rights": str(data.get("rights") or ""),
        }
    )


def _years(earliest: Any, latest: Any) -> tuple[int | None, int | None]:
    if earliest is not None and earliest.__class__ is not int:
        raise _Refused
    if latest is not None and latest.__class__ is not int:
        raise _Refused
    if earliest is not None and latest is not None and earliest > latest:
        raise _Refused
    return earliest, latest


def _rights(uri: str) -> str:
    if uri and not _known_rights(uri):
        raise _Refused
    return uri


def _visibility(value: str) -> str:
    if value not in VISIBILITIES:
        raise _Refused
    return value
