"""IIIF Presentation API 3.0 manifests: one per catalogue object that has something to show.

Each usable media item becomes a Canvas painted with one Image: a hosted image with Caravan's
own Image service, an external image with the member's IIIF Image service, or a plain image URL.
Texts are language maps in every language the record has; field labels come in every UI
language they are translated into.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext, gettext_lazy

from caravan.api.iiif.image_request import max_size
from caravan.api.iiif.image_service import PROFILE, iiif_rights, image_limits
from caravan.api.iiif.language import IIIFLanguageMap, language_map, merged, ui_label, ui_texts
from caravan.api.iiif.links import Links
from caravan.catalogue.models import AgentKind, CatalogueObject, ObjectMedia, TermField
from caravan.core.codes import is_rights_uri
from caravan.institutions.models import Institution

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# A canvas needs a size; an external image's is not recorded, so it gets this square one (its
# image service's info.json tells viewers the real size).
NOMINAL_CANVAS_SIDE = 1000
THUMBNAIL_SIDE = 400
# An Image API 3 service announces itself in its path more often than not (/iiif/3/, /v3/);
# anything else is taken for the still more common version 2.
_VERSION_3_PATH = re.compile(r"/(?:iiif/|image/)*v?3(?:/|$)")

LINKED_ART_PROFILE = "https://linked.art/ns/v1/linked-art.json"

_INSTITUTION = gettext_lazy("Institution")
_INVENTORY_NUMBER = gettext_lazy("Inventory number")
_MAKERS = gettext_lazy("Makers")
_CULTURE = gettext_lazy("Culture")
_DATE = gettext_lazy("Date")
_PLACE = gettext_lazy("Place of production")
_DIMENSIONS = gettext_lazy("Dimensions")
_INSCRIPTIONS = gettext_lazy("Inscriptions")
_CREDIT_LINE = gettext_lazy("Credit line")
_OWN_PAGE = gettext_lazy("The institution's own page for this object")


def object_manifest(obj: CatalogueObject, *, links: Links) -> dict[str, Any] | None:
    """The manifest of an object (its media prefetched), or None when it has nothing to show."""
    manifest_id = links.manifest(obj.pk)
    canvases = [
        canvas
        for number, media in enumerate(obj.media.all(), start=1)
        if (canvas := _canvas(obj, media, links.canvas(obj.pk, number), links))
    ]
    if not canvases:
        return None
    manifest: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": language_map(obj.titles) or {"none": [obj.local_id]},
    }
    if obj.descriptions:
        manifest["summary"] = language_map(obj.descriptions)
    manifest["metadata"] = object_metadata(obj)
    manifest["requiredStatement"] = _required_statement(obj)
    if obj.rights and is_rights_uri(obj.rights):
        manifest["rights"] = iiif_rights(obj.rights)
    manifest["provider"] = [institution_agent(obj.institution, links)]
    manifest["homepage"] = _homepages(obj, links)
    see_also = _see_also(obj, links)
    if see_also:
        manifest["seeAlso"] = see_also
    manifest["partOf"] = [
        {
            "id": links.institution_collection(obj.institution.code),
            "type": "Collection",
            "label": language_map(obj.institution.names),
        }
    ]
    thumbnail = canvases[0].get("thumbnail")
    if thumbnail:
        manifest["thumbnail"] = thumbnail
    manifest["items"] = canvases
    return manifest


def _canvas(
    obj: CatalogueObject, media: ObjectMedia, canvas_id: str, links: Links
) -> dict[str, Any] | None:
    body = image_body(media, links)
    if body is None:
        return None
    if media.width and media.height:  # a hosted image's, or recorded with an external one
        width, height = media.width, media.height
    else:
        width = height = NOMINAL_CANVAS_SIDE
    canvas: dict[str, Any] = {"id": canvas_id, "type": "Canvas"}
    if media.caption:
        canvas["label"] = language_map(media.caption)
    canvas["width"], canvas["height"] = width, height
    if media.rights and media.rights != obj.rights and is_rights_uri(media.rights):
        canvas["rights"] = iiif_rights(media.rights)
    thumbnail = media_thumbnail(media, links)
    if thumbnail:
        canvas["thumbnail"] = [thumbnail]
    canvas["items"] = [
        {
            "id": f"{canvas_id}/page",
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{canvas_id}/image",
                    "type": "Annotation",
                    "motivation": "painting",
                    "body": body,
                    "target": canvas_id,
                }
            ],
        }
    ]
    return canvas


def image_body(media: ObjectMedia, links: Links) -> dict[str, Any] | None:
    """The Image resource a media item paints on its canvas, or None when it has none."""
    if media.hosted_id and media.image_file and media.width and media.height:
        service = links.image_service(media.hosted_id)
        width, height = max_size(media.width, media.height, image_limits())
        return {
            "id": f"{service}/full/max/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": width,
            "height": height,
            "service": [hosted_service(service)],
        }
    if media.iiif_service:
        url = media.image_url or f"{media.iiif_service.rstrip('/')}/full/max/0/default.jpg"
        return {**_image(url), "service": [external_service(media.iiif_service)]}
    url = media.image_url or media.thumbnail_url
    return _image(url) if url else None


def media_thumbnail(media: ObjectMedia, links: Links) -> dict[str, Any] | None:
    """A small Image for a media item: a scaled hosted image, else its thumbnail or image."""
    if media.hosted_id and media.image_file and media.width and media.height:
        service = links.image_service(media.hosted_id)
        width, height = thumbnail_size(media.width, media.height)
        size = "max" if (width, height) == (media.width, media.height) else f"{width},{height}"
        return {
            "id": f"{service}/full/{size}/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": width,
            "height": height,
            "service": [hosted_service(service)],
        }
    url = media.thumbnail_url or media.image_url
    if url:
        return _image(url)
    if media.iiif_service:
        base = media.iiif_service.rstrip("/")
        return {
            **_image(f"{base}/full/!{THUMBNAIL_SIDE},{THUMBNAIL_SIDE}/0/default.jpg"),
            "service": [external_service(media.iiif_service)],
        }
    return None


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, THUMBNAIL_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def hosted_service(service_id: str) -> dict[str, str]:
    return {"id": service_id, "type": "ImageService3", "profile": PROFILE}


def external_service(url: str) -> dict[str, str]:
    """A member's own Image service. Its version and level are not recorded: the version is read
    from its path, and level 0 (which every service meets) is claimed; viewers read the real
    profile from its info.json."""
    base = url.rstrip("/")
    if _VERSION_3_PATH.search(urlsplit(base).path):
        return {"id": base, "type": "ImageService3", "profile": "level0"}
    return {
        "@id": base,
        "@type": "ImageService2",
        "profile": "http://iiif.io/api/image/2/level0.json",
    }


def _image(url: str) -> dict[str, Any]:
    image: dict[str, Any] = {"id": url, "type": "Image"}
    guessed, _ = mimetypes.guess_type(urlsplit(url).path)
    if guessed and guessed.startswith("image/"):
        image["format"] = guessed
    return image


def institution_agent(institution: Institution, links: Links) -> dict[str, Any]:
    """The institution as a provider (an Agent), with its page on this site as homepage."""
    page = links.page("web:institution_detail", institution.code)
    names = language_map(institution.names) or {"none": [institution.code]}
    homepages: list[dict[str, Any]] = [
        {"id": page, "type": "Text", "label": names, "format": "text/html"}
    ]
    if institution.website:
        homepages.append(
            {"id": institution.website, "type": "Text", "label": names, "format": "text/html"}
        )
    agent: dict[str, Any] = {
        "id": f"http://www.wikidata.org/entity/{institution.wikidata}"
        if institution.wikidata
        else page,
        "type": "Agent",
        "label": names,
        "homepage": homepages,
    }
    if institution.logo:
        agent["logo"] = [_image(links.absolute(institution.logo.url))]
    return agent


def _required_statement(obj: CatalogueObject) -> dict[str, IIIFLanguageMap]:
    if obj.credit_line:
        return {"label": ui_label(_CREDIT_LINE), "value": language_map(obj.credit_line)}
    return {
        "label": ui_label(_INSTITUTION),
        "value": language_map(obj.institution.names) or {"none": [obj.institution.code]},
    }


def _homepages(obj: CatalogueObject, links: Links) -> list[dict[str, Any]]:
    homepages: list[dict[str, Any]] = [
        {
            "id": links.page("web:object_detail", obj.pk),
            "type": "Text",
            "label": language_map(obj.titles) or {"none": [obj.local_id]},
            "format": "text/html",
        }
    ]
    if obj.web_page:
        homepages.append(
            {
                "id": obj.web_page,
                "type": "Text",
                "label": ui_label(_OWN_PAGE),
                "format": "text/html",
            }
        )
    return homepages


def _see_also(obj: CatalogueObject, links: Links) -> list[dict[str, Any]]:
    linked_art = links.optional_page("api-v1:get_object_linked_art", obj.pk)
    if linked_art is None:
        return []
    return [
        {
            "id": linked_art,
            "type": "Dataset",
            "format": "application/ld+json",
            "profile": LINKED_ART_PROFILE,
        }
    ]


def object_metadata(obj: CatalogueObject) -> list[dict[str, IIIFLanguageMap]]:
    """Label–value pairs for display, in the order of the object page."""
    agents = list(obj.agents.all())
    makers = [agent for agent in agents if agent.kind != AgentKind.CULTURE]
    cultures = [agent for agent in agents if agent.kind == AgentKind.CULTURE]
    entries: list[tuple[Any, IIIFLanguageMap]] = [
        (_INSTITUTION, language_map(obj.institution.names)),
        (_INVENTORY_NUMBER, {"none": [obj.local_id]}),
        (_MAKERS, merged(_maker_texts(agent.names, agent.role) for agent in makers)),
        (_CULTURE, merged(agent.names for agent in cultures)),
        (_DATE, _date(obj)),
        (_PLACE, language_map(obj.production_place)),
    ]
    for field in TermField:
        entries.append((field.label, _terms(obj, field)))
    entries += [
        (_DIMENSIONS, language_map(obj.dimensions)),
        (_INSCRIPTIONS, language_map(obj.inscriptions)),
    ]
    return [{"label": ui_label(label), "value": value} for label, value in entries if value]


def _maker_texts(names: dict[str, str], role: dict[str, str]) -> dict[str, str]:
    """A maker's name in each language, with the role in the same language when there is one."""
    return {tag: f"{name} ({role[tag]})" if role.get(tag) else name for tag, name in names.items()}


def _date(obj: CatalogueObject) -> IIIFLanguageMap:
    if obj.date_display:
        return language_map(obj.date_display)
    if obj.earliest_year is None:
        return {}
    earliest, latest = obj.earliest_year, obj.latest_year
    return ui_texts(
        lambda: (
            _year(earliest)
            if latest in (None, earliest)
            else f"{_year(earliest)} – {_year(latest)}"
        )
    )


def _year(value: int | None) -> str:
    if value is None:
        return ""
    # The same phrase as the object page (caravan.web.templatetags.langmaps.year).
    return gettext("%(year)s BCE") % {"year": -value} if value < 0 else str(value)


def _terms(obj: CatalogueObject, field: TermField) -> IIIFLanguageMap:
    """The terms of one field in their own languages, with the linked concept's labels in the
    languages the record does not give."""
    maps = []
    for term in obj.terms.all():
        if term.field != field:
            continue
        texts = {term.lang: term.text}
        if term.concept is not None:
            for tag, label in term.concept.pref_labels.items():
                texts.setdefault(tag, label)
        maps.append(texts)
    return merged(maps)
