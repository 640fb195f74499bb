"""The Caravan API, version 1, at /api/v1/ (interactive documentation at /api/v1/docs).

Callers are anonymous, signed in to the site (its session), or a member system sending a bearer
token (caravan.api.auth); each sees what the web pages would show that person. Every error has
one shape (caravan.api.errors), and every caller is held to a rate limit.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from caravan.api.auth import ApiRateLimit
from caravan.api.catalogue import router as catalogue_router
from caravan.api.errors import document_standard_errors, install_error_handlers
from caravan.api.exhibitions import router as exhibitions_router
from caravan.api.exports import router as exports_router
from caravan.api.members import router as members_router
from caravan.api.routers import router
from caravan.api.search import router as search_router


class CaravanApi(NinjaAPI):
    def get_openapi_schema(self, **options: Any) -> Any:
        return document_standard_errors(super().get_openapi_schema(**options))


api = CaravanApi(
    title="Caravan API",
    version="1",
    description=(
        "The pooled catalogue (search, objects, Linked Art), institutions, alliances and their "
        "memberships, vocabularies, member institutions' record pushes and harvest runs, "
        "agreements, events and the shared resource library, under the same permission rules "
        "as the web pages. Member systems authenticate with `Authorization: Bearer <token>`."
    ),
    urls_namespace="api-v1",
    throttle=[ApiRateLimit()],
)
install_error_handlers(api)
api.add_router("", catalogue_router)
api.add_router("", members_router)
api.add_router("", router)
api.add_router("", search_router)
api.add_router("", exports_router)
api.add_router("", exhibitions_router)
