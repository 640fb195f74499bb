"""One source of a field compiled into a closure: read, filter, transform, give a language.

A source's values are (text, language, node) triples; the language None stands for the record's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from caravan.catalogue.records import RecordError
from caravan.core.langmap import normalize_tag
from caravan.ingest.mappers.mapping_files.paths import (
    Getter,
    compile_column,
    compile_json_path,
    text_of,
)
from caravan.ingest.mappers.mapping_files.schema import PLACEHOLDER, as_list
from caravan.ingest.mappers.mapping_files.transforms import (
    LANGUAGE_DETECTORS,
    TRANSFORMS,
    Transform,
)
from caravan.ingest.safety import MAX_FIELD_CHARS

# (text, language or None for the record's language, the node the value came from)
Value = tuple[str, str | None, Any]
SourceFunction = Callable[[Any, list[str]], list[Value]]
Predicate = Callable[[Any], bool]
Reader = Callable[[Any], list[str]]
TextsStep = Callable[[list[str]], list[str]]
LanguageOf = Callable[[Any, str, list[str]], str | None]


def compile_source(source: dict[str, Any], kind: str) -> SourceFunction:
    """The values one source gives for a CSV row or JSON document (`kind` 'csv' or 'json')."""
    raw_values = _raw_values(source, kind)
    pipeline = _pipeline(source)
    language = _language_per_value(source, kind)
    if language is not None:
        return _source_with_language(compile_items(source, kind), raw_values, pipeline, language)
    fixed = normalize_tag(source["lang"]) if "lang" in source else None  # None: the record's
    if not {"each", "when", "unless"} & set(source):
        return lambda root, notes: [(text, fixed, root) for text in pipeline(raw_values(root))]
    items = compile_items(source, kind)

    def values(root: Any, notes: list[str]) -> list[Value]:
        return [(text, fixed, node) for node in items(root) for text in pipeline(raw_values(node))]

    return values


def _source_with_language(
    items: Callable[[Any], list[Any]],
    raw_values: Reader,
    pipeline: TextsStep,
    language: LanguageOf,
) -> SourceFunction:
    def values(root: Any, notes: list[str]) -> list[Value]:
        found: list[Value] = []
        for node in items(root):
            for text in pipeline(raw_values(node)):
                lang = language(node, text, notes)
                if lang != "":  # a detector's "" means: not text of the language it detects
                    found.append((text, lang, node))
        return found

    return values


def compile_items(spec: dict[str, Any], kind: str) -> Callable[[Any], list[Any]]:
    """The nodes a source or a compound reads from: its `each` items, those meeting when/unless."""
    each = compile_json_path(spec["each"]) if "each" in spec and kind == "json" else None
    checks: list[tuple[Predicate, bool]] = []
    if "when" in spec:
        checks.append((_condition(spec["when"], kind), True))
    if "unless" in spec:
        checks.append((_condition(spec["unless"], kind), False))

    def items(root: Any) -> list[Any]:
        nodes = each(root) if each else [root]
        if checks:
            nodes = [node for node in nodes if all(test(node) is want for test, want in checks)]
        return nodes

    return items


def _condition(condition: Any, kind: str) -> Predicate:
    if isinstance(condition, str):
        read = compile_reader(condition, kind)
        return lambda node: bool(read(node))
    read = _raw_values({"from": condition["from"]}, kind)
    pattern = re.compile(condition.get("matches", r"\S"))
    return lambda node: any(pattern.search(text) for text in read(node))


# --------------------------------------------------------------------------------------------
# Reading texts
# --------------------------------------------------------------------------------------------


def _getter(path: str, kind: str) -> Getter:
    return compile_column(path) if kind == "csv" else compile_json_path(path)


def compile_reader(path: str, kind: str) -> Reader:
    """The non-empty texts at a path (or CSV column); RecordError for an oversized one."""
    getter = _getter(path, kind)

    def texts(node: Any) -> list[str]:
        found = []
        for value in getter(node):
            text = text_of(value)
            if len(text) > MAX_FIELD_CHARS:
                raise RecordError(
                    f"'{path}' holds {len(text):,} characters, over the {MAX_FIELD_CHARS:,} limit"
                )
            if text:
                found.append(text)
        return found

    return texts


def _raw_values(source: dict[str, Any], kind: str) -> Reader:
    if "value" in source:
        constant = [source["value"]]
        return lambda node: constant
    if "template" in source:
        return _template(source["template"], kind)
    readers = [compile_reader(path, kind) for path in as_list(source["from"])]
    if len(readers) == 1:
        return readers[0]
    return lambda node: [text for read in readers for text in read(node)]


def _template(template: str, kind: str) -> Reader:
    """`https://example.org/{acno}`: every placeholder must have a value, else no value."""
    names = PLACEHOLDER.findall(template)
    readers = {name: compile_reader(name, kind) for name in names}

    def fill(node: Any) -> list[str]:
        values = {}
        for name, read in readers.items():
            found = read(node)
            if not found:
                return []
            values[name] = found[0]
        return [PLACEHOLDER.sub(lambda match: values[match.group(1)], template)]

    return fill


# --------------------------------------------------------------------------------------------
# Changing texts
# --------------------------------------------------------------------------------------------


def _pipeline(source: dict[str, Any]) -> TextsStep:
    """split → transforms → map → index → join, each step only when the source asks for it."""
    steps: list[TextsStep] = []
    if "split" in source:
        separator = source["split"]
        steps.append(
            lambda values: [p.strip() for v in values for p in v.split(separator) if p.strip()]
        )
    for name in as_list(source.get("transform", [])):
        steps.append(_transform_step(TRANSFORMS[name]))
    if "map" in source:
        steps.append(_map_step(source["map"], source.get("map_default")))
    if "index" in source:
        index = source["index"]
        steps.append(lambda values: values[index : index + 1])
    if "join" in source:
        joiner = source["join"]
        steps.append(lambda values: [joiner.join(values)] if values else [])

    if not steps:
        return _unchanged

    def run(values: list[str]) -> list[str]:
        for step in steps:
            values = step(values)
        return values

    return run


def _unchanged(values: list[str]) -> list[str]:
    return values


def _transform_step(function: Transform) -> TextsStep:
    def step(values: list[str]) -> list[str]:
        changed = (function(value) for value in values)
        return [value for value in changed if value]

    return step


def _map_step(table: dict[str, Any], default: str | None) -> TextsStep:
    lookup = {str(key): str(value) for key, value in table.items()}

    def step(values: list[str]) -> list[str]:
        mapped = (lookup.get(value, value if default is None else default) for value in values)
        return [value for value in mapped if value]

    return step


# --------------------------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------------------------


def _language_per_value(source: dict[str, Any], kind: str) -> LanguageOf | None:
    """How each value finds its language (detected or read from a path).

    None when every value has the same one: a fixed `lang` tag, or the record's language.
    """
    if "lang" in source:
        detector = LANGUAGE_DETECTORS.get(source["lang"])
        if detector is None:
            return None
        return lambda node, text, notes: detector(text) or ""
    if "lang_from" in source:
        return _language_from(source["lang_from"], kind)
    return None


def _language_from(path: str, kind: str) -> LanguageOf:
    from caravan.ingest.normalise import to_bcp47

    read = compile_reader(path, kind)

    def language(node: Any, text: str, notes: list[str]) -> str | None:
        given = read(node)
        tag = to_bcp47(given[0]) if given else None
        if given and tag is None:
            notes.append(f"language '{given[0]}' at '{path}' is not a language code; ignored")
        return tag

    return language
