"""Every object a search matches, in the search's order, for exports.

The search selector answers one page; an export wants all the matches. This asks the Tantivy
index the same query the selector asks — the reader's visibility a required clause of it — and
hands out the matching ids batch by batch from one searcher, so the order holds from the first
batch to the last even while the index takes in changes. The objects are then read back from
the database through `objects_visible_to` (caravan.api.exports), as the search page does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import tantivy
from django.contrib.auth.models import AnonymousUser

from caravan.accounts.models import User
from caravan.catalogue.selectors import visibility_scope
from caravan.search.facets import directory, filter_queries
from caravan.search.index import reader
from caravan.search.plan import plan_query, visibility_clauses, years_overlap
from caravan.search.query import parse_query
from caravan.search.selectors import SORT_FIELDS
from caravan.search.services import index_catch_up, index_ready
from caravan.search.types import SearchRequest

Query = tantivy.Query
Occur = tantivy.Occur
BATCH_SIZE = 500


class IndexNotReady(Exception):
    """The search index has not been built yet: nothing can be matched."""


@dataclass
class MatchingIds:
    """The ids a search matches: `count` of them in the index, handed out by `batches`."""

    count: int
    _searcher: tantivy.Searcher
    _query: Query
    _sort: str

    def batches(self, *, limit: int, size: int | None = None) -> Iterator[list[int]]:
        """At most `limit` ids, in the search's order, `size` (BATCH_SIZE) at a time."""
        size = size or BATCH_SIZE
        offset = 0
        while offset < limit:
            wanted = min(size, limit - offset)
            addresses = self._page(offset, wanted)
            if not addresses:
                return
            yield [int(pk or 0) for pk in self._searcher.fast_field_values("id", addresses)]
            offset += len(addresses)
            if len(addresses) < wanted:
                return

    def _page(self, offset: int, size: int) -> list[tantivy.DocAddress]:
        if self._sort == "relevance":
            result = self._searcher.search(self._query, size, count=False, offset=offset)
        else:
            field, order = SORT_FIELDS[self._sort]
            result = self._searcher.search(
                self._query,
                size,
                count=False,
                offset=offset,
                order_by_field=field,
                order=order,
            )
        return [address for _, address in result.hits]


def matching_ids(request: SearchRequest, *, user: User | AnonymousUser) -> MatchingIds:
    """The search's matches for this reader; page and page size are ignored.

    Raises IndexNotReady before the first index is built.
    """
    index_catch_up()
    searcher = reader() if index_ready() else None
    if searcher is None:
        raise IndexNotReady
    plan = plan_query(parse_query(request.q))
    years = (
        None
        if request.year_from is None and request.year_to is None
        else years_overlap(request.year_from, request.year_to)
    )
    restricted = _all([plan.query, years], extra=visibility_clauses(visibility_scope(user)))
    filters = filter_queries(request.filters, directory())
    query = _all([restricted, *filters.values()])
    sort = request.sort
    if sort == "relevance" and not plan.has_text:
        sort = "added"  # browsing: the newest first, as the search page does
    count = getattr(searcher.search(query, 1, count=True), "count", 0)
    return MatchingIds(count=int(count or 0), _searcher=searcher, _query=query, _sort=sort)


def _all(
    queries: Sequence[Query | None], *, extra: Sequence[tuple[tantivy.Occur, Query]] = ()
) -> Query:
    present = [query for query in queries if query is not None]
    if len(present) == 1 and not extra:
        return present[0]
    return Query.boolean_query([*((Occur.Must, query) for query in present), *extra])
