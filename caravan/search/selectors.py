"""Search: the one entry point the page, the CLI and the API share.

The reader's visibility is a required clause of every query — hits, counts, facets and
suggestions alike — never a filter applied to a page of hits afterwards. The objects shown are
read back from the database through the same visibility rule, so an index that lags behind a
withdrawal or a visibility change never shows what the reader may not see.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import tantivy
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy

from caravan.accounts.models import User
from caravan.catalogue.selectors import VisibilityScope, visibility_scope
from caravan.search.analyzer import query_units
from caravan.search.facets import (
    Directory,
    FacetCounts,
    count_facets,
    directory,
    facet_values,
    filter_queries,
)
from caravan.search.hits import expansion_notes, hit_rows, make_hit
from caravan.search.index import IndexState, current_generation, reader, schema
from caravan.search.models import IndexChange
from caravan.search.plan import (
    QueryPlan,
    plan_query,
    visibility_clauses,
    visibility_query,
    years_overlap,
)
from caravan.search.query import parse_query
from caravan.search.services import index_catch_up, index_ready
from caravan.search.types import Hit, SearchRequest, SearchResult

Query = tantivy.Query
Occur = tantivy.Occur
SORT_FIELDS = {
    "date": ("year_min", tantivy.Order.Asc),
    "-date": ("year_min", tantivy.Order.Desc),
    "added": ("added", tantivy.Order.Desc),
}
INDEX_BEING_BUILT = gettext_lazy("The search index is being built; search again in a few minutes.")
BROWSE_CACHE_SIZE = 256
SUGGESTION_FIELDS = ("title", "maker", "type", "material", "subject", "place", "description")
SUGGESTION_CANDIDATES = 20_000


def search(request: SearchRequest, *, user: User | AnonymousUser) -> SearchResult:
    index_catch_up()
    searcher = reader() if index_ready() else None
    if searcher is None:
        return SearchResult(
            request=request, count=0, hits=(), facets={}, notice=str(INDEX_BEING_BUILT)
        )
    places = directory()
    parsed = parse_query(request.q)
    plan = plan_query(parsed)
    scope = visibility_scope(user)
    base = _restricted([plan.query, _request_years(request)], visibility_clauses(scope))
    filters = filter_queries(request.filters, places)
    query = _all([base, *filters.values()])
    browsing = parsed.is_empty and not filters and _request_years(request) is None
    counts = _browse_counts.get(scope, request.facets) if browsing else None
    if counts is None:
        counts = count_facets(
            searcher,
            base=base,
            filters=filters,
            wanted=request.facets,
            places=places,
            selected=request.filters,
        )
        if browsing:
            _browse_counts.put(scope, request.facets, counts)
    count, addresses, scores = _top(
        searcher, query, request, ranked=plan.has_text, known_count=counts.total
    )
    hits = _hits(searcher, addresses, scores, request, user, plan, places)
    facets = {
        name: facet_values(
            name,
            counts.by_facet.get(name, {}),
            request.filters.get(name, ()),
            lang=request.lang,
            places=places,
        )
        for name in request.facets
    }
    suggestion = ""
    if count == 0 and request.q:
        suggestion = _suggestion(searcher, request.q, visibility_query(scope))
    return SearchResult(
        request=request,
        count=count,
        hits=hits,
        facets=facets,
        expansions=tuple(expansion_notes(plan.expansions, request.lang)),
        suggestion=suggestion,
    )


@dataclass(frozen=True)
class ScopedQuery:
    """A search's whole query — words, years, filters and the reader's visibility — for callers
    that count rather than list (the dashboards)."""

    searcher: tantivy.Searcher
    query: Query
    places: Directory


def scoped_query(
    request: SearchRequest,
    *,
    user: User | AnonymousUser | None = None,
    scope: VisibilityScope | None = None,
) -> ScopedQuery | None:
    """The query `search` would run for this request and reader (or, for documents no reader
    asks for, such as an alliance's work report, an explicit scope); None while the index is
    being built."""
    if scope is None:
        scope = visibility_scope(user or AnonymousUser())
    index_catch_up()
    searcher = reader() if index_ready() else None
    if searcher is None:
        return None
    places = directory()
    plan = plan_query(parse_query(request.q))
    base = _restricted([plan.query, _request_years(request)], visibility_clauses(scope))
    filters = filter_queries(request.filters, places)
    return ScopedQuery(searcher, _all([base, *filters.values()]), places)


class _BrowseCounts:
    """The facet counts of the whole catalogue as each kind of reader sees it, kept until the
    index changes: the search page opens on them, and counting a million records each time
    would make the commonest page the slowest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[object, ...] = ()
        self._counts: dict[tuple[object, ...], FacetCounts] = {}

    def get(self, scope: VisibilityScope, facets: tuple[str, ...]) -> FacetCounts | None:
        with self._lock:
            if self._version != index_version():
                return None
            return self._counts.get((scope, facets))

    def put(self, scope: VisibilityScope, facets: tuple[str, ...], counts: FacetCounts) -> None:
        with self._lock:
            version = index_version()
            if version != self._version:
                self._version, self._counts = version, {}
            if len(self._counts) < BROWSE_CACHE_SIZE:
                self._counts[(scope, facets)] = counts


def index_version() -> tuple[object, ...]:
    """Changes whenever the index does: a rebuild's new generation, or changes applied."""
    generation = current_generation()
    if generation is None:
        return ()
    state = IndexState.read(generation)
    return (generation, state.position, tuple(sorted(state.gaps)))


_browse_counts = _BrowseCounts()


def _request_years(request: SearchRequest) -> Query | None:
    if request.year_from is None and request.year_to is None:
        return None
    return years_overlap(request.year_from, request.year_to)


def _restricted(
    queries: Sequence[Query | None], restrictions: list[tuple[tantivy.Occur, Query]]
) -> Query:
    """All the queries, with the reader's visibility clauses."""
    present = [query for query in queries if query is not None]
    if len(present) == 1 and not restrictions:
        return present[0]
    return Query.boolean_query([*((Occur.Must, query) for query in present), *restrictions])


def _all(queries: Sequence[Query | None]) -> Query:
    present = [query for query in queries if query is not None]
    if len(present) == 1:
        return present[0]
    return Query.boolean_query([(Occur.Must, query) for query in present])


def _top(
    searcher: tantivy.Searcher,
    query: Query,
    request: SearchRequest,
    *,
    ranked: bool,
    known_count: int | None,
) -> tuple[int, list[tantivy.DocAddress], list[float]]:
    offset = (request.page - 1) * request.page_size
    sort = request.sort
    if sort == "relevance" and not ranked:
        sort = "added"  # browsing: the newest first, as the object list does
    count = known_count is None
    if sort == "relevance":
        result = searcher.search(query, request.page_size, count=count, offset=offset)
    else:
        field, order = SORT_FIELDS[sort]
        result = searcher.search(
            query, request.page_size, count=count, offset=offset, order_by_field=field, order=order
        )
    addresses = [address for _, address in result.hits]
    scores = [float(key) if sort == "relevance" else 0.0 for key, _ in result.hits]
    total = known_count if known_count is not None else getattr(result, "count", 0)
    return int(total or 0), addresses, scores


def _hits(
    searcher: tantivy.Searcher,
    addresses: list[tantivy.DocAddress],
    scores: list[float],
    request: SearchRequest,
    user: User | AnonymousUser,
    plan: QueryPlan,
    places: Directory,
) -> tuple[Hit, ...]:
    if not addresses:
        return ()
    ids = [int(pk or 0) for pk in searcher.fast_field_values("id", addresses)]
    with_concepts = any(expansion.concept_ids for expansion in plan.expansions)
    rows = hit_rows(user, ids, with_concepts=with_concepts)
    return tuple(
        make_hit(
            rows[pk],
            score=score,
            lang=request.lang,
            terms=plan.terms,
            expansions=plan.expansions,
            places=places,
        )
        for pk, score in zip(ids, scores, strict=True)
        if pk in rows
    )


def _suggestion(searcher: tantivy.Searcher, q: str, visible: Query | None) -> str:
    """The query with misspelt words replaced by the nearest words the reader could find."""
    changed = False
    words: list[str] = []
    for word in q.split():
        units = query_units(word)
        plain = len(units) == 1 and len(units[0].terms) == 1 and not units[0].single_cjk
        term = units[0].terms[0] if plain else ""
        replacement = _nearest_term(searcher, term, visible) if len(term) >= 3 else None
        if replacement and replacement != term:
            words.append(replacement)
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""


def _nearest_term(searcher: tantivy.Searcher, term: str, visible: Query | None) -> str | None:
    """The closest indexed word the reader can find, or None when the word itself is there."""
    frequency: dict[str, int] = {}
    for field in SUGGESTION_FIELDS:
        # The dictionary's words sharing the first two letters (a typo there is rare, and one
        # letter would read too much of the dictionary).
        for candidate, count in searcher.terms_with_prefix(
            field, term[:2], limit=SUGGESTION_CANDIDATES
        ):
            frequency[candidate] = frequency.get(candidate, 0) + count
    close = difflib.get_close_matches(term, list(frequency), n=5, cutoff=0.75)
    if term in close:
        close.remove(term)
    ranked = sorted(
        close,
        key=lambda word: (-difflib.SequenceMatcher(None, term, word).ratio(), -frequency[word]),
    )
    # Only a word in something the reader may see: a suggestion must not reveal hidden records.
    return next((word for word in ranked if _findable(searcher, word, visible)), None)


def _findable(searcher: tantivy.Searcher, word: str, visible: Query | None) -> bool:
    anywhere = Query.boolean_query(
        [(Occur.Should, Query.term_query(schema(), field, word)) for field in SUGGESTION_FIELDS]
    )
    query = anywhere if visible is None else _all([anywhere, visible])
    return bool(searcher.search(query, 1, count=False).hits)


def index_status() -> dict[str, object]:
    """How current this node's index is."""
    generation = current_generation()
    if generation is None:
        return {
            "index": None,
            "position": 0,
            "pending": IndexChange.objects.count(),
            "documents": 0,
        }
    state = IndexState.read(generation)
    searcher = reader() if index_ready() else None
    return {
        "index": str(generation),
        "position": state.position,
        "pending": IndexChange.objects.filter(id__gt=state.position).count(),
        "awaited_gaps": len(state.gaps),
        "documents": searcher.num_docs if searcher else 0,
    }
