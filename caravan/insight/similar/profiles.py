"""What the ranking compares of each object: its profile, read in bulk from the database.

The rows come from the search index's own reader (`caravan.search.documents.source_documents`),
so that a profile holds exactly what the index was given, in a few queries for hundreds of
objects; withdrawn objects are never read.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from caravan.catalogue.models import ObjectTerm, TermField
from caravan.search.analyzer import tokens
from caravan.search.documents import (
    SourceDocument,
    periods_containing,
    periods_named,
    source_documents,
)
from caravan.search.expansion import ConceptLabels, concept_labels

from .model import SubjectModel, features_of
from .text_concepts import concepts_named

# A concept named by the record's words counts less than one a cataloguer linked.
TEXT_WEIGHT = 0.6
# A concept inferred by the learned model (caravan/insight/similar/model.py) for a record with no
# subjects counts up to this much (less than a linked one), in proportion to its score, reaching
# it at INFERRED_FULL. Set on the CIT benchmark with the query's subjects hidden (0.8 and 0.15:
# precision@10 0.313; 0.5 and 0.3: 0.296; 1.0 and 0.2: 0.314).
INFERRED_WEIGHT = 0.8
INFERRED_FULL = 0.15
# Broader concepts (up to BROADER_LEVELS up) count, less, so "crane" and "egret" meet at "bird".
BROADER_WEIGHT = 0.3
BROADER_LEVELS = 2
WORD_ROLES = ("title", "description")


@dataclass
class Profile:
    id: int
    institution_id: int
    # concept id → weight: 1 linked, TEXT_WEIGHT named by its words, BROADER_WEIGHT above them.
    concepts: dict[int, float] = field(default_factory=dict)
    # concept id → the record's own words that name it (absent for linked concepts).
    named_by: dict[int, str] = field(default_factory=dict)
    # concept id → the learned model's score, for a record with no subjects of its own.
    inferred: dict[int, float] = field(default_factory=dict)
    makers: dict[str, str] = field(default_factory=dict)  # analysed name → name as written
    years: tuple[int, int] | None = None
    periods: frozenset[str] = frozenset()  # the periods its dates name, with their parents
    eras: frozenset[str] = frozenset()  # every period whose years hold its dates
    places: dict[str, str] = field(default_factory=dict)  # analysed place → place as written
    country: str = ""
    words: frozenset[str] = frozenset()

    def linked(self, concept_id: int) -> bool:
        return self.concepts.get(concept_id, 0.0) >= 1.0


def profiles_of(
    object_ids: Sequence[int],
    *,
    without_subjects: Sequence[int] = (),
    model: SubjectModel | None = None,
) -> dict[int, Profile]:
    """Profiles of the objects named (withdrawn ones left out).

    `without_subjects` names objects whose subject indexing is left out of their profile, as
    if they had not been indexed (the benchmark's honest measure). With a `model`, a record
    with no subject concepts is given those its words, makers and types are associated with;
    one whose subjects are hidden learns nothing from them (leave-one-out).
    """
    labels = concept_labels()
    hidden = _subject_concepts(without_subjects)
    return {
        document.id: _profile(document, labels, hidden.get(document.id), model)
        for document in source_documents(list(object_ids))
    }


def _subject_concepts(object_ids: Sequence[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    rows = ObjectTerm.objects.filter(object_id__in=list(object_ids), field=TermField.SUBJECT)
    for object_id, concept_id in rows.values_list("object_id", "concept_id"):
        found[object_id].add(concept_id)  # None too: the object had subjects at all
    return found


def _profile(
    document: SourceDocument,
    labels: ConceptLabels,
    hidden: set[int] | None,
    model: SubjectModel | None,
) -> Profile:
    texts = document.texts
    if hidden is not None:
        texts = {role: values for role, values in texts.items() if role != "subject"}
    profile = Profile(id=document.id, institution_id=document.institution_id)
    linked = set(document.concepts) - (hidden or set())
    word_texts = [text for role in WORD_ROLES for text in texts.get(role, ())]
    named = concepts_named(word_texts, labels)
    profile.named_by = {concept: words for concept, words in named.items() if concept not in linked}
    weights = dict.fromkeys(profile.named_by, TEXT_WEIGHT)
    if model is not None and not _subject_linked(document, linked):
        own = {concept for concept in hidden or () if concept is not None}
        inferred = model.infer(
            features_of(texts, document.type_keys),
            own=own if hidden is not None else None,
            object_id=document.id,
        )
        profile.inferred = {c: s for c, s in inferred.items() if c not in profile.named_by}
        for concept, score in profile.inferred.items():
            weights[concept] = INFERRED_WEIGHT * min(1.0, score / INFERRED_FULL)
    weights.update(dict.fromkeys(linked, 1.0))
    for concept, weight in list(weights.items()):
        for broader in broader_concepts(concept, labels):
            if weights.get(broader, 0.0) < BROADER_WEIGHT * weight:
                weights[broader] = BROADER_WEIGHT * weight
    profile.concepts = weights
    profile.makers = _keyed(texts.get("maker", ()))
    profile.places = _keyed(texts.get("place", ()))
    profile.country = document.country
    if document.year_min is not None and document.year_max is not None:
        profile.years = (document.year_min, document.year_max)
        profile.eras = frozenset(periods_containing(document.year_min, document.year_max))
    profile.periods = frozenset(periods_named(document.date_texts))
    profile.words = frozenset(word for text in word_texts for word in tokens(text))
    return profile


def _subject_linked(document: SourceDocument, linked: set[int]) -> bool:
    """Whether a cataloguer linked the record to concepts other than its types and materials."""
    keys = {key for key in (*document.type_keys, *document.material_keys) if key.startswith("c")}
    return any(f"c{concept}" not in keys for concept in linked)


def _keyed(texts: Sequence[str]) -> dict[str, str]:
    keyed: dict[str, str] = {}
    for text in texts:
        key = " ".join(tokens(text))
        if key:
            keyed.setdefault(key, text.strip())
    return keyed


class _Broader:
    """Each concept's broader concepts, inverted once from the label table's narrower links."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.labels: ConceptLabels | None = None
        self.broader: dict[int, list[int]] = {}

    def of(self, labels: ConceptLabels) -> dict[int, list[int]]:
        with self.lock:
            if self.labels is not labels:
                broader: dict[int, list[int]] = defaultdict(list)
                for parent, children in labels.narrower.items():
                    for child in children:
                        broader[child].append(parent)
                self.labels, self.broader = labels, dict(broader)
            return self.broader


_broader = _Broader()


def broader_concepts(concept_id: int, labels: ConceptLabels) -> set[int]:
    """The concepts up to BROADER_LEVELS above one (the concept itself left out)."""
    table = _broader.of(labels)
    found: set[int] = set()
    level = [concept_id]
    for _ in range(BROADER_LEVELS):
        level = [parent for child in level for parent in table.get(child, ())]
        found.update(level)
    found.discard(concept_id)
    return found
