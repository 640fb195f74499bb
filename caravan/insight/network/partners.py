"""Suggested partners: members who have never cooperated, whose collections complement each other.

A member's *collection profile* is counted by the search index over the objects the reader may
see (the search's own visibility clause), in three facets: object types and materials (the
vocabulary concept when the term is linked to one, else the folded literal term) and centuries
(of the middle of an object's date range; ranges wider than 600 years belong to none). Within
each facet a profile is a distribution: the share of the member's objects with each value.

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
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from caravan.catalogue.models import Concept, TermField
from caravan.cooperation.selectors import Viewer
from caravan.institutions.models import Institution
from caravan.search.selectors import scoped_query
from caravan.search.types import SearchRequest

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
    """Every member's profile from the objects the user may see, counted by the search index
    in one aggregation (a grouped query over a million objects would take tens of seconds)."""
    profiles = {pk: Profile(institution=pk) for pk in institution_ids}
    features: dict[str, Feature] = {}
    codes = dict(Institution.objects.filter(pk__in=institution_ids).values_list("pk", "code"))
    scoped = (
        scoped_query(SearchRequest(filters={"institution": tuple(codes.values())}), user=user)
        if codes
        else None
    )
    if scoped is None:
        return profiles, features
    result: dict[str, Any] = scoped.searcher.aggregate(scoped.query, _PROFILE_AGGREGATION)
    for bucket in result["institution"]["buckets"]:
        profile = profiles.get(int(bucket["key"]))
        if profile is None:
            continue
        profile.objects = int(bucket["doc_count"])
        for facet, field_name in _INDEX_FIELDS.items():
            for value in bucket[field_name]["buckets"]:
                key = _feature_key(facet, value["key"])
                profile.counts.setdefault(facet, {})[key] = int(value["doc_count"])
                features.setdefault(key, _feature(facet, key, value["key"]))
    return profiles, _labelled(features)


# Facet → the index field holding it: type and material keys are `c<concept id>` or
# `t:<folded text>`; centuries are signed numbers (caravan.search.documents.century_of_range).
_INDEX_FIELDS = {
    TermField.OBJECT_TYPE: "type_key",
    TermField.MATERIAL: "material_key",
    "century": "century",
}
_PROFILE_AGGREGATION: dict[str, Any] = {
    "institution": {
        "terms": {"field": "institution", "size": 100_000},
        "aggs": {
            "type_key": {"terms": {"field": "type_key", "size": 200}},
            "material_key": {"terms": {"field": "material_key", "size": 200}},
            "century": {"terms": {"field": "century", "size": 1_000}},
        },
    }
}


def _feature_key(facet: str, value: object) -> str:
    if facet == "century":
        return f"century:{int(float(str(value)))}"
    text = str(value)
    return f"{facet}:c{text[1:]}" if text.startswith("c") else f"{facet}:t{text.removeprefix('t:')}"


def _feature(facet: str, key: str, value: object) -> Feature:
    if facet != "century":
        return Feature(key=key, facet=facet)
    century = int(float(str(value)))
    # The 8th century is 701–800; the 3rd century BCE is 300–201 BCE.
    start = (century - 1) * 100 + 1 if century > 0 else century * 100
    return Feature(key=key, facet=facet, years=(start, start + 99))


def _labelled(features: dict[str, Feature]) -> dict[str, Feature]:
    """Concepts take their preferred labels; a literal term is its own (folded) label."""
    concept_ids = {
        int(key.rsplit(":c", 1)[1]) for key in features if ":c" in key and key[-1].isdigit()
    }
    concepts = dict(Concept.objects.filter(pk__in=concept_ids).values_list("pk", "pref_labels"))
    labelled = {}
    for key, feature in features.items():
        if feature.years is not None:
            labelled[key] = feature
        elif ":c" in key and key.rsplit(":c", 1)[1].isdigit():
            labelled[key] = Feature(
                key, feature.facet, concepts.get(int(key.rsplit(":c", 1)[1]), {})
            )
        else:
            labelled[key] = Feature(key, feature.facet, {"und": key.split(":t", 1)[1]})
    return labelled


Shares = Mapping[str, Mapping[str, float]]  # facet → feature → share of the member's objects


def pair_score(one: Profile, other: Profile) -> tuple[float, float]:
    """(common ground, complement) averaged over the facets both profiles have data for."""
    return _score(_shares(one), _shares(other))


def _shares(profile: Profile) -> dict[str, dict[str, float]]:
    return {facet: profile.share(facet) for facet in FACETS}


def _score(one: Shares, other: Shares) -> tuple[float, float]:
    commons, complements = [], []
    for facet in FACETS:
        a, b = one[facet], other[facet]
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
    """The best-scoring pairs (see the module's docstring) that share no record yet. Every
    pair is scored; only the best `limit` are put into words (an alliance of 180 members has
    16,110 pairs)."""
    members = sorted(pk for pk, p in profiles.items() if p.objects >= PROFILE_MIN_OBJECTS)
    shares = {pk: _shares(profiles[pk]) for pk in members}
    scored = []
    for a, b in combinations(members, 2):
        if (a, b) in connected:
            continue
        common, complement = _score(shares[a], shares[b])
        score = round(200 * math.sqrt(common * complement))
        if score > 0:
            scored.append((score, a, b, common, complement))
    scored.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return [
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
        for score, a, b, common, complement in scored[:limit]
    ]


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
