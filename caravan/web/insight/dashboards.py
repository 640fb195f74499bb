"""Dashboard pages: the whole platform, one alliance, one member; each chart's data as CSV.

A dashboard's address holds its filters as search parameters, so every bar links to the search
for the records it counts, and the CSV of a chart is the same address with the chart's key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language

from caravan.catalogue.quality import CRITERIA, TIER_LABELS
from caravan.insight.charts import csv_response
from caravan.insight.collection import coverage
from caravan.insight.dashboards import dashboard_figures, quality_rows
from caravan.insight.harvests import harvest_health
from caravan.institutions.models import Alliance, Institution
from caravan.search.params import ParamError, params_from_request, request_from_query
from caravan.search.types import SearchRequest

FILTER_FACETS = ("country", "object_type", "material", "period", "century", "has_image")


def platform_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, scope={}, heading=None, subject=None)


def alliance_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    alliance = get_object_or_404(Alliance, code=code)
    return _dashboard(request, scope={"alliance": code}, heading=alliance.names, subject=alliance)


def institution_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_object_or_404(Institution, code=code)
    return _dashboard(
        request, scope={"institution": code}, heading=institution.names, subject=institution
    )


def figure_download(request: HttpRequest, key: str) -> HttpResponse:
    """One chart's data as CSV; `alliance` or `institution` in the query string scopes it."""
    search = _search_request(request, {})
    if isinstance(search, HttpResponse):
        return search
    found = coverage(search, user=request.user)
    figures = dashboard_figures(found, lang=search.lang, link=lambda filters: "")
    if key not in figures:
        raise Http404("no such figure")
    return csv_response(figures[key])


def _dashboard(
    request: HttpRequest,
    *,
    scope: Mapping[str, str],
    heading: Mapping[str, str] | None,
    subject: Alliance | Institution | None,
) -> HttpResponse:
    search = _search_request(request, scope)
    if isinstance(search, HttpResponse):
        return search
    found = coverage(search, user=request.user)

    search_page = reverse("web:search")

    def link(filters: Mapping[str, str]) -> str:
        narrowed = {**search.filters, **{name: (value,) for name, value in filters.items()}}
        return f"{search_page}?{params_from_request(replace(search, filters=narrowed))}"

    figures = dashboard_figures(found, lang=search.lang, link=link)
    csv_query = params_from_request(search)
    context: dict[str, Any] = {
        "heading": heading,
        "subject": subject,
        "scope": scope,
        "coverage": found,
        "figures": figures,
        "csv_urls": {
            key: f"{reverse('web:insight_figure_csv', args=[key])}?{csv_query}" for key in figures
        },
        "quality": quality_rows(found, lang=search.lang, link=link),
        "criteria": CRITERIA,
        "tier_labels": TIER_LABELS.values(),
        "filters": _filter_choices(search, figures),
        "search": search,
        "search_url": f"{reverse('web:search')}?{params_from_request(search)}",
        "harvests": harvest_health(_institution_ids(scope)) if request.user.is_staff else None,
    }
    return render(request, "web/insight/dashboard.html", context)


def _search_request(request: HttpRequest, scope: Mapping[str, str]) -> SearchRequest | HttpResponse:
    try:
        search = request_from_query(request.GET, lang=get_language() or "en")
    except ParamError as error:
        return HttpResponseBadRequest(str(error))
    forced = {name: (value,) for name, value in scope.items()}
    return replace(search, filters={**search.filters, **forced}, page=1, page_size=1)


def _filter_choices(search: SearchRequest, figures: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The select boxes of the filter form: the values the current figures show."""
    sources = {
        "country": "countries",
        "object_type": "object_types",
        "material": "materials",
        "period": "periods",
        "century": "timeline",
    }
    choices = []
    for name, key in sources.items():
        figure = figures[key]
        chosen = search.filters.get(name, ())
        options = [(str(row[2]), str(row[0])) for row in figure.rows]
        choices.append({"name": name, "options": options, "chosen": chosen[0] if chosen else ""})
    return choices


def _institution_ids(scope: Mapping[str, str]) -> list[int]:
    institutions = Institution.objects.all()
    if "alliance" in scope:
        institutions = institutions.filter(memberships__alliance__code=scope["alliance"])
    if "institution" in scope:
        institutions = institutions.filter(code=scope["institution"])
    return list(institutions.values_list("id", flat=True).distinct())
