"""IIIF Presentation API 3.0 collection of an exhibition: its objects' manifests.

One Manifest reference per checklist object the reader may see that has an image (an object
has a manifest exactly when one of its media can paint a canvas), in checklist order. The
exhibition's titles are the label, its subtitles and description the summary, in every
language they are written in; the public page and the printable catalogue are linked.
Exhibitions the reader may not see are a 404, like their pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from caravan.api.iiif.collections import manifest_references
from caravan.api.iiif.language import merged
from caravan.api.iiif.links import Links
from caravan.api.iiif.presentation import PRESENTATION_CONTEXT, image_body, institution_agent
from caravan.api.iiif.views import error_response, json_response, request_links
from caravan.catalogue.models import CatalogueObject
from caravan.exhibitions.models import ChecklistItem, Exhibition
from caravan.exhibitions.selectors import exhibition_checklist, exhibition_detail


def exhibition_collection(
    exhibition: Exhibition, items: Iterable[ChecklistItem], *, links: Links
) -> dict[str, Any]:
    """The collection document; `items` are the checklist items the reader may see, in order
    (their objects' media prefetched)."""
    label = merged([exhibition.titles]) or {"none": [exhibition.code]}
    collection: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": links.absolute(_collection_path(exhibition.code)),
        "type": "Collection",
        "label": label,
    }
    summary = merged([exhibition.subtitles, exhibition.description])
    if summary:
        collection["summary"] = summary
    collection["provider"] = [institution_agent(exhibition.lead_organiser, links)]
    collection["homepage"] = [
        {
            "id": links.page("web:exhibition_public", exhibition.code),
            "type": "Text",
            "label": label,
            "format": "text/html",
        }
    ]
    collection["rendering"] = [
        {
            "id": links.page("web:exhibition_catalogue_pdf", exhibition.code),
            "type": "Text",
            "label": label,
            "format": "application/pdf",
        }
    ]
    objects = [item.object for item in items if _has_manifest(item.object, links)]
    collection["items"] = manifest_references(objects, links)
    return collection


def _has_manifest(obj: CatalogueObject, links: Links) -> bool:
    """The manifest view answers for an object exactly when a media item paints a canvas."""
    return any(image_body(media, links) is not None for media in obj.media.all())


def _collection_path(code: str) -> str:
    return reverse("iiif:exhibition_collection", args=[code])


@require_safe
def exhibition_collection_view(request: HttpRequest, code: str) -> HttpResponse:
    exhibition = exhibition_detail(user=request.user, code=code)
    if exhibition is None:
        return error_response(404, f"no exhibition '{code}' visible to you")
    checklist = exhibition_checklist(exhibition=exhibition, user=request.user)
    document = exhibition_collection(exhibition, checklist.items, links=request_links(request))
    return json_response(request, document, PRESENTATION_CONTEXT)
