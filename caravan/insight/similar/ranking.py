"""Re-ranking candidates with explicit features, each leaving a reason a reader can check.

score = Σ over shared concepts of idf × the lesser of the two weights (linked 1, named by the
        words 0.6, inferred by the learned model up to 0.8, broader 0.3 of theirs)
      + MAKER for a shared maker
      + DATES × how much the two date ranges overlap (intersection over union)
      + PLACE for the same place of production, COUNTRY for the same country
      + WORDS × the cosine of the two records' title and description words, weighted by idf

The weights were set on the CIT benchmark (bench/similar.py) with the query objects' own subject
indexing hidden, so that they reward what a poorly catalogued record still has.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from caravan.ingest.normalise.periods import gazetteer

from .profiles import Profile, broader_concepts
from .reasons import Reason, ReasonKind
from .statistics import Statistics

MAKER = 4.0
DATES = 1.5
PLACE = 1.0
COUNTRY = 0.2
WORDS = 8.0
MAX_REASON_ITEMS = 4
# Words in more than about one title in twenty ("the", "in", "scroll") are not shown as a reason.
TELLING_WORD_IDF = 3.0


@dataclass(frozen=True)
class Scored:
    object_id: int
    score: float
    reasons: tuple[Reason, ...]


def rank(
    query: Profile, candidates: list[Profile], statistics: Statistics, *, limit: int
) -> list[Scored]:
    scored = [score_pair(query, candidate, statistics) for candidate in candidates]
    scored = [item for item in scored if item.score > 0]
    scored.sort(key=lambda item: (-item.score, item.object_id))
    return scored[:limit]


def score_pair(query: Profile, candidate: Profile, statistics: Statistics) -> Scored:
    total = 0.0
    reasons: list[Reason] = []
    for part in (_concepts, _makers, _dates, _places, _words):
        score, found = part(query, candidate, statistics)
        total += score
        reasons.extend(found)
    return Scored(candidate.id, round(total, 4), tuple(reasons))


def _concepts(
    query: Profile, candidate: Profile, statistics: Statistics
) -> tuple[float, list[Reason]]:
    shared: list[tuple[float, int]] = []
    total = 0.0
    for concept, weight in query.concepts.items():
        other = candidate.concepts.get(concept)
        if other is None:
            continue
        value = statistics.concept_idf(concept) * min(weight, other)
        total += value
        if value > 0:
            shared.append((value, concept))
    shared.sort(key=lambda item: (-item[0], item[1]))
    return total, _concept_reasons([concept for _, concept in shared], query, candidate, statistics)


def _concept_reasons(
    shared: list[int], query: Profile, candidate: Profile, statistics: Statistics
) -> list[Reason]:
    """The shared concepts, best first, told apart by how each side came to have them."""
    subjects: list[int] = []
    broader: list[int] = []
    words: list[tuple[str, str]] = []
    inferred: list[int] = []
    for concept in shared:
        if query.linked(concept) and candidate.linked(concept):
            subjects.append(concept)
        elif concept in query.named_by or concept in candidate.named_by:
            words.append(_naming(concept, query, candidate, statistics))
        elif concept in query.inferred or concept in candidate.inferred:
            inferred.append(concept)
        else:
            broader.append(concept)
    # A broader concept says nothing more when a narrower one is shared already.
    above = {
        parent
        for concept in [
            *subjects,
            *inferred,
            *(c for c in query.named_by if c in candidate.concepts),
        ]
        for parent in broader_concepts(concept, statistics.labels)
    }
    broader = [concept for concept in broader if concept not in above]
    reasons: list[Reason] = []
    if subjects:
        reasons.append(Reason(ReasonKind.SUBJECTS, tuple(subjects[:MAX_REASON_ITEMS])))
    if words:
        reasons.append(Reason(ReasonKind.WORDS, tuple(words[:MAX_REASON_ITEMS])))
    if inferred:
        reasons.append(Reason(ReasonKind.INFERRED, tuple(inferred[:MAX_REASON_ITEMS])))
    if broader:
        reasons.append(Reason(ReasonKind.BROADER, tuple(broader[:MAX_REASON_ITEMS])))
    return reasons


def _naming(
    concept: int, query: Profile, candidate: Profile, statistics: Statistics
) -> tuple[str, str]:
    """What each side calls the concept: its own words, else the concept's label."""
    labels = statistics.labels.pref_labels.get(concept, {})
    fallback = _label_in(labels, "") or str(concept)
    return (
        query.named_by.get(concept, "") or _label_in(labels, candidate.named_by.get(concept, "")),
        candidate.named_by.get(concept, "")
        or _label_in(labels, query.named_by.get(concept, ""))
        or fallback,
    )


def _label_in(labels: Mapping[str, str], other_words: str) -> str:
    """The concept's label in a language other than the words of the other side, if any."""
    other_is_cjk = any(ord(character) >= 0x2E80 for character in other_words)
    for tag, text in labels.items():
        if "Latn" in tag:
            continue  # pinyin finds a label; it is not one to show
        is_cjk = tag.startswith("zh") and "Latn" not in tag
        if is_cjk != other_is_cjk:
            return text
    return next((text for tag, text in labels.items() if "Latn" not in tag), "")


def _makers(query: Profile, candidate: Profile, _: Statistics) -> tuple[float, list[Reason]]:
    shared = [candidate.makers[key] for key in query.makers if key in candidate.makers]
    if not shared:
        return 0.0, []
    return MAKER, [Reason(ReasonKind.MAKER, tuple(shared[:MAX_REASON_ITEMS]))]


def _dates(query: Profile, candidate: Profile, _: Statistics) -> tuple[float, list[Reason]]:
    if query.years is None or candidate.years is None:
        return 0.0, []
    (low, high), (other_low, other_high) = query.years, candidate.years
    overlap = min(high, other_high) - max(low, other_low) + 1
    if overlap <= 0:
        return 0.0, []
    union = max(high, other_high) - min(low, other_low) + 1
    score = DATES * overlap / union
    shared = query.periods & candidate.periods
    if shared:
        return score, [Reason(ReasonKind.PERIOD, (_narrowest(shared),))]
    return score, [Reason(ReasonKind.DATES, (max(low, other_low), min(high, other_high)))]


def _narrowest(period_ids: frozenset[str]) -> str:
    places = gazetteer()
    known = [period for pid in period_ids if (period := places.get(pid)) is not None]
    return min(known, key=lambda period: (period.span, period.id)).id if known else ""


def _places(query: Profile, candidate: Profile, _: Statistics) -> tuple[float, list[Reason]]:
    shared = [candidate.places[key] for key in query.places if key in candidate.places]
    if shared:
        return PLACE, [Reason(ReasonKind.PLACE, tuple(shared[:MAX_REASON_ITEMS]))]
    if query.country and query.country == candidate.country:
        return COUNTRY, [Reason(ReasonKind.COUNTRY, (candidate.country,))]
    return 0.0, []


def _words(
    query: Profile, candidate: Profile, statistics: Statistics
) -> tuple[float, list[Reason]]:
    shared = query.words & candidate.words
    if not shared:
        return 0.0, []
    weight = statistics.word_idf
    dot = sum(weight(word) ** 2 for word in shared)
    norms = math.sqrt(sum(weight(word) ** 2 for word in query.words)) * math.sqrt(
        sum(weight(word) ** 2 for word in candidate.words)
    )
    if not norms or not dot:
        return 0.0, []
    telling = [word for word in shared if weight(word) >= TELLING_WORD_IDF]
    best = sorted(telling, key=lambda word: (-weight(word), word))[:MAX_REASON_ITEMS]
    reasons = [Reason(ReasonKind.SHARED_WORDS, tuple(best))] if best else []
    return WORDS * dot / norms, reasons
