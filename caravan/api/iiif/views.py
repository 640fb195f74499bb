"""IIIF endpoints: the Image API for hosted images, manifests and collections. Thin: they look
things up through the selectors (which apply the visibility rule), call the builders, and
speak HTTP as the IIIF specifications ask (CORS, media types, Link headers, status codes)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from django.conf import settings
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.views.decorators.http import require_safe

from caravan.api.iiif import selectors
from caravan.api.iiif.collections import NoSuchPage, alliance_collection, institution_collection
from caravan.api.iiif.image_render import MEDIA_TYPES
from caravan.api.iiif.image_request import ImageRequestError
from caravan.api.iiif.image_service import (
    IMAGE_CONTEXT,
    PROFILE_URI,
    hosted_derivative,
    image_info,
)
from caravan.api.iiif.links import Links
from caravan.api.iiif.presentation import PRESENTATION_CONTEXT, object_manifest
from caravan.catalogue.models import Visibility
from caravan.institutions.models import Alliance, Institution

_PROFILE_LINK = f'<{PROFILE_URI}>;rel="profile"'
# Derivatives of public images may sit in shared caches for a day; others only in the reader's.
_PUBLIC_IMAGE_CACHING = "public, max-age=86400"
_PRIVATE_IMAGE_CACHING = "private, max-age=3600"


ResponseType = TypeVar("ResponseType", bound=HttpResponseBase)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def request_links(request: HttpRequest) -> Links:
    return Links(origin=request.build_absolute_uri("/").rstrip("/"))


def _cors(response: ResponseType) -> ResponseType:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(status: int, message: str) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    return _cors(response)


def json_response(request: HttpRequest, data: dict[str, Any], context: str) -> HttpResponse:
    """JSON-LD with the API's profile when the client asks for it, plain JSON otherwise."""
    wants_json_ld = "application/ld+json" in request.headers.get("Accept", "")
    content_type = (
        f'application/ld+json;profile="{context}"' if wants_json_ld else "application/json"
    )
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type=f"{content_type};charset=utf-8")
    response["Vary"] = "Accept"
    return _cors(response)


# --- Image API -----------------------------------------------------------------------------


@require_safe
def image_base(request: HttpRequest, identifier: str) -> HttpResponse:
    """The base URI of an image redirects (303) to its information document."""
    if selectors.hosted_image(identifier=identifier, user=request.user) is None:
        return error_response(404, f"no image '{identifier}'")
    return _cors(HttpResponseSeeOther(reverse("iiif:image_info", args=[identifier])))


@require_safe
def image_information(request: HttpRequest, identifier: str) -> HttpResponse:
    media = selectors.hosted_image(identifier=identifier, user=request.user)
    if media is None:
        return error_response(404, f"no image '{identifier}'")
    service_id = request_links(request).image_service(identifier)
    response = json_response(request, image_info(media, service_id=service_id), IMAGE_CONTEXT)
    response["Link"] = _PROFILE_LINK
    return response


@require_safe
def image(
    request: HttpRequest, identifier: str, region: str, size: str, rotation: str, quality: str
) -> HttpResponseBase:
    """One image request: {region}/{size}/{rotation}/{quality}.{format}."""
    try:
        derivative = hosted_derivative(
            identifier=identifier,
            region=region,
            size=size,
            rotation=rotation,
            quality=quality,
            user=request.user,
        )
    except ImageRequestError as error:
        return error_response(error.status, error.message)
    media, resolved, path = derivative.media, derivative.plan, derivative.path
    response = FileResponse(path.open("rb"), content_type=MEDIA_TYPES[resolved.format])
    service = request_links(request).image_service(identifier)
    response["Link"] = f'{_PROFILE_LINK}, <{service}/{resolved.canonical}>;rel="canonical"'
    response["Cache-Control"] = (
        _PUBLIC_IMAGE_CACHING
        if media.object.visibility == Visibility.PUBLIC
        else _PRIVATE_IMAGE_CACHING
    )
    return _cors(response)


# --- Presentation API ----------------------------------------------------------------------


@require_safe
def manifest(request: HttpRequest, pk: int) -> HttpResponse:
    obj = selectors.manifest_object(pk=pk, user=request.user)
    document = object_manifest(obj, links=request_links(request)) if obj is not None else None
    if document is None:
        return error_response(404, f"no object {pk} with an image, or it is not visible to you")
    return json_response(request, document, PRESENTATION_CONTEXT)


@require_safe
def institution_collection_view(
    request: HttpRequest, code: str, page: int | None = None
) -> HttpResponse:
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        return error_response(404, f"no institution '{code}'")
    objects = selectors.collection_objects(institution=institution, user=request.user)
    try:
        document = institution_collection(
            institution,
            objects,
            links=request_links(request),
            page_size=settings.CARAVAN_IIIF_COLLECTION_PAGE_SIZE,
            page=page,
        )
    except NoSuchPage as error:
        return error_response(404, str(error))
    return json_response(request, document, PRESENTATION_CONTEXT)


@require_safe
def alliance_collection_view(request: HttpRequest, code: str) -> HttpResponse:
    alliance = Alliance.objects.filter(code=code).first()
    if alliance is None:
        return error_response(404, f"no alliance '{code}'")
    members = selectors.institutions_with_images(alliance=alliance, user=request.user)
    document = alliance_collection(alliance, members, links=request_links(request))
    return json_response(request, document, PRESENTATION_CONTEXT)
