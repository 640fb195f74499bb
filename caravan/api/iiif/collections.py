"""IIIF Presentation API 3.0 collections: an institution's manifests, and an alliance's members.

An institution's collection lists the manifests of its objects with images that the reader may
see. Up to CARAVAN_IIIF_COLLECTION_PAGE_SIZE of them are listed flat; beyond that the
collection lists nested collections of that many each (Presentation 3.0 has no paging of its
own: nesting is how it splits a long list), so no document grows with the catalogue.
An alliance's collection lists its current members' collections, not their manifests: each of
those is already bounded, and a harvester follows them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language, gettext

from caravan.api.iiif.language import language_map, ui_texts
from caravan.api.iiif.links import Links
from caravan.api.iiif.presentation import PRESENTATION_CONTEXT, institution_agent, media_thumbnail
from caravan.catalogue.models import CatalogueObject
from caravan.core.langmap import pick
from caravan.institutions.models import Alliance, Institution


class NoSuchPage(LookupError):
    """A page number beyond the collection's pages."""


def institution_collection(
    institution: Institution,
    objects: QuerySet[CatalogueObject],
    *,
    links: Links,
    page_size: int,
    page: int | None = None,
) -> dict[str, Any]:
    """An institution's collection (page None) or one of its nested pages; raises NoSuchPage."""
    count = objects.count()
    pages = max(1, math.ceil(count / page_size))
    names = language_map(institution.names) or {"none": [institution.code]}
    whole = {
        "id": links.institution_collection(institution.code),
        "type": "Collection",
        "label": names,
    }
    if page is None:
        collection: dict[str, Any] = {"@context": PRESENTATION_CONTEXT, **whole}
        if count > page_size:
            items = [
                _page_reference(institution, number, count, links, page_size)
                for number in range(1, pages + 1)
            ]
        else:
            items = manifest_references(objects, links)
    elif 1 <= page <= pages:
        reference = _page_reference(institution, page, count, links, page_size)
        collection = {"@context": PRESENTATION_CONTEXT, **reference, "partOf": [whole]}
        start = (page - 1) * page_size
        items = manifest_references(objects[start : start + page_size], links)
    else:
        raise NoSuchPage(f"{institution.code} has {pages} page(s) of manifests")
    collection["provider"] = [institution_agent(institution, links)]
    collection["homepage"] = [
        {
            "id": links.page("web:institution_detail", institution.code),
            "type": "Text",
            "label": names,
            "format": "text/html",
        }
    ]
    collection["items"] = items
    return collection


def _page_reference(
    institution: Institution, number: int, count: int, links: Links, page_size: int
) -> dict[str, Any]:
    first = (number - 1) * page_size + 1
    last = min(count, number * page_size)

    def label() -> str:
        # ui_texts sets each UI language in turn; the name follows it where the map allows.
        chosen = pick(institution.names, get_language() or "en")
        name = chosen.text if chosen else institution.code
        return gettext("%(name)s: objects %(first)s–%(last)s") % {
            "name": name,
            "first": first,
            "last": last,
        }

    return {
        "id": links.institution_collection(institution.code, number),
        "type": "Collection",
        "label": ui_texts(label),
    }


def manifest_references(objects: Iterable[CatalogueObject], links: Links) -> list[dict[str, Any]]:
    references = []
    for obj in objects:
        reference: dict[str, Any] = {
            "id": links.manifest(obj.pk),
            "type": "Manifest",
            "label": language_map(obj.titles) or {"none": [str(obj.pk)]},
        }
        thumbnail = next(
            (found for media in obj.media.all() if (found := media_thumbnail(media, links))),
            None,
        )
        if thumbnail:
            reference["thumbnail"] = [thumbnail]
        references.append(reference)
    return references


def alliance_collection(
    alliance: Alliance, members: list[tuple[Institution, int]], *, links: Links
) -> dict[str, Any]:
    """An alliance's collection: one nested collection per member with objects to show."""
    return {
        "@context": PRESENTATION_CONTEXT,
        "id": links.alliance_collection(alliance.code),
        "type": "Collection",
        "label": language_map(alliance.names) or {"none": [alliance.code]},
        "homepage": [
            {
                "id": links.page("web:alliance_detail", alliance.code),
                "type": "Text",
                "label": language_map(alliance.names) or {"none": [alliance.code]},
                "format": "text/html",
            }
        ],
        "items": [
            {
                "id": links.institution_collection(institution.code),
                "type": "Collection",
                "label": language_map(institution.names) or {"none": [institution.code]},
            }
            for institution, _count in members
        ],
    }
