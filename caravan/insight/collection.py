"""The collection's figures for a dashboard, counted by the search index in one pass.

Whatever a dashboard is filtered by — an alliance, a member, a country, a period, words — is a
search request; the figures are aggregations over the objects that request finds for the reader
(who sees only what they may see). Tantivy counts a million records in milliseconds, so no figure
needs a nightly job, and none can drift from what a search for the same records returns.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from caravan.accounts.models import User
from caravan.catalogue.selectors import VisibilityScope, visibility_scope
from caravan.core.codes import is_open_licence
from caravan.search.selectors import index_version, scoped_query
from caravan.search.services import index_catch_up
from caravan.search.types import SearchRequest

TOP_VALUES = 15
# Alliances are not in the index (caravan.search.facets): a membership change shows after this.
CACHE_SECONDS = 60
DAY_SECONDS = 86_400
_ALL_INSTITUTIONS = 100_000
_PER_MEMBER = {
    "has_image": {"terms": {"field": "has_image", "size": 2}},
    "rights": {"terms": {"field": "rights", "size": 200}},
    "missing": {"terms": {"field": "missing", "size": 20}},
    "tier": {"terms": {"field": "tier", "size": 5}},
}


@dataclass
class MemberFigures:
    """One institution's share of the filtered records."""

    total: int = 0
    with_image: int = 0
    openly_licensed: int = 0
    missing: dict[str, int] = field(default_factory=dict)
    tiers: dict[int, int] = field(default_factory=dict)


@dataclass
class Coverage:
    """Counts of the records a request finds, by what a dashboard charts."""

    total: int = 0
    members: dict[int, MemberFigures] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    object_types: dict[str, int] = field(default_factory=dict)
    materials: dict[str, int] = field(default_factory=dict)
    periods: dict[str, int] = field(default_factory=dict)
    centuries: dict[int, int] = field(default_factory=dict)
    added_by_month: dict[date, int] = field(default_factory=dict)
    institution_codes: Mapping[int, str] = field(default_factory=dict)
    institution_names: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    ready: bool = True

    @property
    def with_image(self) -> int:
        return sum(member.with_image for member in self.members.values())

    @property
    def openly_licensed(self) -> int:
        return sum(member.openly_licensed for member in self.members.values())

    @property
    def dated(self) -> int:
        return sum(self.centuries.values())


def coverage(
    request: SearchRequest,
    *,
    user: User | AnonymousUser | None = None,
    scope: VisibilityScope | None = None,
) -> Coverage:
    """Every dashboard count for the records `request` finds for `user`, in one aggregation,
    kept until the index changes (or CACHE_SECONDS pass, for membership changes)."""
    index_catch_up()  # so that the key names the index as it will be counted
    if scope is None:
        scope = visibility_scope(user or AnonymousUser())
    key = _cache_key(request, scope)
    found: Coverage | None = cache.get(key)
    if found is None:
        found = _count(request, scope)
        if found.ready:
            cache.set(key, found, CACHE_SECONDS)
    return found


def _cache_key(request: SearchRequest, scope: VisibilityScope) -> str:
    asked = (
        request.q,
        sorted(request.filters.items()),
        request.year_from,
        request.year_to,
        scope,
        index_version(),
    )
    return "insight:coverage:" + hashlib.sha256(repr(asked).encode()).hexdigest()


def _count(request: SearchRequest, scope: VisibilityScope) -> Coverage:
    scoped = scoped_query(request, scope=scope)
    if scoped is None:
        return Coverage(ready=False)
    spec: dict[str, Any] = {
        "institution": {
            "terms": {"field": "institution", "size": _ALL_INSTITUTIONS},
            "aggs": _PER_MEMBER,
        },
        "country": {"terms": {"field": "country", "size": 300}},
        "type_key": {"terms": {"field": "type_key", "size": TOP_VALUES}},
        "material_key": {"terms": {"field": "material_key", "size": TOP_VALUES}},
        "period": {"terms": {"field": "period", "size": TOP_VALUES}},
        "century": {"terms": {"field": "century", "size": 1_000}},
        "added": {"histogram": {"field": "added", "interval": DAY_SECONDS, "min_doc_count": 1}},
        "total": {"value_count": {"field": "id"}},
    }
    result: dict[str, Any] = scoped.searcher.aggregate(scoped.query, spec)
    return Coverage(
        total=int(result["total"]["value"] or 0),
        members={
            int(bucket["key"]): _member(bucket) for bucket in result["institution"]["buckets"]
        },
        countries=_buckets(result["country"]),
        object_types=_buckets(result["type_key"]),
        materials=_buckets(result["material_key"]),
        periods=_buckets(result["period"]),
        centuries={int(key): count for key, count in _buckets(result["century"]).items()},
        added_by_month=_months(result["added"]),
        institution_codes=scoped.places.institution_codes,
        institution_names=scoped.places.institution_names,
    )


def _buckets(aggregation: Mapping[str, Any]) -> dict[str, int]:
    return {str(bucket["key"]): int(bucket["doc_count"]) for bucket in aggregation["buckets"]}


def _member(bucket: Mapping[str, Any]) -> MemberFigures:
    images = _buckets(bucket["has_image"])
    return MemberFigures(
        total=int(bucket["doc_count"]),
        # Boolean fast fields come back as 1/0 (or true/false, by version).
        with_image=sum(n for key, n in images.items() if key in ("1", "True", "true")),
        openly_licensed=sum(
            n for uri, n in _buckets(bucket["rights"]).items() if is_open_licence(uri)
        ),
        missing=_buckets(bucket["missing"]),
        tiers={int(float(key)): n for key, n in _buckets(bucket["tier"]).items()},
    )


def _months(aggregation: Mapping[str, Any]) -> dict[date, int]:
    months: dict[date, int] = defaultdict(int)
    for bucket in aggregation["buckets"]:
        day = datetime.fromtimestamp(float(bucket["key"]), tz=UTC)
        months[date(day.year, day.month, 1)] += int(bucket["doc_count"])
    return dict(sorted(months.items()))
