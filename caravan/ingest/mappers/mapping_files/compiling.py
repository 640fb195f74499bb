"""A mapping compiled once into closures, so mapping a record walks no configuration at all."""

from __future__ import annotations

import re
from typing import Any

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.mapping_files.fields import (
    compile_compound,
    compile_language_map,
    compile_scalar,
    compile_terms,
)
from caravan.ingest.mappers.mapping_files.loading import Mapping
from caravan.ingest.mappers.mapping_files.schema import (
    AGENT_PARTS,
    LANGUAGE_MAP_FIELDS,
    MEDIA_PARTS,
    SCALAR_FIELDS,
    TERM_FIELDS,
    as_list,
    source_list,
)

_YEAR = re.compile(r"-?\d{1,5}")


class CompiledMapping:
    """A mapping as closures for one input kind ('csv' rows or 'json' documents)."""

    def __init__(self, mapping: Mapping, kind: str) -> None:
        data = mapping.data
        self.mapping = mapping
        self.kind = kind
        self.record_language = mapping.record_language
        self.parse_dates = bool(data.get("parse_dates", True))
        self.local_id_columns = {
            path
            for source in source_list(data["local_id"])
            for path in as_list(source.get("from", []))
        }
        self._local_id = compile_scalar(data["local_id"], kind)
        self.language_maps = {
            name: compile_language_map(data[name], kind)
            for name in LANGUAGE_MAP_FIELDS
            if name in data
        }
        self.terms = {name: compile_terms(data[name], kind) for name in TERM_FIELDS if name in data}
        self.scalars = {
            name: compile_scalar(data[name], kind)
            for name in SCALAR_FIELDS
            if name in data and name != "local_id"
        }
        self.agents = (
            compile_compound(data["agents"], AGENT_PARTS, kind) if "agents" in data else None
        )
        self.media = compile_compound(data["media"], MEDIA_PARTS, kind) if "media" in data else None
        # Imported here rather than at the top so that loading a mapping stays light.
        from caravan.ingest.normalise import parse_date, to_rights_uri

        self._parse_date = parse_date
        self._to_rights_uri = to_rights_uri

    def local_id(self, root: Any) -> str:
        return self._local_id(root, [])

    def apply(
        self, root: Any, identifier: str, default_language: str
    ) -> tuple[dict[str, Any], list[str]]:
        """The record's fields in record_from_dict's shape, and warnings; raises RecordError."""
        notes: list[str] = []
        local_id = self._local_id(root, notes)
        if not local_id:
            paths = ", ".join(sorted(self.local_id_columns)) or "local_id"
            raise RecordError(f"{identifier}: no identifier (nothing in {paths})")
        language = self.record_language or default_language
        fields: dict[str, Any] = {"local_id": local_id, "language": language}
        for name, language_map in self.language_maps.items():
            fields[name] = language_map(root, language, notes)
        for name, terms in self.terms.items():
            fields[name] = terms(root, language, notes)
        for name, scalar in self.scalars.items():
            fields[name] = scalar(root, notes)
        if self.agents:
            fields["agents"] = [a for a in self.agents(root, language, notes) if a.get("name")]
        if self.media:
            fields["media"] = self._media(self.media(root, language, notes), notes)
        self._years(fields, notes)
        fields["rights"] = self._rights(fields.get("rights", ""), notes)
        fields["visibility"] = fields.get("visibility") or "public"
        return fields, notes

    def _media(self, items: list[dict[str, Any]], notes: list[str]) -> list[dict[str, Any]]:
        media = []
        for item in items:
            if item.get("image_url") or item.get("thumbnail_url") or item.get("iiif_service"):
                if item.get("rights"):
                    item["rights"] = self._rights(item["rights"], notes)
                media.append(item)
        return media

    def _years(self, fields: dict[str, Any], notes: list[str]) -> None:
        earliest = _year(fields.pop("earliest_year", ""), "earliest_year", notes)
        latest = _year(fields.pop("latest_year", ""), "latest_year", notes)
        display = fields.get("date_display") or {}
        if earliest is not None and latest is not None and earliest > latest:
            notes.append(f"earliest year {earliest} is after latest year {latest}; not used")
            earliest = latest = None
        if earliest is None and latest is None and display and self.parse_dates:
            earliest, latest = self._parsed_years(display, notes)
        fields["earliest_year"], fields["latest_year"] = earliest, latest

    def _parsed_years(
        self, display: dict[str, str], notes: list[str]
    ) -> tuple[int | None, int | None]:
        for lang, text in display.items():
            span = self._parse_date(text, lang=lang)
            if span is not None:
                return span.earliest, span.latest
        notes.append(f"date '{next(iter(display.values()))}' could not be read as years")
        return None, None

    def _rights(self, value: str, notes: list[str]) -> str:
        if not value:
            notes.append("no rights statement")
            return ""
        uri = self._to_rights_uri(value)
        if uri is None:
            notes.append(f"rights '{value}' is not a rights statement Caravan knows; left empty")
        return uri or ""


def _year(text: str, name: str, notes: list[str]) -> int | None:
    if not text:
        return None
    if _YEAR.fullmatch(text.strip()):
        return int(text)
    notes.append(f"{name} '{text}' is not a year; ignored")
    return None


def compile_mapping(mapping: Mapping, kind: str) -> CompiledMapping:
    return CompiledMapping(mapping, kind)
