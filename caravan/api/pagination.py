"""Paging for the API's lists: `limit` and `offset`, both bounded, answered as {items, count}."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
# Far beyond any list here (a vocabulary of a few hundred thousand concepts), and small enough
# for every database's integer arithmetic.
MAX_OFFSET = 100_000_000


class Paging(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
