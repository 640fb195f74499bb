"""How rare a concept or a word is in the index: the IDF weights of the ranking.

Document frequencies are read from the index (a concept's with every narrower concept, since
records are linked to the most specific one) and kept until the index changes.
"""

from __future__ import annotations

import math
import threading

import tantivy

from caravan.search.expansion import ConceptLabels
from caravan.search.index import schema

# Words are counted in titles, where the words that describe an object live.
WORD_FIELD = "title"
MAX_CACHED = 200_000


class Statistics:
    """IDF of concepts and words in one index generation at one position."""

    def __init__(self, searcher: tantivy.Searcher, labels: ConceptLabels) -> None:
        self.searcher = searcher
        self.labels = labels
        self.documents = max(1, searcher.num_docs)
        self._concepts: dict[int, float] = {}
        self._words: dict[str, float] = {}
        self._lock = threading.Lock()

    def concept_idf(self, concept_id: int) -> float:
        cached = self._concepts.get(concept_id)
        if cached is None:
            cached = self._idf(self._concept_frequency(concept_id))
            with self._lock:
                if len(self._concepts) < MAX_CACHED:
                    self._concepts[concept_id] = cached
        return cached

    def word_idf(self, word: str) -> float:
        cached = self._words.get(word)
        if cached is None:
            cached = self._idf(self.searcher.doc_freq(WORD_FIELD, word))
            with self._lock:
                if len(self._words) < MAX_CACHED:
                    self._words[word] = cached
        return cached

    def _concept_frequency(self, concept_id: int) -> int:
        if not self.labels.narrower.get(concept_id):
            return int(self.searcher.doc_freq("concept", concept_id))
        subtree = sorted(self.labels.with_narrower([concept_id]))
        query = tantivy.Query.term_set_query(schema(), "concept", subtree)
        return int(getattr(self.searcher.search(query, 1, count=True), "count", 0) or 0)

    def _idf(self, frequency: int) -> float:
        # Smoothed, and never below zero: a concept on every record says nothing.
        return max(0.0, math.log((self.documents + 1) / (frequency + 1)))
