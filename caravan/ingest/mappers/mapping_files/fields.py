"""A field's sources combined into its value: a language map, a text, terms, agents or media."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from caravan.ingest.mappers.mapping_files.schema import as_list, source_list
from caravan.ingest.mappers.mapping_files.sources import (
    SourceFunction,
    compile_items,
    compile_reader,
    compile_source,
)

PartFunction = Callable[[Any, str, list[str]], Any]


def compile_sources(value: Any, kind: str) -> list[SourceFunction]:
    return [compile_source(source, kind) for source in source_list(value)]


def compile_language_map(value: Any, kind: str) -> Callable[[Any, str, list[str]], dict[str, str]]:
    """First text per language wins, in the order the sources are given."""
    sources = compile_sources(value, kind)

    def language_map(root: Any, record_language: str, notes: list[str]) -> dict[str, str]:
        result: dict[str, str] = {}
        for source in sources:
            for text, lang, _node in source(root, notes):
                result.setdefault(lang or record_language, text)
        return result

    return language_map


def compile_scalar(value: Any, kind: str) -> Callable[[Any, list[str]], str]:
    """The first value any source gives ("" when none does)."""
    sources = compile_sources(value, kind)

    def scalar(root: Any, notes: list[str]) -> str:
        for source in sources:
            found = source(root, notes)
            if found:
                return found[0][0]
        return ""

    return scalar


def compile_terms(value: Any, kind: str) -> Callable[[Any, str, list[str]], list[dict[str, Any]]]:
    """Every value of every source, repeats (same text, any case) dropped."""
    parts = [
        (compile_source(source, kind), _concept(source, kind)) for source in source_list(value)
    ]

    def terms(root: Any, record_language: str, notes: list[str]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        found = []
        for source, concept in parts:
            for text, lang, node in source(root, notes):
                folded = text.casefold()
                if folded not in seen:
                    seen.add(folded)
                    found.append(
                        {"text": text, "lang": lang or record_language, "concept": concept(node)}
                    )
        return found

    return terms


def _concept(source: dict[str, Any], kind: str) -> Callable[[Any], dict[str, Any] | None]:
    scheme = source.get("concept_scheme")
    if not scheme:
        return lambda node: None
    notation_path = source.get("concept_notation")
    uri_path = source.get("concept_uri")
    notation = compile_reader(notation_path, kind) if notation_path else None
    uri = compile_reader(uri_path, kind) if uri_path else None

    def concept(node: Any) -> dict[str, Any] | None:
        found_notation = notation(node) if notation else []
        found_uri = uri(node) if uri else []
        if not found_notation and not found_uri:
            return None
        key = found_notation[0] if found_notation else found_uri[0]
        return {"scheme": scheme, "notation": key, "uri": found_uri[0] if found_uri else ""}

    return concept


def _part(value: Any, part_kind: str, kind: str) -> PartFunction:
    if part_kind == "langmap":
        return compile_language_map(value, kind)
    scalar = compile_scalar(value, kind)
    return lambda node, record_language, notes: scalar(node, notes)


def compile_compound(
    value: Any, parts: dict[str, str], kind: str
) -> Callable[[Any, str, list[str]], list[dict[str, Any]]]:
    """Agents or media: one dict per item of each spec, parts read relative to the item."""
    specs = []
    for spec in as_list(value):
        compiled = {part: _part(spec[part], parts[part], kind) for part in parts if part in spec}
        specs.append((compile_items(spec, kind), compiled))

    def compound(root: Any, record_language: str, notes: list[str]) -> list[dict[str, Any]]:
        return [
            {part: function(node, record_language, notes) for part, function in compiled.items()}
            for items, compiled in specs
            for node in items(root)
        ]

    return compound
