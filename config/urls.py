from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_media

from caravan.api.api import api
from caravan.api.errors import unknown_api_path
from caravan.api.oai.views import oai_endpoint
from caravan.web.views import health

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health, name="health"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>[\s\S]*)$", unknown_api_path),
    path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT}),
    path("oai", oai_endpoint, name="oai"),
    path("iiif/", include("caravan.api.iiif.urls")),
    path("", include("caravan.web.sitemap_urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("caravan.web.urls")),
    prefix_default_language=False,
)
