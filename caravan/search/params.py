"""A search as URL parameters and back: the page's address holds the whole state of a search.

The API reads the same parameters, so a page's query string pasted after /api/v1/search returns
the same hits as JSON: `q`, `lang`, `page`, `page_size`, `sort`, `year_from`, `year_to`, one
parameter per facet filter (repeated for several values, e.g. `material=…&material=…`) and
`facet` (repeated) to choose which facet counts come back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from urllib.parse import urlencode

from django.http import QueryDict

from caravan.core.langmap import LanguageMapError, normalize_tag
from caravan.search.types import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    SORTS,
    SearchRequest,
)

MAX_PAGE = 500  # deeper pages cost more than they give; a narrower query serves better
MAX_FILTER_VALUES = 50


class ParamError(ValueError):
    """A parameter a reader (or a script) got wrong, said in words they can act on."""


Params = Mapping[str, Sequence[str]]


def request_from_params(params: Params, *, lang: str = "en") -> SearchRequest:
    """Read a search from query parameters; unknown parameters are ignored."""
    filters = {
        name: tuple(dict.fromkeys(v for v in params.get(name, ()) if v))[:MAX_FILTER_VALUES]
        for name in FACETS
    }
    chosen_facets = [name for name in params.get("facet", ()) if name]
    unknown = [name for name in chosen_facets if name not in FACETS]
    if unknown:
        raise ParamError(f"unknown facet {unknown[0]!r}; known facets: {', '.join(FACETS)}")
    sort = _first(params, "sort") or "relevance"
    if sort not in SORTS:
        raise ParamError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    return SearchRequest(
        q=(_first(params, "q") or "")[:MAX_QUERY_CHARS],
        lang=_first(params, "lang") or lang,
        page=_bounded_int(params, "page", default=1, low=1, high=MAX_PAGE),
        page_size=_bounded_int(
            params, "page_size", default=DEFAULT_PAGE_SIZE, low=1, high=MAX_PAGE_SIZE
        ),
        filters={name: values for name, values in filters.items() if values},
        year_from=_year(params, "year_from"),
        year_to=_year(params, "year_to"),
        sort=sort,
        facets=tuple(dict.fromkeys(chosen_facets)) if chosen_facets else FACETS,
    )


def request_from_query(query: QueryDict, *, lang: str) -> SearchRequest:
    """A search from a request's query string (repeated parameters kept), its language checked."""
    wanted = request_from_params({name: query.getlist(name) for name in query}, lang=lang)
    try:
        return replace(wanted, lang=normalize_tag(wanted.lang))
    except LanguageMapError as error:
        raise ParamError(f"lang must be a BCP-47 language tag, not {wanted.lang!r}") from error


def params_from_request(request: SearchRequest, **changes: object) -> str:
    """The query string for a search, with some parameters changed (None drops one).

    Defaults are left out so that addresses stay short and equal searches share one address.
    """
    pairs: list[tuple[str, str]] = []
    values: dict[str, object] = {
        "q": request.q,
        "sort": "" if request.sort == "relevance" else request.sort,
        "year_from": request.year_from,
        "year_to": request.year_to,
        "page_size": "" if request.page_size == DEFAULT_PAGE_SIZE else request.page_size,
        "page": "" if request.page == 1 else request.page,
    }
    values.update(changes)
    for name, value in values.items():
        if value not in (None, ""):
            pairs.append((name, str(value)))
    for name, selected in request.filters.items():
        pairs.extend((name, value) for value in selected)
    return urlencode(pairs)


def toggled(request: SearchRequest, facet: str, value: str) -> SearchRequest:
    """The same search with one facet value selected if it was not, unselected if it was."""
    selected = list(request.filters.get(facet, ()))
    if value in selected:
        selected.remove(value)
    else:
        selected.append(value)
    filters = {**request.filters, facet: tuple(selected)}
    return replace(request, filters={k: v for k, v in filters.items() if v}, page=1)


def _first(params: Params, name: str) -> str | None:
    values: Iterable[str] = params.get(name, ())
    for value in values:
        return value.strip()
    return None


def _optional_int(params: Params, name: str) -> int | None:
    text = _first(params, name)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ParamError(
            f"{name} must be a whole number (BCE years negative), not {text!r}"
        ) from None


# As far as the query syntax's year: reaches (six digits): the oldest tools are millions of years
# old, but no catalogue dates to the year beyond this.
YEAR_LIMIT = 999_999


def _year(params: Params, name: str) -> int | None:
    value = _optional_int(params, name)
    if value is not None and abs(value) > YEAR_LIMIT:
        raise ParamError(f"{name} must be between -{YEAR_LIMIT} and {YEAR_LIMIT}, not {value}")
    return value


def _bounded_int(params: Params, name: str, *, default: int, low: int, high: int) -> int:
    value = _optional_int(params, name)
    if value is None:
        return default
    if not low <= value <= high:
        raise ParamError(f"{name} must be between {low} and {high}, not {value}")
    return value
