"""The /oai endpoint: OAI-PMH 2.0 requests by GET or by POST (form-encoded)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from caravan.api.oai.formats import RecordContext
from caravan.api.oai.identifiers import oai_identifier
from caravan.api.oai.responses import respond
from caravan.api.oai.verbs import Repository
from caravan.catalogue.models import CatalogueObject


@csrf_exempt  # harvesters POST without a session; nothing here writes or depends on a login
@require_http_methods(["GET", "POST"])
def oai_endpoint(request: HttpRequest) -> HttpResponse:
    parameters = request.POST if request.method == "POST" else request.GET
    # Addresses and labels in records are the same whatever language the harvester's
    # headers ask for.
    with translation.override("en"):
        body = respond(
            {name: parameters.getlist(name) for name in parameters}, _repository(request)
        )
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _repository(request: HttpRequest) -> Repository:
    repository_id = settings.CARAVAN_OAI_REPOSITORY_ID

    def object_url(obj: CatalogueObject) -> str:
        return request.build_absolute_uri(reverse("web:object_detail", kwargs={"pk": obj.pk}))

    def identifier(obj: CatalogueObject) -> str:
        return oai_identifier(repository_id, obj.institution.code, obj.local_id)

    emails = [email.strip() for email in settings.CARAVAN_OAI_ADMIN_EMAIL.split(",")]
    return Repository(
        base_url=request.build_absolute_uri(request.path),
        name=settings.CARAVAN_SITE_NAME,
        admin_emails=[email for email in emails if email],
        page_size=max(1, settings.CARAVAN_OAI_PAGE_SIZE),
        token_lifetime=dt.timedelta(seconds=settings.CARAVAN_OAI_TOKEN_LIFETIME),
        now=timezone.now(),
        records=RecordContext(
            repository_id=repository_id,
            provider=settings.CARAVAN_OAI_PROVIDER,
            object_url=object_url,
            identifier=identifier,
            absolute=request.build_absolute_uri,
        ),
    )
