"""GET /api/v1/search: the search page's answer as JSON, under the same visibility rules.

The parameters are the search page's own (caravan.search.params reads both), so a page's query
string pasted after /api/v1/search returns the same hits. They are read by that one parser rather
than by django-ninja, so that every mistake is a 400 with a sentence saying what to change; the
OpenAPI document describes them by hand below.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import translation
from ninja import Router, Schema
from ninja.errors import HttpError

from caravan.api.schemas import ErrorOut
from caravan.search import selectors
from caravan.search.params import MAX_PAGE, YEAR_LIMIT, ParamError, request_from_query
from caravan.search.types import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE_SIZE,
    SORTS,
    Hit,
    SearchRequest,
    SearchResult,
)

router = Router(tags=["search"])


class MatchOut(Schema):
    kind: str  # "text", "concept" or "period"
    label: str  # what a reader sees, e.g. "bronze mirror · 铜镜"
    term: str
    concept_id: int | None
    period_id: str


class SearchHitOut(Schema):
    id: int
    institution: str  # the institution's code
    local_identifier: str  # the record's identifier in its source
    title: str
    matched: list[MatchOut]
    title_lang: str
    snippet: str  # HTML: escaped text with <mark> around the matched words
    date: str
    thumbnail: str
    url: str  # the object's page


class FacetValueOut(Schema):
    key: str  # the value to pass back as a filter, e.g. material=<key>
    label: str
    count: int


class SearchOut(Schema):
    count: int
    results: list[SearchHitOut]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str  # a respelling that finds something, when nothing matched
    page: int
    page_size: int


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "in": "query",
        "name": name,
        "required": False,
        "description": description,
        "schema": schema,
    }


_TEXT = {"type": "string"}
_LIST = {"type": "array", "items": {"type": "string"}}
_YEAR = {"type": "integer", "minimum": -YEAR_LIMIT, "maximum": YEAR_LIMIT}
PARAMETERS = [
    _parameter(
        "q",
        'Free text in any language or script: "a phrase", -exclusion, OR, and title:, maker:, '
        "place:, type:, material:, subject:, year:-1200..-1046. Empty browses everything.",
        _TEXT,
    ),
    _parameter(
        "lang", "BCP-47 tag of the language titles are shown in.", {**_TEXT, "default": "en"}
    ),
    _parameter(
        "page", "Page number.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
    ),
    _parameter(
        "page_size",
        "Hits per page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    ),
    _parameter(
        "sort",
        "Order of the hits.",
        {"type": "string", "enum": list(SORTS), "default": "relevance"},
    ),
    _parameter("year_from", "Earliest year, inclusive; BCE years negative.", _YEAR),
    _parameter("year_to", "Latest year, inclusive; BCE years negative.", _YEAR),
    _parameter(
        "facet",
        "Facets to count (repeat for several); all when absent.",
        {"type": "array", "items": {"type": "string", "enum": list(FACETS)}},
    ),
    *(
        _parameter(name, f"Keep hits whose {name} is one of these facet keys (repeatable).", _LIST)
        for name in FACETS
    ),
]


@router.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut},
    openapi_extra={"parameters": PARAMETERS},
    summary="Search the catalogue",
)
def search_catalogue(request: HttpRequest) -> JsonResponse:
    """Objects the caller may see that match the query, with facet counts.

    Anonymous callers find public records; members also find members-only records of their
    alliances' institutions, and an institution's staff its private ones.
    """
    result = selectors.search(_search_request(request), user=request.user)
    # Built to the SearchOut shape here (a test holds it to the schema); handing ninja the
    # response whole skips re-validating hundreds of facet values on every search.
    return JsonResponse(search_as_json(request, result), json_dumps_params={"ensure_ascii": False})


def _search_request(request: HttpRequest) -> SearchRequest:
    try:
        return request_from_query(request.GET, lang=settings.LANGUAGE_CODE)
    except ParamError as error:
        raise HttpError(400, str(error)) from error


def search_as_json(request: HttpRequest, result: SearchResult) -> dict[str, Any]:
    return {
        "count": result.count,
        "results": [_hit(request, hit) for hit in result.hits],
        "facets": {
            name: [{"key": v.key, "label": v.label, "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
        "suggestion": result.suggestion,
        "page": result.request.page,
        "page_size": result.request.page_size,
    }


def _hit(request: HttpRequest, hit: Hit) -> dict[str, Any]:
    # The page's address without a language prefix: the reader's own choice of language applies.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("web:object_detail", args=[hit.object_id])
    return {
        "id": hit.object_id,
        "institution": hit.institution_code,
        "local_identifier": hit.local_identifier,
        "title": hit.title,
        "matched": [asdict(match) for match in hit.matched],
        "title_lang": hit.title_lang,
        "snippet": hit.snippet_html,
        "date": hit.date_display,
        "thumbnail": hit.thumbnail_url,
        "url": request.build_absolute_uri(path),
    }
