"""The search page. Its address holds the whole search, so every link on it is a new address:
ticking a facet, turning a page or changing the order is a plain GET that works without script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from caravan.core.langmap import normalize_tag
from caravan.search import selectors
from caravan.search.params import MAX_PAGE, ParamError, params_from_request, request_from_query
from caravan.search.params import toggled as toggled_request
from caravan.search.types import DEFAULT_PAGE_SIZE, FacetValue, SearchRequest, SearchResult
from caravan.web.templatetags.langmaps import year

FACET_HEADINGS = {
    "institution": _("Institution"),
    "alliance": _("Alliance"),
    "country": _("Country"),
    "object_type": _("Object type"),
    "material": _("Material"),
    "period": _("Period"),
    "century": _("Century"),
    "has_image": _("Image"),
    "rights": _("Rights"),
    "missing": _("Missing from the record"),
}
SORT_LABELS = {
    "relevance": _("Relevance"),
    "date": _("Oldest first"),
    "-date": _("Newest first"),
    "added": _("Recently added"),
}
PAGE_WINDOW = 2  # page links shown on each side of the current page


@dataclass(frozen=True)
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class FacetBlock:
    name: str
    heading: str
    options: tuple[FacetOption, ...]


@dataclass(frozen=True)
class ActiveFilter:
    heading: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool
    gap_before: bool  # pages skipped between this link and the one before it


def search(request: HttpRequest) -> HttpResponse:
    """Search the catalogue as the reader; a malformed address is answered 400 with the reason."""
    try:
        wanted = request_from_query(request.GET, lang=_ui_language())
    except ParamError as error:
        context = {"error": str(error), "q": request.GET.get("q", "")}
        return render(request, "web/search.html", context, status=400)
    result = selectors.search(wanted, user=request.user)
    return render(request, "web/search.html", search_page_context(result))


def search_page_context(result: SearchResult) -> dict[str, Any]:
    wanted = result.request
    facets = [_facet_block(wanted, name, values) for name, values in result.facets.items()]
    return {
        "result": result,
        "search": wanted,
        "count_display": number_format(result.count, force_grouping=True),
        "facets": [block for block in facets if block.options],
        "active_filters": _active_filters(wanted, facets),
        "clear_url": _url(replace(wanted, filters={}, year_from=None, year_to=None), page=None),
        "hidden_filters": [
            (name, value) for name, values in wanted.filters.items() for value in values
        ],
        "custom_page_size": wanted.page_size if wanted.page_size != DEFAULT_PAGE_SIZE else None,
        "sort_options": [
            (key if key != "relevance" else "", label) for key, label in SORT_LABELS.items()
        ],
        "suggestion_url": _url(wanted, q=result.suggestion, page=None) if result.suggestion else "",
        "first_page_url": _url(wanted, page=None),
        "pages": _page_links(result),
        "previous_url": _url(wanted, page=wanted.page - 1) if wanted.page > 1 else "",
        "next_url": (
            _url(wanted, page=wanted.page + 1) if wanted.page < min(result.pages, MAX_PAGE) else ""
        ),
    }


def _ui_language() -> str:
    return normalize_tag(get_language() or settings.LANGUAGE_CODE)


def _url(wanted: SearchRequest, **changes: object) -> str:
    return "?" + params_from_request(wanted, **changes)


def _facet_block(wanted: SearchRequest, name: str, values: Sequence[FacetValue]) -> FacetBlock:
    # The service keeps selected values (even at zero) so that each can be unticked.
    options = tuple(
        FacetOption(
            key=value.key,
            label=value.label,
            count=value.count,
            selected=value.selected,
            url=_url(toggled_request(wanted, name, value.key), page=None),
        )
        for value in values
    )
    return FacetBlock(name=name, heading=str(FACET_HEADINGS.get(name, name)), options=options)


def _active_filters(wanted: SearchRequest, facets: list[FacetBlock]) -> list[ActiveFilter]:
    active = [
        ActiveFilter(block.heading, option.label, option.url)
        for block in facets
        for option in block.options
        if option.selected
    ]
    if wanted.year_from is not None or wanted.year_to is not None:
        label = f"{_year(wanted.year_from)} – {_year(wanted.year_to)}"
        remove = _url(replace(wanted, year_from=None, year_to=None), page=None)
        active.append(ActiveFilter(gettext("Years"), label, remove))
    return active


def _year(value: int | None) -> str:
    return year(value) if value is not None else "…"


def _page_links(result: SearchResult) -> list[PageLink]:
    current = result.request.page
    last = min(result.pages, MAX_PAGE)
    window = range(current - PAGE_WINDOW, current + PAGE_WINDOW + 1)
    numbers = sorted(n for n in {1, last, *window} if 1 <= n <= last)
    return [
        PageLink(
            number=number,
            url=_url(result.request, page=number if number > 1 else None),
            current=number == current,
            gap_before=index > 0 and number - numbers[index - 1] > 1,
        )
        for index, number in enumerate(numbers)
    ]
