"""GET /api/v1/exports/objects.csv and /objects.jsonl: every object a search matches, streamed.

The parameters are the search's own (caravan.search.params; page and page_size are ignored),
and so is the visibility: the ids come from the index under the reader's visibility clause
(caravan.search.export) and the objects are read back through `objects_visible_to`. Rows are
written batch by batch as the response is sent, so an export of a hundred thousand objects
never sits in memory. The format, the limit and the headers: docs/linked-art-and-exports.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router
from ninja.errors import HttpError

from caravan.accounts.models import User
from caravan.api.linked_art.digital import object_page_path
from caravan.api.schemas import ErrorOut
from caravan.api.search import PARAMETERS
from caravan.catalogue.models import CatalogueObject, ObjectTerm, TermField
from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import pick
from caravan.search.export import IndexNotReady, MatchingIds, matching_ids
from caravan.search.params import ParamError, request_from_query
from caravan.search.selectors import INDEX_BEING_BUILT

router = Router(tags=["exports"])

COLUMNS = (
    "id",
    "institution",
    "local_id",
    "title",
    "title_lang",
    "titles",
    "object_types",
    "materials",
    "date",
    "earliest_year",
    "latest_year",
    "production_place",
    "country",
    "rights",
    "has_image",
    "url",
    "api_url",
)
# A spreadsheet takes a cell starting with one of these for a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "  # between several object types or materials in one CSV cell
BYTE_ORDER_MARK = "\ufeff"
_FIELDS = (
    "id",
    "institution__code",
    "local_id",
    "language",
    "titles",
    "date_display",
    "earliest_year",
    "latest_year",
    "production_place",
    "production_country",
    "rights",
    "has_image",
)

_UNUSED_HERE = {"page", "page_size", "facet"}
EXPORT_PARAMETERS = [p for p in PARAMETERS if p["name"] not in _UNUSED_HERE]
_BOM_PARAMETER = {
    "in": "query",
    "name": "bom",
    "required": False,
    "description": "0 leaves out the UTF-8 byte order mark that tells Excel the file is UTF-8.",
    "schema": {"type": "string", "enum": ["0", "1"], "default": "1"},
}


def _described(media_type: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "parameters": parameters,
        "responses": {
            "200": {
                "description": (
                    "Every matching object the caller may see, streamed; X-Caravan-Export-Matches,"
                    " X-Caravan-Export-Limit and X-Caravan-Export-Truncated say how many."
                ),
                "content": {media_type: {"schema": {"type": "string"}}},
                "headers": {
                    "X-Caravan-Export-Matches": _header("Objects the search matched", "integer"),
                    "X-Caravan-Export-Limit": _header("The most rows an export sends", "integer"),
                    "X-Caravan-Export-Truncated": _header(
                        "true when more objects matched than the limit", "string"
                    ),
                },
            }
        },
    }


def _header(description: str, kind: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": kind}}


@router.get(
    "/exports/objects.csv",
    response={400: ErrorOut, 503: ErrorOut},
    openapi_extra=_described("text/csv", [*EXPORT_PARAMETERS, _BOM_PARAMETER]),
    summary="Export a search as CSV",
)
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The search's matches as CSV (UTF-8, a header row, a byte order mark unless bom=0)."""
    matches, lang = _matches(request)
    rows = _rows(matches, request.user, lang=lang, base=_base(request))
    with_bom = request.GET.get("bom", "1") != "0"
    response = StreamingHttpResponse(
        csv_chunks(rows, with_bom=with_bom), content_type="text/csv; charset=utf-8"
    )
    return _with_headers(response, matches, "caravan-objects.csv")


@router.get(
    "/exports/objects.jsonl",
    response={400: ErrorOut, 503: ErrorOut},
    openapi_extra=_described("application/x-ndjson", EXPORT_PARAMETERS),
    summary="Export a search as JSON Lines",
)
def export_jsonl(request: HttpRequest) -> StreamingHttpResponse:
    """The search's matches as JSON Lines: one object per line, UTF-8."""
    matches, lang = _matches(request)
    rows = _rows(matches, request.user, lang=lang, base=_base(request))
    response = StreamingHttpResponse(
        jsonl_chunks(rows), content_type="application/x-ndjson; charset=utf-8"
    )
    return _with_headers(response, matches, "caravan-objects.jsonl")


def _matches(request: HttpRequest) -> tuple[MatchingIds, str]:
    try:
        wanted = request_from_query(request.GET, lang=settings.LANGUAGE_CODE)
    except ParamError as error:
        raise HttpError(400, str(error)) from error
    try:
        return matching_ids(wanted, user=request.user), wanted.lang
    except IndexNotReady:
        raise HttpError(503, str(INDEX_BEING_BUILT)) from None


def _with_headers(
    response: StreamingHttpResponse, matches: MatchingIds, filename: str
) -> StreamingHttpResponse:
    # Known before the first row is sent: a trailer could not say it once streaming has begun.
    limit = export_limit()
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Caravan-Export-Matches"] = str(matches.count)
    response["X-Caravan-Export-Limit"] = str(limit)
    response["X-Caravan-Export-Truncated"] = "true" if matches.count > limit else "false"
    return response


def export_limit() -> int:
    return int(settings.CARAVAN_EXPORT_MAX_ROWS)


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# Rows


def _rows(
    matches: MatchingIds, user: User | AnonymousUser, *, lang: str, base: str
) -> Iterator[list[dict[str, Any]]]:
    """Batches of rows in the search's order; an object hidden or withdrawn since the index
    last saw it is left out, as on the search page."""
    terms = Prefetch(
        "terms",
        queryset=ObjectTerm.objects.filter(field__in=[TermField.OBJECT_TYPE, TermField.MATERIAL])
        .only("object_id", "field", "text", "lang", "position")
        .order_by("field", "position"),
    )
    for batch in matches.batches(limit=export_limit()):
        objects = (
            objects_visible_to(user)
            .filter(pk__in=batch)
            .select_related("institution")
            .only(*_FIELDS)
            .prefetch_related(terms)
        )
        by_id = {obj.pk: obj for obj in objects}
        yield [export_row(by_id[pk], lang=lang, base=base) for pk in batch if pk in by_id]


def export_row(obj: CatalogueObject, *, lang: str, base: str) -> dict[str, Any]:
    """One object as an export row: texts in the reader's language, with fallbacks."""
    title = pick(obj.titles, lang, obj.language)
    date = pick(obj.date_display, lang, obj.language)
    place = pick(obj.production_place, lang, obj.language)
    terms = list(obj.terms.all())
    return {
        "id": obj.pk,
        "institution": obj.institution.code,
        "local_id": obj.local_id,
        "title": title.text if title else obj.local_id,
        "title_lang": title.lang if title else "",
        "titles": obj.titles,
        "object_types": _terms_in(terms, TermField.OBJECT_TYPE, lang, obj.language),
        "materials": _terms_in(terms, TermField.MATERIAL, lang, obj.language),
        "date": date.text if date else "",
        "earliest_year": obj.earliest_year,
        "latest_year": obj.latest_year,
        "production_place": place.text if place else "",
        "country": obj.production_country,
        "rights": obj.rights,
        "has_image": obj.has_image,
        "url": base + object_page_path(obj.pk),
        "api_url": f"{base}/api/v1/objects/{obj.pk}",
    }


def _terms_in(terms: list[ObjectTerm], field: str, lang: str, record_language: str) -> list[str]:
    """A field's terms in the one language the reader is best served by (as `pick` chooses)."""
    languages = {term.lang: term.lang for term in terms if term.field == field}
    chosen = pick(languages, lang, record_language)
    if chosen is None:
        return []
    texts = [term.text for term in terms if term.field == field and term.lang == chosen.text]
    return list(dict.fromkeys(texts))


# Formats


def csv_chunks(batches: Iterable[list[dict[str, Any]]], *, with_bom: bool) -> Iterator[str]:
    """The CSV text, a header then one chunk per batch of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield (BYTE_ORDER_MARK if with_bom else "") + _drain(buffer)
    for rows in batches:
        writer.writerows([csv_value(row[column]) for column in COLUMNS] for row in rows)
        yield _drain(buffer)


def csv_value(value: Any) -> Any:
    """A value as a spreadsheet may safely show it: lists joined, maps as JSON, and text that a
    spreadsheet would run as a formula prefixed with an apostrophe. Numbers stay numbers (a BCE
    year is -500, not text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def jsonl_chunks(batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    for rows in batches:
        yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
