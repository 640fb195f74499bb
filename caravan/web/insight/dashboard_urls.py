"""The dashboards' addresses, included in caravan/web/urls.py (namespace ``web``)."""

from django.urls import path

from caravan.web.insight import dashboards

urlpatterns = [
    path("insight/", dashboards.platform_dashboard, name="insight_dashboard"),
    path(
        "insight/figures/<slug:key>.csv",
        dashboards.figure_download,
        name="insight_figure_csv",
    ),
    path(
        "alliances/<slug:code>/dashboard/",
        dashboards.alliance_dashboard,
        name="alliance_dashboard",
    ),
    path(
        "institutions/<slug:code>/dashboard/",
        dashboards.institution_dashboard,
        name="institution_dashboard",
    ),
]
