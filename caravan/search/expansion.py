"""Cross-lingual retrieval: query words that name a vocabulary concept or a period.

A concept is named by any of its labels in any language, script or romanisation — preferred and
alternative labels, and pinyin (from the vocabulary, or made with pypinyin for Chinese labels
that come without one). A query naming a concept also finds objects linked to the concept or to
any concept narrower than it. A period is named by any gazetteer label ("Tang", "唐代",
"династия Тан") and finds objects dated within its years.

The label table is read from the database once per process and read again when the vocabulary
changes (checked at most every CHECK_SECONDS), so concept edits need no re-indexing.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Max
from pypinyin import lazy_pinyin

from caravan.catalogue.models import Concept
from caravan.core.langmap import pick
from caravan.ingest.normalise.periods import Period, gazetteer
from caravan.search.analyzer import normalise, tokens

CHECK_SECONDS = 30.0
PINYIN_TAG = "zh-Latn-pinyin"
MIN_PINYIN_WORD = 5


@dataclass(frozen=True)
class ConceptHit:
    concept_id: int
    matched_label: str
    matched_lang: str


@dataclass(frozen=True)
class Expansion:
    """What a query's words named: concepts (with everything narrower) or a period."""

    words: str
    concepts: tuple[ConceptHit, ...] = ()
    concept_ids: frozenset[int] = frozenset()
    period: Period | None = None

    def __bool__(self) -> bool:
        return bool(self.concept_ids) or self.period is not None


def label_key(text: str) -> str:
    return " ".join(tokens(text))


class ConceptLabels:
    """Every concept label by its analysed form, and each concept's narrower concepts."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[ConceptHit]] = defaultdict(list)
        self.narrower: dict[int, list[int]] = defaultdict(list)
        self.pref_labels: dict[int, Mapping[str, str]] = {}

    def add(self, concept_id: int, label: str, lang: str) -> None:
        key = label_key(label)
        if lang == PINYIN_TAG and " " not in key and len(key) < MIN_PINYIN_WORD:
            return  # one syllable ("xie", "ming") is a word of too many names to expand
        if key:
            self.by_key[key].append(ConceptHit(concept_id, label, lang))
            if lang == PINYIN_TAG and " " in key:
                # Pinyin is written with and without spaces between syllables.
                self.by_key[key.replace(" ", "")].append(ConceptHit(concept_id, label, lang))

    def find(self, words: str) -> tuple[ConceptHit, ...]:
        key = label_key(words)
        found = self.by_key.get(key) or self.by_key.get(key.replace(" ", ""), [])
        unique: dict[int, ConceptHit] = {}
        for hit in found:
            unique.setdefault(hit.concept_id, hit)
        return tuple(unique.values())

    def with_narrower(self, concept_ids: Iterable[int]) -> frozenset[int]:
        seen: set[int] = set()
        pending = list(concept_ids)
        while pending:
            concept_id = pending.pop()
            if concept_id not in seen:
                seen.add(concept_id)
                pending.extend(self.narrower.get(concept_id, ()))
        return frozenset(seen)

    def label(self, concept_id: int, lang: str) -> str:
        chosen = pick(self.pref_labels.get(concept_id), lang)
        return chosen.text if chosen else str(concept_id)


def _load_labels() -> ConceptLabels:
    labels = ConceptLabels()
    rows = Concept.objects.values_list("id", "pref_labels", "alt_labels")
    for concept_id, pref, alternatives in rows.iterator(chunk_size=5000):
        pref = pref or {}
        labels.pref_labels[concept_id] = pref
        for lang, text in pref.items():
            labels.add(concept_id, text, lang)
        for lang, texts in (alternatives or {}).items():
            for text in texts if isinstance(texts, list) else [texts]:
                labels.add(concept_id, text, lang)
        has_pinyin = PINYIN_TAG in pref or PINYIN_TAG in (alternatives or {})
        if not has_pinyin:
            for lang, text in pref.items():
                if lang.lower().startswith("zh") and "latn" not in lang.lower():
                    labels.add(concept_id, " ".join(lazy_pinyin(text)), PINYIN_TAG)
    through = Concept.broader.through.objects.values_list("from_concept_id", "to_concept_id")
    for narrower_id, broader_id in through.iterator(chunk_size=5000):
        labels.narrower[broader_id].append(narrower_id)
    return labels


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.labels: ConceptLabels | None = None
        self.signature: tuple[object, ...] = ()
        self.checked = 0.0

    def get(self) -> ConceptLabels:
        with self.lock:
            now = time.monotonic()
            if self.labels is None or now - self.checked > CHECK_SECONDS:
                signature = _vocabulary_signature()
                if self.labels is None or signature != self.signature:
                    self.labels = _load_labels()
                    self.signature = signature
                self.checked = now
            return self.labels

    def clear(self) -> None:
        with self.lock:
            self.labels = None


_cache = _Cache()


def concept_labels() -> ConceptLabels:
    return _cache.get()


def forget_concept_labels() -> None:
    """Read the vocabulary again on next use (called when concepts are saved in this process)."""
    _cache.clear()


def _vocabulary_signature() -> tuple[object, ...]:
    concepts = Concept.objects.aggregate(count=Count("id"), newest=Max("id"))
    links = Concept.broader.through.objects.count()
    return (concepts["count"], concepts["newest"], links)


def expansion_for(words: str) -> Expansion:
    """The concepts and the period these words name as a whole (not word by word)."""
    if not normalise(words).strip():
        return Expansion(words)
    labels = concept_labels()
    hits = labels.find(words)
    period = gazetteer().find(words)
    return Expansion(
        words=words,
        concepts=hits,
        concept_ids=labels.with_narrower(hit.concept_id for hit in hits),
        period=period,
    )
