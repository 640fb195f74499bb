"""Link record terms to stored concepts: by label in any language, by URI, by notation.

Build one `ConceptIndex` per import run (one query), then every lookup is a dict access.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from caravan.catalogue.models import Concept

# label key → {concept pk: lower-cased tags of the languages it carries that label in}
LabelIndex = dict[str, dict[int, set[str]]]


def label_key(text: str) -> str:
    """How labels are compared: NFKC, case-folded, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class ConceptIndex:
    """Concepts of some schemes, looked up by label, URI or (scheme, notation).

    An ambiguous label goes to the concept labelled so in the term's own language (exact tag,
    then same primary language), then to the concept of the earliest scheme in the order given
    to `load`; when that still leaves several, the label links to nothing.
    """

    def __init__(self, scheme_codes: Sequence[str] | None = None) -> None:
        self._scheme_rank = {code: rank for rank, code in enumerate(scheme_codes or ())}
        self._labels: LabelIndex = {}
        self._rank: dict[int, int] = {}
        self._uris: dict[str, int] = {}
        self._notations: dict[tuple[str, str], int] = {}

    @classmethod
    def load(cls, scheme_codes: Sequence[str] | None = None) -> ConceptIndex:
        """The index of the given schemes (all schemes when None), read in one query."""
        index = cls(scheme_codes)
        concepts = Concept.objects.all()
        if scheme_codes is not None:
            concepts = concepts.filter(scheme__code__in=list(scheme_codes))
        rows = concepts.order_by("pk").values_list(
            "pk", "scheme__code", "notation", "uri", "pref_labels", "alt_labels"
        )
        for pk, scheme, notation, uri, pref_labels, alt_labels in rows.iterator(chunk_size=5000):
            index.add(pk, scheme, notation, uri, pref_labels or {}, alt_labels or {})
        return index

    def add(
        self,
        pk: int,
        scheme: str,
        notation: str,
        uri: str,
        pref_labels: Mapping[str, Any],
        alt_labels: Mapping[str, Any],
    ) -> None:
        rank = self._scheme_rank.get(scheme, len(self._scheme_rank))
        self._rank[pk] = rank
        self._notations[(scheme, notation)] = pk
        if uri and (uri not in self._uris or rank < self._rank[self._uris[uri]]):
            self._uris[uri] = pk
        for tag, text in _labels(pref_labels, alt_labels):
            key = label_key(text)
            if key:
                self._labels.setdefault(key, {}).setdefault(pk, set()).add(tag.lower())

    def __len__(self) -> int:
        return len(self._rank)

    def match(self, text: str, lang: str | None = None) -> int | None:
        """The pk of the concept a literal term names, or None when none or too many do."""
        candidates = self._labels.get(label_key(text))
        if not candidates:
            return None
        if len(candidates) == 1:
            return next(iter(candidates))
        pool = list(candidates)
        if lang:
            pool = _in_language(candidates, lang.replace("_", "-").lower()) or pool
            if len(pool) == 1:
                return pool[0]
        best = min(self._rank[pk] for pk in pool)
        earliest = [pk for pk in pool if self._rank[pk] == best]
        return earliest[0] if len(earliest) == 1 else None

    def by_uri(self, uri: str) -> int | None:
        return self._uris.get(uri.strip())

    def by_notation(self, scheme: str, notation: str) -> int | None:
        return self._notations.get((scheme, notation.strip()))


def _labels(
    pref_labels: Mapping[str, Any], alt_labels: Mapping[str, Any]
) -> Iterable[tuple[str, str]]:
    for tag, text in pref_labels.items():
        if isinstance(text, str):
            yield tag, text
    for tag, texts in alt_labels.items():
        if isinstance(texts, list):
            yield from ((tag, text) for text in texts if isinstance(text, str))


def _in_language(candidates: dict[int, set[str]], lang: str) -> list[int]:
    """The candidates labelled in `lang` itself, else in the same primary language."""
    exact = [pk for pk, tags in candidates.items() if lang in tags]
    if exact:
        return exact
    primary = lang.split("-", 1)[0]
    return [
        pk
        for pk, tags in candidates.items()
        if any(tag.split("-", 1)[0] == primary for tag in tags)
    ]
