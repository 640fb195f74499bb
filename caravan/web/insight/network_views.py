"""The cooperation network pages: the whole platform's and one alliance's, with downloads.

Thin: the filters come from a GET form, the network from caravan.insight.network.selectors
(which asks the visibility rules for the reader), the words and tables from its present
module. Every download takes the same query string as the page, so it holds what the reader
sees.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from caravan.insight.charts import Figure, csv_response
from caravan.insight.network import present
from caravan.insight.network.graph import NetworkFilters
from caravan.insight.network.links import Kind
from caravan.insight.network.selectors import Network, cooperation_network
from caravan.insight.network.svg import network_svg, svg_document, svg_inline
from caravan.institutions.models import Alliance

TABLES: dict[str, Callable[[Network, str], Figure]] = {
    "edges": present.edges_figure,
    "members": present.nodes_figure,
    "partners": present.suggestions_figure,
}


class NetworkFilterForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of cooperation"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1, max_value=9999
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1, max_value=9999)
    on = forms.DateField(
        label=_("Members on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The alliance's members on this day (today when empty)."),
    )

    def filters(self) -> NetworkFilters:
        if not self.is_valid():
            return NetworkFilters()
        kinds = self.cleaned_data["kinds"] or Kind.values
        return NetworkFilters(
            kinds=frozenset(kinds),
            year_from=self.cleaned_data["year_from"],
            year_to=self.cleaned_data["year_to"],
        )

    def day(self) -> datetime.date | None:
        return self.cleaned_data.get("on") if self.is_valid() else None


def _language() -> str:
    return get_language() or "en"


def _alliance(code: str | None) -> Alliance | None:
    return None if code is None else get_object_or_404(Alliance, code=code)


def _network(request: HttpRequest, alliance: Alliance | None) -> tuple[Network, NetworkFilterForm]:
    form = NetworkFilterForm(request.GET or None)
    network = cooperation_network(
        user=request.user, alliance=alliance, on=form.day(), filters=form.filters()
    )
    return network, form


def _institution_href(code: str) -> str:
    return reverse("web:institution_detail", args=[code])


def _page(request: HttpRequest, code: str | None) -> HttpResponse:
    alliance = _alliance(code)
    network, form = _network(request, alliance)
    language = _language()
    query = request.GET.urlencode()
    prefix = "web:alliance_network" if alliance else "web:network"
    args = [alliance.code] if alliance else []

    def download(name: str, **kwargs: str) -> str:
        url = reverse(f"{prefix}_{name}", args=[*args, *kwargs.values()])
        return f"{url}?{query}" if query else url

    suggestions = [
        (
            network.by_id[s.a],
            network.by_id[s.b],
            s,
            present.suggestion_reasons(network, s, language),
        )
        for s in network.suggestions
    ]
    svg = network_svg(network, language=language, href=_institution_href)
    context = {
        "alliance": alliance,
        "network": network,
        "form": form,
        "svg": svg_inline(svg),
        "edges": present.edges_figure(network, language),
        "members": present.nodes_figure(network, language),
        "top": present.top_figure(network, language, _institution_href),
        "suggestions": suggestions,
        "half_life": network.filters.half_life_years,
        "svg_url": download("svg"),
        "csv_urls": {name: download("csv", table=name) for name in TABLES},
    }
    return render(request, "web/insight/network.html", context)


def _svg(request: HttpRequest, code: str | None) -> HttpResponse:
    network, _form = _network(request, _alliance(code))
    svg = network_svg(
        network,
        language=_language(),
        href=lambda member: request.build_absolute_uri(_institution_href(member)),
        standalone=True,
    )
    response = HttpResponse(svg_document(svg), content_type="image/svg+xml; charset=utf-8")
    name = f"network-{code}.svg" if code else "network.svg"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv(request: HttpRequest, code: str | None, table: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404("No such table.")
    network, _form = _network(request, _alliance(code))
    return csv_response(TABLES[table](network, _language()))


def network_page(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


def network_svg_download(request: HttpRequest) -> HttpResponse:
    return _svg(request, None)


def network_csv(request: HttpRequest, table: str) -> HttpResponse:
    return _csv(request, None, table)


def alliance_network(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, code)


def alliance_network_svg_download(request: HttpRequest, code: str) -> HttpResponse:
    return _svg(request, code)


def alliance_network_csv(request: HttpRequest, code: str, table: str) -> HttpResponse:
    return _csv(request, code, table)
