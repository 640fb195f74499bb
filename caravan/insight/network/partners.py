"""Suggested partners: members who have never cooperated, whose collections complement each other.

A member's *collection profile* is read from the objects the reader may see
(``objects_visible_to``), in three facets: object types and materials (the vocabulary concept
when the term is linked to one, else the literal term) and centuries (of the middle of an
object's date range). Within each facet a profile is a distribution: the share of the member's
objects with each value.

Two members score on two things at once, facet by facet, then averaged over the facets both
have data for:

- *common ground*: the histogram intersection Σ min(share_A, share_B) — how much of the two
  collections is alike (0 to 1), something to talk about;
- *complement*: half the share of A's objects in values B has none of, plus half the share of
  B's in values A has none of (0 to 1) — what each could bring that the other lacks.

The score is the geometric mean √(common ground × complement), shown from 0 to 100 (×200,
because the two halves trade off and the mean peaks at 0.5): a pair scores only when it has
both something in common and something new to offer. Pairs already tied by any record the
reader may see (of any kind, in any year) are never suggested, nor are members of whom the
reader sees fewer than three objects (too few to say what a collection holds).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, QuerySet

from caravan.catalogue.models import CatalogueObject, Concept, ObjectTerm, TermField
from caravan.catalogue.selectors import objects_visible_to
from caravan.cooperation.selectors import Viewer

FACETS = (TermField.OBJECT_TYPE, TermField.MATERIAL, "century")
SHOWN_SHARED = 3
SHOWN_LACKING = 2
# A value a member holds in fewer objects than this is too thin to name as a reason.
REASON_MIN_OBJECTS = 2
# A member the reader sees fewer objects of has no profile worth comparing.
PROFILE_MIN_OBJECTS = 3


@dataclass(frozen=True)
class Feature:
    """One value of a facet: a concept, a literal term, or a century (``years``)."""

    key: str
    facet: str
    labels: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    years: tuple[int, int] | None = None


@dataclass
class Profile:
    institution: int
    objects: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # facet → feature → n

    def share(self, facet: str) -> dict[str, float]:
        counts = self.counts.get(facet, {})
        total = sum(counts.values())
        return {key: n / total for key, n in counts.items()} if total else {}


@dataclass(frozen=True)
class Suggestion:
    a: int
    b: int
    score: int  # 0–100
    common: float
    complement: float
    shared: tuple[str, ...]  # feature keys both hold, most shared first
    a_lacks_b: tuple[str, ...]  # what a holds and b has none of
    b_lacks_a: tuple[str, ...]


def collection_profiles(
    user: Viewer, institution_ids: Collection[int]
) -> tuple[dict[int, Profile], dict[str, Feature]]:
    """Every member's profile from the objects the user may see; three grouped queries."""
    visible = objects_visible_to(user).filter(institution_id__in=institution_ids)
    profiles = {pk: Profile(institution=pk) for pk in institution_ids}
    for institution, n in visible.values_list("institution_id").annotate(n=Count("id")).order_by():
        profiles[institution].objects = n
    features: dict[str, Feature] = {}
    _add_terms(visible, profiles, features)
    _add_centuries(visible, profiles, features)
    return profiles, features


def _add_terms(
    visible: QuerySet[CatalogueObject],
    profiles: dict[int, Profile],
    features: dict[str, Feature],
) -> None:
    terms = (
        ObjectTerm.objects.filter(
            object__in=visible, field__in=(TermField.OBJECT_TYPE, TermField.MATERIAL)
        )
        .values_list("object__institution_id", "field", "concept_id", "text", "lang")
        .annotate(n=Count("object_id", distinct=True))
        .order_by()
    )
    literal_labels: dict[str, dict[str, str]] = defaultdict(dict)
    concept_ids = set()
    for institution, facet, concept, text, lang, n in terms:
        if concept is not None:
            key = f"{facet}:c{concept}"
            concept_ids.add(concept)
        else:
            key = f"{facet}:t{text.strip().casefold()}"
            literal_labels[key].setdefault(lang, text.strip())
        counts = profiles[institution].counts.setdefault(facet, {})
        counts[key] = counts.get(key, 0) + n
        features.setdefault(key, Feature(key=key, facet=facet))
    concepts = dict(Concept.objects.filter(pk__in=concept_ids).values_list("pk", "pref_labels"))
    for key, feature in list(features.items()):
        if ":c" in key:
            labels = concepts.get(int(key.rsplit(":c", 1)[1]), {})
        else:
            labels = literal_labels.get(key, {})
        features[key] = Feature(key=key, facet=feature.facet, labels=labels)


def _add_centuries(
    visible: QuerySet[CatalogueObject],
    profiles: dict[int, Profile],
    features: dict[str, Feature],
) -> None:
    years = (
        visible.filter(earliest_year__isnull=False)
        .values_list("institution_id", "earliest_year", "latest_year")
        .annotate(n=Count("id"))
        .order_by()
    )
    for institution, earliest, latest, n in years:
        middle = (earliest + (latest if latest is not None else earliest)) // 2
        start = (middle // 100) * 100
        key = f"century:{start}"
        counts = profiles[institution].counts.setdefault("century", {})
        counts[key] = counts.get(key, 0) + n
        features.setdefault(key, Feature(key=key, facet="century", years=(start, start + 99)))


def pair_score(one: Profile, other: Profile) -> tuple[float, float]:
    """(common ground, complement) averaged over the facets both profiles have data for."""
    commons, complements = [], []
    for facet in FACETS:
        a, b = one.share(facet), other.share(facet)
        if not a or not b:
            continue
        commons.append(sum(min(share, b.get(key, 0.0)) for key, share in a.items()))
        only_a = sum(share for key, share in a.items() if key not in b)
        only_b = sum(share for key, share in b.items() if key not in a)
        complements.append((only_a + only_b) / 2)
    if not commons:
        return 0.0, 0.0
    return sum(commons) / len(commons), sum(complements) / len(complements)


def suggest_partners(
    profiles: Mapping[int, Profile],
    connected: Collection[tuple[int, int]],
    *,
    limit: int = 10,
) -> list[Suggestion]:
    """The best-scoring pairs (see the module's docstring) that share no record yet."""
    suggestions = []
    members = sorted(pk for pk, p in profiles.items() if p.objects >= PROFILE_MIN_OBJECTS)
    for a, b in combinations(members, 2):
        if (a, b) in connected:
            continue
        common, complement = pair_score(profiles[a], profiles[b])
        score = round(200 * math.sqrt(common * complement))
        if score <= 0:
            continue
        suggestions.append(
            Suggestion(
                a=a,
                b=b,
                score=score,
                common=round(common, 4),
                complement=round(complement, 4),
                shared=_shared(profiles[a], profiles[b]),
                a_lacks_b=_lacking(profiles[a], profiles[b]),
                b_lacks_a=_lacking(profiles[b], profiles[a]),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.a, s.b))
    return suggestions[:limit]


def _flat(profile: Profile) -> dict[str, int]:
    return {key: n for counts in profile.counts.values() for key, n in counts.items()}


def _shared(one: Profile, other: Profile) -> tuple[str, ...]:
    a, b = _flat(one), _flat(other)
    both = [(min(n / one.objects, b[key] / other.objects), key) for key, n in a.items() if key in b]
    ranked = sorted(both, key=lambda pair: (-pair[0], _facet_order(pair[1]), pair[1]))
    return tuple(key for _, key in ranked[:SHOWN_SHARED])


def _facet_order(key: str) -> int:
    """Things before centuries when they tie: "ceramics" reads better first."""
    return FACETS.index(key.split(":", 1)[0])


def _lacking(holder: Profile, other: Profile) -> tuple[str, ...]:
    theirs = _flat(other)
    held = [(n, key) for key, n in _flat(holder).items() if key not in theirs]
    held = [(n, key) for n, key in held if n >= REASON_MIN_OBJECTS]
    ranked: Sequence[tuple[int, str]] = sorted(
        held, key=lambda pair: (-pair[0], _facet_order(pair[1]), pair[1])
    )
    return tuple(key for _, key in ranked[:SHOWN_LACKING])
