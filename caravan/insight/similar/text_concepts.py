"""Words to vocabulary concepts: the multilingual representation of a record's text.

A concept is named by its labels in every language the vocabulary gives (the CIT thesaurus has
Traditional Chinese, English and pinyin). A record's title or description is read through the
one analyzer (caravan/search/analyzer.py) and each run of up to MAX_WINDOW tokens, and each
single Chinese character, is looked up among the analysed labels (the same table the search's
cross-lingual expansion uses). "山水清音圖" and "Landscape in the Style of Juran" then both name
the concept *landscape*, and two records written in different languages meet through it.

Nothing is downloaded or trained: the vocabulary in the database is the whole model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from caravan.search.analyzer import cjk_unigrams, tokens
from caravan.search.expansion import ConceptLabels

# Labels of up to five tokens: English phrases of four words, Chinese labels of six characters.
MAX_WINDOW = 5
# A word that names more concepts than this names none of them usefully.
MAX_SENSES = 3


@dataclass(frozen=True)
class NamedConcept:
    """A concept a text names, and the words of the text that name it (shown as a reason)."""

    concept_id: int
    words: str


def concepts_named(texts: Iterable[str], labels: ConceptLabels) -> dict[int, str]:
    """Concept id → the words that name it, over all the texts (the longest naming wins)."""
    found: dict[int, str] = {}
    for text in texts:
        for named in _named_in(text, labels):
            if len(named.words) > len(found.get(named.concept_id, "")):
                found[named.concept_id] = named.words
    return found


def _named_in(text: str, labels: ConceptLabels) -> list[NamedConcept]:
    words = tokens(text)
    named: list[NamedConcept] = []
    for start in range(len(words)):
        for length in range(1, min(MAX_WINDOW, len(words) - start) + 1):
            key = " ".join(words[start : start + length])
            named.extend(_senses(key, _surface(words[start : start + length]), labels))
    for character in set(cjk_unigrams(text)):
        named.extend(_senses(character, character, labels))
    return named


def _senses(key: str, surface: str, labels: ConceptLabels) -> list[NamedConcept]:
    hits = labels.by_key.get(key)
    if not hits:
        return []
    concepts = {hit.concept_id for hit in hits}
    if len(concepts) > MAX_SENSES:
        return []
    return [NamedConcept(concept_id, surface) for concept_id in sorted(concepts)]


def _surface(window: list[str]) -> str:
    """The words as a reader would write them: Chinese bigrams joined back into one run."""
    if all(_is_cjk_bigram(token) for token in window) and len(window) > 1:
        return window[0] + "".join(token[-1] for token in window[1:])
    return " ".join(window)


def _is_cjk_bigram(token: str) -> bool:
    return len(token) == 2 and all(ord(character) >= 0x2E80 for character in token)
