"""A field's sources combined into its value: a language map, a text, terms, agents or media.

Each field asks a plain source (see CompiledSource) for its first text or its texts alone, and
only a source that needs it for (text, language, node) values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from caravan.ingest.mappers.mapping_files.schema import as_list, source_list
from caravan.ingest.mappers.mapping_files.sources import (
    CompiledSource,
    FirstText,
    SourceFunction,
    compile_items,
    compile_reader,
    compiled_source,
)

PartFunction = Callable[[Any, str, list[str]], Any]
LanguageMapFunction = Callable[[Any, str, list[str]], dict[str, str]]
ScalarFunction = Callable[[Any, list[str]], str]
ConceptFunction = Callable[[Any], dict[str, Any] | None]


def compile_sources(value: Any, kind: str) -> list[SourceFunction]:
    return [source.values for source in _compiled_sources(value, kind)]


def _compiled_sources(value: Any, kind: str) -> list[CompiledSource]:
    return [compiled_source(source, kind) for source in source_list(value)]


def compile_language_map(value: Any, kind: str) -> LanguageMapFunction:
    """First text per language wins, in the order the sources are given."""
    sources = _compiled_sources(value, kind)
    if len(sources) == 1 and sources[0].first is not None:
        return _plain_language_map(sources[0].first, sources[0].language)
    # A source whose values share one language gives that language its first text only.
    parts = [(source.first, source.language, source.values) for source in sources]

    def language_map(root: Any, record_language: str, notes: list[str]) -> dict[str, str]:
        result: dict[str, str] = {}
        for first, fixed, values in parts:
            if first is not None:
                text = first(root)
                if text is not None:
                    result.setdefault(fixed or record_language, text)
                continue
            for text, lang, _node in values(root, notes):
                result.setdefault(lang or record_language, text)
        return result

    return language_map


def _plain_language_map(first: FirstText, fixed: str | None) -> LanguageMapFunction:
    def language_map(root: Any, record_language: str, notes: list[str]) -> dict[str, str]:
        text = first(root)
        return {} if text is None else {fixed or record_language: text}

    return language_map


def compile_scalar(value: Any, kind: str) -> ScalarFunction:
    """The first value any source gives ("" when none does)."""
    sources = _compiled_sources(value, kind)
    plain = _plain_first(sources)
    if plain is not None:
        first = plain
        return lambda root, notes: "" if (text := first(root)) is None else text
    return _scalar(sources)


def _plain_first(sources: list[CompiledSource]) -> FirstText | None:
    return sources[0].first if len(sources) == 1 else None


def _scalar(sources: list[CompiledSource]) -> ScalarFunction:
    parts = [(source.first, source.values) for source in sources]

    def scalar(root: Any, notes: list[str]) -> str:
        for first, values in parts:
            if first is not None:
                text = first(root)
                if text is not None:
                    return text
                continue
            found = values(root, notes)
            if found:
                return found[0][0]
        return ""

    return scalar


def compile_terms(value: Any, kind: str) -> Callable[[Any, str, list[str]], list[dict[str, Any]]]:
    """Every value of every source, repeats (same text, any case) dropped."""
    parts = [
        (compiled_source(source, kind), _concept(source, kind)) for source in source_list(value)
    ]

    def terms(root: Any, record_language: str, notes: list[str]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        found: list[dict[str, Any]] = []
        for source, concept in parts:
            if source.texts is not None and concept is None:
                lang = source.language or record_language
                for text in source.texts(root):
                    folded = text.casefold()
                    if folded not in seen:
                        seen.add(folded)
                        found.append({"text": text, "lang": lang, "concept": None})
                continue
            for text, value_lang, node in source.values(root, notes):
                folded = text.casefold()
                if folded not in seen:
                    seen.add(folded)
                    found.append(
                        {
                            "text": text,
                            "lang": value_lang or record_language,
                            "concept": concept(node) if concept else None,
                        }
                    )
        return found

    return terms


def _concept(source: dict[str, Any], kind: str) -> ConceptFunction | None:
    scheme = source.get("concept_scheme")
    if not scheme:
        return None
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
    sources = _compiled_sources(value, kind)
    plain = _plain_first(sources)
    if plain is not None:
        first = plain
        return lambda node, record_language, notes: "" if (text := first(node)) is None else text
    scalar = _scalar(sources)
    return lambda node, record_language, notes: scalar(node, notes)


def compile_compound(
    value: Any, parts: dict[str, str], kind: str
) -> Callable[[Any, str, list[str]], list[dict[str, Any]]]:
    """Agents or media: one dict per item of each spec, parts read relative to the item."""
    specs = []
    for spec in as_list(value):
        compiled = [(part, _part(spec[part], parts[part], kind)) for part in parts if part in spec]
        plain = not {"each", "when", "unless"} & set(spec)
        specs.append((None if plain else compile_items(spec, kind), compiled))

    def compound(root: Any, record_language: str, notes: list[str]) -> list[dict[str, Any]]:
        return [
            {part: function(node, record_language, notes) for part, function in compiled}
            for items, compiled in specs
            for node in (items(root) if items else (root,))
        ]

    return compound
