"""/sitemap.xml (the index) and /sitemap-<section>.xml, outside the language prefixes: one
sitemap lists every language's address of each page."""

from django.contrib.sitemaps import views
from django.urls import path

from caravan.web.sitemaps import SITEMAPS

urlpatterns = [
    path(
        "sitemap.xml",
        views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-<section>.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
