"""Checking a parsed mapping file, so that every mistake is reported with the key that holds it."""

from __future__ import annotations

import codecs
import re
from typing import Any

from caravan.catalogue.records import AGENT_KINDS
from caravan.core.langmap import LanguageMapError, normalize_tag
from caravan.ingest.mappers.mapping_files.paths import compile_json_path
from caravan.ingest.mappers.mapping_files.schema import (
    AGENT_PARTS,
    CSV_SETTINGS,
    FORMATS,
    JSON_SETTINGS,
    LANGUAGE_MAP_FIELDS,
    MEDIA_PARTS,
    PLACEHOLDER,
    SCALAR_FIELDS,
    SETTINGS,
    SOURCE_KEYS,
    TERM_FIELDS,
    TERM_SOURCE_KEYS,
    MappingError,
    as_list,
    source_list,
)
from caravan.ingest.mappers.mapping_files.transforms import LANGUAGE_DETECTORS, TRANSFORMS

_SETTING_SECTIONS: dict[str, dict[str, type]] = {"csv": CSV_SETTINGS, "json": JSON_SETTINGS}
_SOURCE_TYPES: dict[str, type] = {
    "each": str,
    "value": str,
    "template": str,
    "lang": str,
    "lang_from": str,
    "split": str,
    "map": dict,
    "map_default": str,
    "index": int,
    "join": str,
    "concept_scheme": str,
    "concept_notation": str,
    "concept_uri": str,
}
_TYPE_NAMES = {str: "text", bool: "true or false", dict: "a table", int: "a whole number"}


def validate_mapping(data: dict[str, Any]) -> None:
    """Raise MappingError naming the first key at fault; return quietly when all is well."""
    for key, value in data.items():
        if key in SETTINGS:
            _check_setting(key, value)
        elif key in LANGUAGE_MAP_FIELDS:
            _check_sources(key, value, kind="langmap")
        elif key in TERM_FIELDS:
            _check_sources(key, value, kind="terms")
        elif key in SCALAR_FIELDS:
            _check_sources(key, value, kind="scalar")
        elif key == "agents":
            _check_compound(key, value, AGENT_PARTS, required=("name",))
        elif key == "media":
            _check_compound(key, value, MEDIA_PARTS, required=())
        else:
            raise MappingError(f"{key}: unknown key (known: {', '.join(_known_top_keys())})")
    for required in ("local_id", "titles"):
        if required not in data:
            raise MappingError(f"{required}: this key is required")


def _known_top_keys() -> list[str]:
    return [*SETTINGS, *SCALAR_FIELDS, *LANGUAGE_MAP_FIELDS, *TERM_FIELDS, "agents", "media"]


def _check_setting(key: str, value: Any) -> None:
    _expect(key, value, SETTINGS[key])
    if key == "format" and value not in FORMATS:
        raise MappingError(f"format: '{value}' is not one of {', '.join(FORMATS)}")
    if key == "record_language":
        _check_tag(key, value)
    if key in _SETTING_SECTIONS:
        options = _SETTING_SECTIONS[key]
        for option, option_value in value.items():
            if option not in options:
                raise MappingError(f"{key}.{option}: unknown key")
            _expect(f"{key}.{option}", option_value, options[option])
    if key == "csv" and len(value.get("delimiter", ",")) != 1:
        raise MappingError("csv.delimiter: must be one character")
    if key == "csv" and "encoding" in value:
        _check_encoding(value["encoding"])


def _check_encoding(name: str) -> None:
    try:
        codecs.lookup(name)
    except LookupError as error:
        raise MappingError(f"csv.encoding: '{name}' is not a known text encoding") from error


def _expect(key: str, value: Any, wanted: type) -> None:
    if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
        raise MappingError(f"{key}: must be {_TYPE_NAMES.get(wanted, wanted.__name__)}")


def _expect_texts(key: str, value: Any, what: str) -> None:
    """One text or a list of texts (paths, transform names)."""
    if not all(isinstance(item, str) for item in as_list(value)):
        raise MappingError(f"{key}: must be a {what} or a list of {what}s")


def _check_tag(key: str, value: str) -> None:
    try:
        normalize_tag(value)
    except LanguageMapError as error:
        raise MappingError(f"{key}: {error}") from error


def _check_sources(key: str, value: Any, *, kind: str) -> None:
    if not isinstance(value, str | dict | list) or value == []:
        raise MappingError(f"{key}: must be a path, a table or a list of tables")
    for position, source in enumerate(source_list(value)):
        where = f"{key}[{position}]" if isinstance(value, list) else key
        if not isinstance(source, dict):
            raise MappingError(f"{where}: must be a path or a table")
        _check_source(where, source, kind=kind)


def _check_source(where: str, source: dict[str, Any], *, kind: str) -> None:
    allowed = SOURCE_KEYS | (TERM_SOURCE_KEYS if kind == "terms" else set())
    for key in source:
        if key not in allowed:
            raise MappingError(f"{where}.{key}: unknown key (known: {', '.join(sorted(allowed))})")
    given = [key for key in ("from", "value", "template") if key in source]
    if len(given) != 1:
        raise MappingError(f"{where}: give exactly one of from, value or template")
    _check_source_types(where, source)
    if kind == "scalar" and ("lang" in source or "lang_from" in source):
        raise MappingError(f"{where}.lang: this field is not text in a language")
    if "lang" in source and "lang_from" in source:
        raise MappingError(f"{where}: give lang or lang_from, not both")
    if "lang" in source and source["lang"] not in LANGUAGE_DETECTORS:
        _check_tag(f"{where}.lang", source["lang"])
    for name in as_list(source.get("transform", [])):
        if name not in TRANSFORMS:
            known = ", ".join(sorted(TRANSFORMS))
            raise MappingError(f"{where}.transform: unknown transform '{name}' (known: {known})")
    _check_paths(where, source)
    if "concept_notation" in source and "concept_scheme" not in source:
        raise MappingError(f"{where}.concept_scheme: needed with concept_notation")


def _check_source_types(where: str, source: dict[str, Any]) -> None:
    for key, wanted in _SOURCE_TYPES.items():
        if key in source:
            _expect(f"{where}.{key}", source[key], wanted)
    if "from" in source:
        _expect_texts(f"{where}.from", source["from"], "path")
    if "transform" in source:
        _expect_texts(f"{where}.transform", source["transform"], "name")
    if "split" in source and not source["split"]:
        raise MappingError(f"{where}.split: the separator is empty")
    for key in ("when", "unless"):
        if key in source:
            _check_condition(f"{where}.{key}", source[key])


def _check_condition(where: str, condition: Any) -> None:
    if isinstance(condition, str):
        return
    if not isinstance(condition, dict) or "from" not in condition:
        raise MappingError(f"{where}: must be a path or a table with from (and matches)")
    _expect_texts(f"{where}.from", condition["from"], "path")
    for key in condition:
        if key not in ("from", "matches"):
            raise MappingError(f"{where}.{key}: unknown key (known: from, matches)")
    if "matches" in condition:
        try:
            re.compile(condition["matches"])
        except (re.error, TypeError) as error:
            raise MappingError(f"{where}.matches: not a regular expression: {error}") from error


def _check_paths(where: str, source: dict[str, Any]) -> None:
    paths = [("each", source.get("each")), ("lang_from", source.get("lang_from"))]
    paths += [("from", path) for path in as_list(source.get("from", []))]
    paths += [(key, source.get(key)) for key in ("concept_notation", "concept_uri")]
    paths += [("template", name) for name in PLACEHOLDER.findall(source.get("template", ""))]
    for key in ("when", "unless"):
        condition = source.get(key)
        if isinstance(condition, dict):
            condition = condition.get("from")
        paths += [(key, path) for path in as_list(condition)]
    for key, path in paths:
        if path is None:
            continue
        try:
            compile_json_path(path)
        except ValueError as error:
            raise MappingError(f"{where}.{key}: {error}") from error


def _check_compound(
    key: str, value: Any, parts: dict[str, str], *, required: tuple[str, ...]
) -> None:
    items = as_list(value)
    if not items or not all(isinstance(item, dict) for item in items):
        raise MappingError(f"{key}: must be a table or a list of tables ([[{key}]])")
    for position, item in enumerate(items):
        where = f"{key}[{position}]" if isinstance(value, list) else key
        for part, part_value in item.items():
            if part in ("each", "when", "unless"):
                _check_source_types(where, {part: part_value})
                _check_paths(where, {part: part_value})
            elif part in parts:
                _check_sources(f"{where}.{part}", part_value, kind=parts[part])
            else:
                known = ", ".join(["each", "when", "unless", *parts])
                raise MappingError(f"{where}.{part}: unknown key (known: {known})")
        for part in required:
            if part not in item:
                raise MappingError(f"{where}.{part}: this key is required")
        _check_fixed_values(where, item)


def _check_fixed_values(where: str, item: dict[str, Any]) -> None:
    for source in source_list(item.get("kind", [])):
        if "value" in source and source["value"] not in AGENT_KINDS:
            raise MappingError(f"{where}.kind: '{source['value']}' is not one of {AGENT_KINDS}")
