"""One source of a field compiled into closures: read, filter, transform, give a language.

A source's values are (text, language, node) triples; the language None stands for the record's.
Most sources are plain: read from the record itself (no each, when or unless), every value in one
language. Those also get `texts`, the values' texts alone, and `first`, the first of them, which
is what mapping a record calls: no triples, no list of nodes, no branching on what the source
might have asked for. A CSV column holds one text at most, so its `first` reads just that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from caravan.catalogue.records import RecordError
from caravan.core.langmap import normalize_tag
from caravan.ingest.mappers.mapping_files.paths import compile_json_path, text_of
from caravan.ingest.mappers.mapping_files.schema import PLACEHOLDER, as_list
from caravan.ingest.mappers.mapping_files.transforms import LANGUAGE_DETECTORS, TRANSFORMS
from caravan.ingest.safety import MAX_FIELD_CHARS

# (text, language or None for the record's language, the node the value came from)
Value = tuple[str, str | None, Any]
SourceFunction = Callable[[Any, list[str]], list[Value]]
Predicate = Callable[[Any], bool]
Reader = Callable[[Any], list[str]]
TextsStep = Callable[[list[str]], list[str]]
TextStep = Callable[[Any], Any]
FirstText = Callable[[Any], str | None]
LanguageOf = Callable[[Any, str, list[str]], str | None]


@dataclass(frozen=True, slots=True)
class CompiledSource:
    """A source as closures: `values` for any source; `texts` and `first` too for a plain one.

    `language` is every value's language (None: the record's), or None as well when the source
    finds a language per value (a detector or lang_from), which no plain source does.
    """

    values: SourceFunction
    texts: Reader | None
    first: FirstText | None
    language: str | None


def compile_source(source: dict[str, Any], kind: str) -> SourceFunction:
    """The values one source gives for a CSV row or JSON document (`kind` 'csv' or 'json')."""
    return compiled_source(source, kind).values


def compiled_source(source: dict[str, Any], kind: str) -> CompiledSource:
    """One source compiled for `kind` ('csv' rows or 'json' documents)."""
    texts = _texts(source, kind)
    conditional = bool({"each", "when", "unless"} & set(source))
    items = compile_items(source, kind) if conditional else None
    language = _language_per_value(source, kind)
    if language is not None:
        values = _values_with_language(items, texts, language)
        return CompiledSource(values, None, None, None)
    fixed = normalize_tag(source["lang"]) if "lang" in source else None  # None: the record's
    if items is None:
        first = _first(source, kind, texts)
        return CompiledSource(_plain_values(texts, fixed), texts, first, fixed)
    return CompiledSource(_item_values(items, texts, fixed), None, None, fixed)


def _plain_values(texts: Reader, fixed: str | None) -> SourceFunction:
    return lambda root, notes: [(text, fixed, root) for text in texts(root)]


def _item_values(
    items: Callable[[Any], list[Any]], texts: Reader, fixed: str | None
) -> SourceFunction:
    return lambda root, notes: [(text, fixed, node) for node in items(root) for text in texts(node)]


def _first(source: dict[str, Any], kind: str, texts: Reader) -> FirstText:
    """The first text a plain source gives, or None; for one CSV column, without any list."""
    paths = as_list(source.get("from", []))
    if kind == "csv" and len(paths) == 1 and not {"split", "index", "join"} & set(source):
        read = _column_first(paths[0])
        functions = _per_text_functions(source)
        if not functions:
            return read
        change = _chain(functions)

        def changed_first(row: Any) -> str | None:
            text = read(row)
            return None if text is None else (change(text) or None)

        return changed_first

    def first(root: Any) -> str | None:
        found = texts(root)
        return found[0] if found else None

    return first


def _values_with_language(
    items: Callable[[Any], list[Any]] | None, texts: Reader, language: LanguageOf
) -> SourceFunction:
    def values(root: Any, notes: list[str]) -> list[Value]:
        found: list[Value] = []
        for node in items(root) if items else (root,):
            for text in texts(node):
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


def compile_reader(path: str, kind: str) -> Reader:
    """The non-empty texts at a path (or CSV column); RecordError for an oversized one."""
    if kind == "csv":
        first = _column_first(path)
        return lambda row: [] if (text := first(row)) is None else [text]
    getter = compile_json_path(path)

    def texts(node: Any) -> list[str]:
        found = []
        for value in getter(node):
            text = value.strip() if isinstance(value, str) else text_of(value)
            if text:
                if len(text) > MAX_FIELD_CHARS:
                    raise _oversized(path, text)
                found.append(text)
        return found

    return texts


def _column_first(name: str) -> FirstText:
    """A CSV column's text, or None: the row is a dict of header → text, a name is never a path."""

    def text_at(row: Any) -> str | None:
        value = row.get(name)
        if not value:
            return None
        text = value.strip() if isinstance(value, str) else text_of(value)
        if not text:
            return None
        if len(text) > MAX_FIELD_CHARS:
            raise _oversized(name, text)
        return text

    return text_at


def _oversized(path: str, text: str) -> RecordError:
    return RecordError(
        f"'{path}' holds {len(text):,} characters, over the {MAX_FIELD_CHARS:,} limit"
    )


def _texts(source: dict[str, Any], kind: str) -> Reader:
    """The texts a source gives for one node: read, then changed as the source asks."""
    read = _raw_values(source, kind)
    pipeline = _pipeline(source)
    if pipeline is None:
        return read
    change = pipeline
    return lambda node: change(read(node))


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


def _pipeline(source: dict[str, Any]) -> TextsStep | None:
    """split → transforms → map → index → join, each step only when the source asks for it.

    Transforms and the map change one text at a time, so they run as one step.
    """
    steps: list[TextsStep] = []
    if "split" in source:
        steps.append(_split_step(source["split"]))
    per_text = _per_text_functions(source)
    if per_text:
        change = _chain(per_text)
        steps.append(lambda values: [changed for value in values if (changed := change(value))])
    if "index" in source:
        index = source["index"]
        steps.append(lambda values: values[index : index + 1])
    if "join" in source:
        joiner = source["join"]
        steps.append(lambda values: [joiner.join(values)] if values else [])
    if len(steps) <= 1:
        return steps[0] if steps else None

    def run(values: list[str]) -> list[str]:
        for step in steps:
            values = step(values)
        return values

    return run


def _split_step(separator: str) -> TextsStep:
    return lambda values: [
        stripped
        for value in values
        for part in value.split(separator)
        if (stripped := part.strip())
    ]


def _per_text_functions(source: dict[str, Any]) -> list[TextStep]:
    """The transforms, then the map: the steps that change one text at a time."""
    functions: list[TextStep] = [TRANSFORMS[name] for name in as_list(source.get("transform", []))]
    if "map" in source:
        functions.append(_map_function(source["map"], source.get("map_default")))
    return functions


def _chain(functions: list[TextStep]) -> TextStep:
    """Each function in turn; a text one of them turns empty (dropped) goes no further."""
    if len(functions) == 1:
        return functions[0]

    def chain(value: Any) -> Any:
        for function in functions:
            value = function(value)
            if not value:
                return value
        return value

    return chain


def _map_function(table: dict[str, Any], default: str | None) -> TextStep:
    lookup = {str(key): str(value) for key, value in table.items()}
    if default is None:
        return lambda value: lookup.get(value, value)
    return lambda value: lookup.get(value, default)


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
