"""Highlighted snippets: a stretch of a record's own text, in the language it matched in.

The words are found with the analyzer's token spans, so a match is highlighted exactly when the
index matched it — "銅鏡" in a Traditional Chinese description lights up for the query "铜镜".
Everything is escaped before <mark> tags are added around the matched stretches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.html import escape

from caravan.search.analyzer import normalise, token_spans

WINDOW = 220
LEAD = 60


@dataclass(frozen=True)
class Snippet:
    html: str
    lang: str
    matched: tuple[str, ...]


def best_snippet(
    candidates: Iterable[tuple[str, str]], terms: set[str], *, fallback: tuple[str, str] | None
) -> Snippet:
    """The candidate (lang, text) with the most matched terms, cut around the first match."""
    best: tuple[int, str, str, list[tuple[int, int]], list[str]] | None = None
    for lang, text in candidates:
        if not text:
            continue
        spans, found = _matches(text, terms)
        if spans and (best is None or len(set(found)) > best[0]):
            best = (len(set(found)), lang, text, spans, found)
    if best is None:
        if fallback is None or not fallback[1]:
            return Snippet("", "", ())
        lang, text = fallback
        return Snippet(escape(_cut(text, 0, len(text))), lang, ())
    _, lang, text, spans, found = best
    return Snippet(_marked(text, spans), lang, tuple(dict.fromkeys(found)))


def language_map_items(*maps: Mapping[str, str] | None, first: str = "") -> list[tuple[str, str]]:
    """Every (lang, text) of the maps, the reader's language first."""
    items = [(lang, text) for language_map in maps for lang, text in (language_map or {}).items()]
    return sorted(items, key=lambda item: not item[0].lower().startswith(first.lower()[:2]))


def _matches(text: str, terms: set[str]) -> tuple[list[tuple[int, int]], list[str]]:
    if not terms:
        return [], []
    folded = normalise(text)
    if not any(term in folded for term in terms):
        return [], []  # cheap: most candidate texts hold none of the words
    spans: list[tuple[int, int]] = []
    found: list[str] = []
    for token, start, end in token_spans(text):
        if token in terms:
            found.append(token)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))  # bigrams overlap
            else:
                spans.append((start, end))
    return spans, found


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    start = max(0, spans[0][0] - LEAD)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 and space >= 0 else start
    end = min(len(text), start + WINDOW)
    pieces = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start >= end:
            break
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start : min(span_end, end)])}</mark>")
        cursor = min(span_end, end)
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)


def _cut(text: str, start: int, end: int) -> str:
    cut = text[start : min(end, start + WINDOW)]
    return cut + ("…" if len(text) > start + WINDOW else "")
