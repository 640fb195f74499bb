"""The network pages' addresses, included in caravan/web/urls.py (namespace ``web``)."""

from django.urls import URLPattern, path

from caravan.web.insight import network_views

urlpatterns: list[URLPattern] = [
    path("insight/network/", network_views.network_page, name="network"),
    path("insight/network/network.svg", network_views.network_svg_download, name="network_svg"),
    path("insight/network/<slug:table>.csv", network_views.network_csv, name="network_csv"),
    path("alliances/<slug:code>/network/", network_views.alliance_network, name="alliance_network"),
    path(
        "alliances/<slug:code>/network/network.svg",
        network_views.alliance_network_svg_download,
        name="alliance_network_svg",
    ),
    path(
        "alliances/<slug:code>/network/<slug:table>.csv",
        network_views.alliance_network_csv,
        name="alliance_network_csv",
    ),
]
