"""Facet filters and counts.

Counts are those of the search as it stands, except that a facet's own selection is left out of
its counts, so that a reader can tick a second institution or material and see how many it adds.
Alliances are not stored in the index: an object belongs to an alliance through its institution's
current membership, so an alliance's count is the sum of its members' counts and changing a
membership needs no re-indexing.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import tantivy
from django.utils.translation import gettext as _
from django.utils.translation import override

from caravan.catalogue.quality import criterion
from caravan.core.codes import country_name, rights_label
from caravan.core.langmap import pick
from caravan.ingest.normalise.periods import gazetteer
from caravan.institutions.models import Alliance, Institution, Membership, MembershipStatus
from caravan.search.expansion import concept_labels
from caravan.search.index import schema
from caravan.search.types import FacetValue

Query = tantivy.Query
Occur = tantivy.Occur
MAX_VALUES = 100
DIRECTORY_SECONDS = 30.0
_directory_lock = threading.Lock()
_directory_cache: dict[str, tuple[float, Directory]] = {}
# Facet name -> index field and how its values are stored there.
_KEYWORD_FACETS = {
    "country": "country",
    "object_type": "type_key",
    "material": "material_key",
    "period": "period",
    "rights": "rights",
    "missing": "missing",
}
_CHRONOLOGICAL = ("century",)
_TOTAL = "_total"  # not a field name, so it cannot collide with a facet's aggregation


@dataclass(frozen=True)
class Directory:
    """Institutions and alliances by code and id, read once per search."""

    institution_ids: Mapping[str, int]
    institution_codes: Mapping[int, str]
    institution_names: Mapping[int, Mapping[str, str]]
    alliance_members: Mapping[str, frozenset[int]]
    alliance_names: Mapping[str, Mapping[str, str]]


def directory() -> Directory:
    """Institutions and alliances, read again when they change here or every DIRECTORY_SECONDS.

    Only labels and alliance filters come from here; who may see what is decided afresh on
    every search (caravan.catalogue.selectors.visibility_scope).
    """
    with _directory_lock:
        cached = _directory_cache.get("directory")
        if cached is not None and time.monotonic() - cached[0] < DIRECTORY_SECONDS:
            return cached[1]
        fresh = _read_directory()
        _directory_cache["directory"] = (time.monotonic(), fresh)
        return fresh


def forget_directory(**_: object) -> None:
    with _directory_lock:
        _directory_cache.clear()


def _read_directory() -> Directory:
    institutions = Institution.objects.values_list("id", "code", "names")
    current = Membership.objects.filter(
        end_date__isnull=True, status=MembershipStatus.MEMBER
    ).values_list("alliance__code", "institution_id")
    members: dict[str, set[int]] = defaultdict(set)
    for code, institution_id in current:
        members[code].add(institution_id)
    return Directory(
        institution_ids={code: pk for pk, code, _ in institutions},
        institution_codes={pk: code for pk, code, _ in institutions},
        institution_names={pk: names or {} for pk, _, names in institutions},
        alliance_members={code: frozenset(ids) for code, ids in members.items()},
        alliance_names=dict(Alliance.objects.values_list("code", "names")),
    )


def filter_queries(filters: Mapping[str, tuple[str, ...]], places: Directory) -> dict[str, Query]:
    """One required query per facet with a selection (values within a facet: any of them)."""
    queries: dict[str, Query] = {}
    for name, values in filters.items():
        query = _filter_query(name, values, places)
        if query is not None:
            queries[name] = query
    return queries


def _filter_query(name: str, values: tuple[str, ...], places: Directory) -> Query | None:
    if name == "institution":
        return _ids_query({places.institution_ids.get(code, 0) for code in values})
    if name == "alliance":
        members: set[int] = set()
        for code in values:
            members |= places.alliance_members.get(code, frozenset())
        return _ids_query(members)
    if name in _KEYWORD_FACETS:
        return Query.term_set_query(schema(), _KEYWORD_FACETS[name], list(values))
    if name == "century":
        centuries = [int(value) for value in values if value.lstrip("-").isdigit()]
        return Query.term_set_query(schema(), "century", centuries or [0])
    if name == "has_image":
        flags = [value == "true" for value in values if value in ("true", "false")]
        if not flags:
            return None
        return Query.boolean_query(
            [(Occur.Should, Query.term_query(schema(), "has_image", flag)) for flag in flags]
        )
    return None


def _ids_query(ids: set[int] | frozenset[int]) -> Query:
    # An unknown code selects nothing rather than everything.
    return Query.term_set_query(schema(), "institution", sorted(ids) or [0])


@dataclass
class FacetCounts:
    """Counts per facet value (keys as facet values), and, when the search's own query was
    aggregated, how many documents it matches: counted in the same pass as the facets, so the
    top hits can be found without counting (which lets Tantivy skip blocks that cannot rank)."""

    by_facet: dict[str, dict[str, int]]
    total: int | None = None


def count_facets(
    searcher: tantivy.Searcher,
    *,
    base: Query,
    filters: Mapping[str, Query],
    wanted: Iterable[str],
    places: Directory,
    selected: Mapping[str, tuple[str, ...]],
) -> FacetCounts:
    """Each facet counted without its own filter; the others share one pass with the total."""
    wanted = list(wanted)
    shared = [name for name in wanted if name not in filters]
    counts = FacetCounts({})
    everything = _combined(base, filters, None)
    if shared or not wanted:
        by_facet, counts.total = _aggregate(searcher, everything, shared, places)
        counts.by_facet.update(by_facet)
    for name in wanted:
        if name in shared:
            continue
        query = _combined(base, filters, name)
        counts.by_facet.update(_aggregate(searcher, query, [name], places)[0])
        for value in selected.get(name, ()):
            if value not in counts.by_facet[name]:  # selected, but beyond the values counted
                only = _filter_query(name, (value,), places)
                if only is not None:
                    both = Query.boolean_query([(Occur.Must, query), (Occur.Must, only)])
                    counts.by_facet[name][value] = _count(searcher, both)
    return counts


def _count(searcher: tantivy.Searcher, query: Query) -> int:
    return int(getattr(searcher.search(query, 1, count=True), "count", 0) or 0)


def _combined(base: Query, filters: Mapping[str, Query], leave_out: str | None) -> Query:
    parts = [(Occur.Must, base)]
    parts += [(Occur.Must, query) for name, query in filters.items() if name != leave_out]
    return parts[0][1] if len(parts) == 1 else Query.boolean_query(parts)


def _aggregate(
    searcher: tantivy.Searcher, query: Query, names: list[str], places: Directory
) -> tuple[dict[str, dict[str, int]], int]:
    fields = {_index_field(name) for name in names}
    # Every institution is counted, for the alliances' sums; other facets show their top values.
    spec: dict[str, Any] = {
        field: {
            "terms": {"field": field, "size": 100_000 if field == "institution" else MAX_VALUES}
        }
        for field in fields
    }
    spec[_TOTAL] = {"value_count": {"field": "id"}}
    result: dict[str, Any] = searcher.aggregate(query, spec)
    buckets = {
        field: {bucket["key"]: bucket["doc_count"] for bucket in result[field]["buckets"]}
        for field in fields
    }
    total = int(result[_TOTAL]["value"] or 0)
    return {name: _keys(name, buckets[_index_field(name)], places) for name in names}, total


def _index_field(name: str) -> str:
    if name in ("institution", "alliance"):
        return "institution"
    return _KEYWORD_FACETS.get(name, name)


def _keys(name: str, raw: Mapping[Any, int], places: Directory) -> dict[str, int]:
    if name == "institution":
        return {
            places.institution_codes[pk]: n
            for pk, n in raw.items()
            if pk in places.institution_codes
        }
    if name == "alliance":
        return {
            code: total
            for code, members in places.alliance_members.items()
            if (total := sum(raw.get(pk, 0) for pk in members))
        }
    if name == "has_image":
        return {("true" if key in (1, True) else "false"): n for key, n in raw.items()}
    return {str(key): n for key, n in raw.items()}


def facet_values(
    name: str,
    counts: Mapping[str, int],
    selected: tuple[str, ...],
    *,
    lang: str,
    places: Directory,
) -> tuple[FacetValue, ...]:
    """The top values with reader-facing labels; selected values are always among them."""
    keys = list(dict.fromkeys([*selected, *sorted(counts, key=lambda key: -counts[key])]))
    keys = keys[: max(MAX_VALUES, len(selected))]
    labeller: Callable[[str, str, Directory], str] = _LABELLERS.get(name, _as_is)
    with override(lang):
        values = [
            FacetValue(key, labeller(key, lang, places), counts.get(key, 0), key in selected)
            for key in keys
        ]
    if name in _CHRONOLOGICAL:
        values.sort(key=lambda value: int(value.key) if value.key.lstrip("-").isdigit() else 0)
    else:
        values.sort(key=lambda value: (not value.selected, -value.count, value.label))
    return tuple(values)


def facet_label(name: str, key: str, *, lang: str, places: Directory) -> str:
    labeller: Callable[[str, str, Directory], str] = _LABELLERS.get(name, _as_is)
    with override(lang):
        return labeller(key, lang, places)


def _as_is(key: str, lang: str, places: Directory) -> str:
    return key


def _institution_label(key: str, lang: str, places: Directory) -> str:
    pk = places.institution_ids.get(key)
    chosen = pick(places.institution_names.get(pk or 0), lang)
    return chosen.text if chosen else key


def _alliance_label(key: str, lang: str, places: Directory) -> str:
    chosen = pick(places.alliance_names.get(key), lang)
    return chosen.text if chosen else key


def _term_label(key: str, lang: str, places: Directory) -> str:
    if key.startswith("c") and key[1:].isdigit():
        return concept_labels().label(int(key[1:]), lang)
    return key.removeprefix("t:")


def _period_label(key: str, lang: str, places: Directory) -> str:
    period = gazetteer().get(key)
    if period is None:
        return key
    chosen = pick({tag: names[0] for tag, names in period.labels.items()}, lang)
    return chosen.text if chosen else period.label()


def _century_label(key: str, lang: str, places: Directory) -> str:
    if not key.lstrip("-").isdigit():
        return key
    number = int(key)
    ordinal = _english_ordinal(abs(number)) if lang.startswith("en") else str(abs(number))
    if number < 0:
        return _("%(ordinal)s century BCE") % {"ordinal": ordinal}
    return _("%(ordinal)s century") % {"ordinal": ordinal}


def _english_ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _has_image_label(key: str, lang: str, places: Directory) -> str:
    return _("With images") if key == "true" else _("Without images")


def _country_label(key: str, lang: str, places: Directory) -> str:
    return country_name(key, lang) or key


def _rights_label(key: str, lang: str, places: Directory) -> str:
    return str(rights_label(key))


def _missing_label(key: str, lang: str, places: Directory) -> str:
    found = criterion(key)
    return str(found.label) if found else key


_LABELLERS: dict[str, Callable[[str, str, Directory], str]] = {
    "institution": _institution_label,
    "alliance": _alliance_label,
    "object_type": _term_label,
    "material": _term_label,
    "period": _period_label,
    "century": _century_label,
    "has_image": _has_image_label,
    "country": _country_label,
    "rights": _rights_label,
    "missing": _missing_label,
}
