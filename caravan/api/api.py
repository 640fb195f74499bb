"""The Caravan API, version 1, at /api/v1/ (interactive documentation at /api/v1/docs).

Session authentication for now (the signed-in user of the site); token authentication comes
with the API issue. Only reads and the counted download, so no CSRF-protected writes yet.
"""

from __future__ import annotations

from ninja import NinjaAPI

from caravan.api.routers import router
from caravan.api.search import router as search_router

api = NinjaAPI(
    title="Caravan API",
    version="1",
    description=(
        "Search over the pooled catalogue, alliances, agreements with their parties, events "
        "with their sessions and the shared resource library, under the same permission rules "
        "as the web pages."
    ),
    urls_namespace="api-v1",
)
api.add_router("", router)
api.add_router("", search_router)
