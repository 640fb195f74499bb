"""Subjects learned from the pooled catalogue's own expert indexing.

Records that members' cataloguers indexed with subject concepts teach which concepts the words of
a record tend to carry: "漁父" in a Chinese title, "fisherman" in an English one and the maker
"Wu Zhen" all come with the concept *fisherman* in records of some institution. A record whose
subjects are missing (or hidden, in the benchmark) is given the concepts its words, makers and
object types are associated with, weighted by how sure the association is; the ranking counts
them below concepts a cataloguer linked. Nothing is downloaded: counting over the database is the
whole training, on CPU.

What is counted (`features_of`): the analysed tokens of titles and descriptions (words, and the
Han bigrams the one analyzer cuts, Traditional folded to Simplified), each single Han character,
each maker's analysed name and each object type. For a feature f and a concept c the model keeps
n(f) (indexed records with f) and n(f, c) (those also linked to c); a record's concepts are then

    score(c) = Σ_f idf(f) · n(f, c) / (n(f) + SMOOTHING)  /  Σ_f idf(f)

over its features the model knows: the idf-weighted mean of P(c | f), smoothed towards zero for
rare features. Leave-one-out (`infer(..., own=...)`) subtracts a record's own contribution from
the counts first, so that a record indexed at build time learns nothing from its own subjects
(the benchmark's honest measure).

Bounds, so that a catalogue of a million records costs one background task of a few minutes
(the CIT catalogue's 5,503 indexed records take 3 s, and time grows with the records counted):
at most MAX_RECORDS indexed records are counted (chosen by a hash of their id, so membership can
be told later), features seen in fewer than MIN_FEATURE_RECORDS of them are dropped, each feature
keeps its TOP_CONCEPTS most frequent concepts, and at most MAX_FEATURES features (the most
frequent) are kept. The model is written as one compressed NumPy archive (no pickles) under
CARAVAN_DATA_DIR/insight/, a few megabytes at those bounds.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from caravan.catalogue.models import ObjectTerm, TermField
from caravan.search.analyzer import cjk_unigrams, tokens
from caravan.search.documents import source_documents

FORMAT = 1
MAX_RECORDS = 200_000
MIN_FEATURE_RECORDS = 2
TOP_CONCEPTS = 40
MAX_FEATURES = 400_000
# P(c | f) is smoothed towards zero as if each feature had been seen this many more times.
SMOOTHING = 2.0
# Concepts kept for one record, and the least score worth keeping.
MAX_INFERRED = 25
MIN_SCORE = 0.02
READ_CHUNK = 1000
FEATURE_ROLES = ("title", "description")
_HASH_MULTIPLIER = 2654435761  # Knuth's multiplicative hash: a stable, spread sample of ids
_HASH_MODULUS = 2**32


def features_of(texts: Mapping[str, Sequence[str]], type_keys: Iterable[str] = ()) -> set[str]:
    """What the model counts of a record: its words (w:), Han characters (c:), makers (m:)
    and object types (t:). Subject texts are never among them."""
    found: set[str] = set()
    for role in FEATURE_ROLES:
        for text in texts.get(role, ()):
            found.update(f"w:{token}" for token in tokens(text))
            found.update(f"c:{character}" for character in cjk_unigrams(text))
    for name in texts.get("maker", ()):
        key = " ".join(tokens(name))
        if key:
            found.add(f"m:{key}")
    found.update(f"t:{key}" for key in type_keys)
    return found


def sampled(object_id: int, threshold: int) -> bool:
    """Whether an indexed record is among those counted (threshold out of 2³²)."""
    return (object_id * _HASH_MULTIPLIER) % _HASH_MODULUS < threshold


@dataclass
class SubjectModel:
    """Feature → concept associations counted over expert-indexed records."""

    records: int  # indexed records counted
    threshold: int  # which ids were counted (see `sampled`)
    built_at: float
    version: str  # the index version it was built at, as text
    feature_index: dict[str, int]
    feature_records: np.ndarray  # n(f), int32, by feature index
    offsets: np.ndarray  # int64: feature i's concepts are [offsets[i], offsets[i + 1])
    concepts: np.ndarray  # int64 concept ids
    counts: np.ndarray  # int32 n(f, c)

    def infer(
        self, features: Iterable[str], *, own: Iterable[int] | None = None, object_id: int = 0
    ) -> dict[int, float]:
        """Concept id → score in (0, 1] for a record with these features, best MAX_INFERRED.

        `own` names the record's own subject concepts: when it was counted (`object_id`
        sampled), its contribution is taken out of the counts first (leave-one-out).
        """
        own_concepts = frozenset(own or ())
        leave_out = own is not None and sampled(object_id, self.threshold)
        records = self.records - (1 if leave_out else 0)
        scores: dict[int, float] = defaultdict(float)
        total_weight = 0.0
        for feature in features:
            index = self.feature_index.get(feature)
            if index is None:
                continue
            seen = int(self.feature_records[index]) - (1 if leave_out else 0)
            if seen <= 0:
                continue
            weight = math.log((records + 1) / (seen + 1))
            if weight <= 0:
                continue
            total_weight += weight
            start, end = int(self.offsets[index]), int(self.offsets[index + 1])
            for concept, count in zip(
                self.concepts[start:end].tolist(), self.counts[start:end].tolist(), strict=True
            ):
                if leave_out and concept in own_concepts:
                    count -= 1
                if count > 0:
                    scores[concept] += weight * count / (seen + SMOOTHING)
        if not total_weight:
            return {}
        ranked = sorted(
            ((score / total_weight, concept) for concept, score in scores.items()), reverse=True
        )
        return {
            concept: round(score, 4)
            for score, concept in ranked[:MAX_INFERRED]
            if score >= MIN_SCORE
        }


def build_model(
    *, version: str = "", max_records: int = MAX_RECORDS, exclude: Collection[int] = ()
) -> SubjectModel:
    """Count the associations over (a sample of) the records indexed with subject concepts.

    `exclude` leaves records out (a held-out split); `infer`'s leave-one-out is for records
    that were counted, so it must not be asked for them.
    """
    left_out = set(exclude)
    indexed = sorted(
        set(
            ObjectTerm.objects.filter(field=TermField.SUBJECT, concept__isnull=False).values_list(
                "object_id", flat=True
            )
        )
        - left_out
    )
    threshold = _HASH_MODULUS
    if len(indexed) > max_records:
        threshold = int(_HASH_MODULUS * max_records / len(indexed))
        indexed = [pk for pk in indexed if sampled(pk, threshold)]
    feature_ids: dict[str, int] = {}
    rows: list[tuple[list[int], list[int]]] = []
    for start in range(0, len(indexed), READ_CHUNK):
        chunk = indexed[start : start + READ_CHUNK]
        subjects: dict[int, set[int]] = defaultdict(set)
        terms = ObjectTerm.objects.filter(
            object_id__in=chunk, field=TermField.SUBJECT, concept__isnull=False
        )
        for object_id, concept_id in terms.values_list("object_id", "concept_id"):
            subjects[object_id].add(concept_id)
        for document in source_documents(chunk):
            concepts = subjects.get(document.id)
            if not concepts:
                continue
            features = features_of(document.texts, document.type_keys)
            ids = [feature_ids.setdefault(feature, len(feature_ids)) for feature in features]
            rows.append((ids, sorted(concepts)))
    return _counted(rows, feature_ids, threshold=threshold, version=version)


def _counted(
    rows: list[tuple[list[int], list[int]]],
    feature_ids: dict[str, int],
    *,
    threshold: int,
    version: str,
) -> SubjectModel:
    seen: Counter[int] = Counter(feature for features, _ in rows for feature in features)
    kept = {
        feature for feature, count in seen.most_common(MAX_FEATURES) if count >= MIN_FEATURE_RECORDS
    }
    pairs: dict[int, Counter[int]] = defaultdict(Counter)
    for features, concepts in rows:
        for feature in features:
            if feature in kept:
                pairs[feature].update(concepts)
    names = {index: name for name, index in feature_ids.items()}
    order = sorted(kept, key=lambda feature: names[feature])
    offsets = [0]
    concept_ids: list[int] = []
    counts: list[int] = []
    for feature in order:
        best = sorted(pairs[feature].items(), key=lambda item: (-item[1], item[0]))
        for concept, count in best[:TOP_CONCEPTS]:
            concept_ids.append(concept)
            counts.append(count)
        offsets.append(len(concept_ids))
    return SubjectModel(
        records=len(rows),
        threshold=threshold,
        built_at=time.time(),
        version=version,
        feature_index={names[feature]: index for index, feature in enumerate(order)},
        feature_records=np.array([seen[feature] for feature in order], dtype=np.int32),
        offsets=np.array(offsets, dtype=np.int64),
        concepts=np.array(concept_ids, dtype=np.int64),
        counts=np.array(counts, dtype=np.int32),
    )


def model_path() -> Path:
    return Path(settings.CARAVAN_DATA_DIR) / "insight" / f"similar-subjects-{FORMAT}.npz"


def save_model(model: SubjectModel, path: Path | None = None) -> Path:
    """Write the model (atomically: readers see the old file or the new one, never half)."""
    path = path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": FORMAT,
        "records": model.records,
        "threshold": model.threshold,
        "built_at": model.built_at,
        "version": model.version,
    }
    features = sorted(model.feature_index, key=model.feature_index.__getitem__)
    partial = path.with_name(path.name + ".partial.npz")
    np.savez_compressed(
        partial,
        meta=np.array(json.dumps(meta)),
        features=np.array(features, dtype=np.str_),
        feature_records=model.feature_records,
        offsets=model.offsets,
        concepts=model.concepts,
        counts=model.counts,
    )
    partial.replace(path)
    return path


def load_model(path: Path | None = None) -> SubjectModel | None:
    """The model stored at the path, or None when there is none (or of another format)."""
    path = path or model_path()
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            if meta.get("format") != FORMAT:
                return None
            features = stored["features"].tolist()
            return SubjectModel(
                records=int(meta["records"]),
                threshold=int(meta["threshold"]),
                built_at=float(meta["built_at"]),
                version=str(meta["version"]),
                feature_index={feature: index for index, feature in enumerate(features)},
                feature_records=stored["feature_records"],
                offsets=stored["offsets"],
                concepts=stored["concepts"],
                counts=stored["counts"],
            )
    except (OSError, KeyError, ValueError):
        return None


class _Loaded:
    """The stored model, read again when its file changes (checked at most every few seconds)."""

    CHECK_SECONDS = 10.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[str, float] | None = None
        self.checked = 0.0
        self.model: SubjectModel | None = None

    def get(self) -> SubjectModel | None:
        with self.lock:
            now = time.monotonic()
            path = model_path()
            fresh = now - self.checked < self.CHECK_SECONDS
            if self.key is not None and self.key[0] == str(path) and fresh:
                return self.model
            self.checked = now
            try:
                key = (str(path), path.stat().st_mtime)
            except OSError:
                self.key, self.model = (str(path), 0.0), None
                return None
            if key != self.key:
                self.key, self.model = key, load_model(path)
            return self.model

    def forget(self) -> None:
        with self.lock:
            self.key, self.model = None, None


_loaded = _Loaded()


def current_model() -> SubjectModel | None:
    """The model suggestions use, if one was built (they work without it)."""
    return _loaded.get()


def forget_current_model() -> None:
    _loaded.forget()
