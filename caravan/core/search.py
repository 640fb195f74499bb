"""The search box of the alliance-life lists (agreements, programmes, events, resources).

These lists hold hundreds of rows, not millions, so a case-insensitive substring match on the
stored text is enough: language maps are stored as JSON without \\u escapes (see
fields.UnicodeJSONEncoder), so it finds words in any script, on SQLite and on PostgreSQL alike.
It also matches language tags (a search for "en" finds English texts). The catalogue is searched
through its Tantivy index instead (caravan.search).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)
MAX_QUERY_LENGTH = 100


def text_search(rows: QuerySet[M], query: str, fields: Sequence[str]) -> QuerySet[M]:
    """Rows where every word of the query occurs in one of the fields (language maps or text)."""
    # PostgreSQL refuses NUL in a text parameter; no search word holds one.
    words = query.replace("\x00", "").strip()[:MAX_QUERY_LENGTH].split()
    for word in words:
        matches = Q()
        for field in fields:
            matches |= Q(**{f"{field}__icontains": word})
        rows = rows.filter(matches)
    return rows.distinct() if words else rows
