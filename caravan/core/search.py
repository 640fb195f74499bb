"""The list pages' search box, until the search issue brings a real index.

Language maps are stored as JSON text without \\u escapes (see fields.UnicodeJSONEncoder), so a
case-insensitive substring match on the stored text finds words in any script, on SQLite and on
PostgreSQL alike. It also matches language tags (a search for "en" finds English texts): good
enough for a search box over a few hundred records, and replaced wholesale by the Tantivy index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)
MAX_QUERY_LENGTH = 100


def text_search(rows: QuerySet[M], query: str, fields: Sequence[str]) -> QuerySet[M]:
    """Rows where every word of the query occurs in one of the fields (language maps or text)."""
    words = query.strip()[:MAX_QUERY_LENGTH].split()
    for word in words:
        matches = Q()
        for field in fields:
            matches |= Q(**{f"{field}__icontains": word})
        rows = rows.filter(matches)
    return rows.distinct() if words else rows
