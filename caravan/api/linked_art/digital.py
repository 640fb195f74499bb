"""Where an object is seen: its owner, its web pages, its IIIF manifest and its images."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from caravan.api.linked_art import vocab
from caravan.api.linked_art.entities import label, language_map_statements, rights_statement
from caravan.api.linked_art.vocab import Entity, aat_type
from caravan.catalogue.models import CatalogueObject, ObjectMedia


def iiif_manifest_path(pk: int) -> str:
    """The path of an object's IIIF Presentation manifest."""
    return reverse("iiif:manifest", args=[pk])


def iiif_image_path(hosted_id: str) -> str:
    """The IIIF Image API service of an image Caravan hosts."""
    return reverse("iiif:image_base", args=[hosted_id])


def object_page_path(pk: int) -> str:
    """The object's page without a language prefix: the reader's own language then applies."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("web:object_detail", args=[pk])


def institution_page_path(code: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("web:institution_detail", args=[code])


def owner(obj: CatalogueObject, base: str) -> Entity:
    institution = obj.institution
    return {
        "id": base + institution_page_path(institution.code),
        "type": "Group",
        "_label": label(institution.names) or institution.code,
    }


def pages(obj: CatalogueObject, base: str, *, with_manifest: bool) -> list[Entity]:
    """The object's page here, its page at the institution, and its IIIF manifest (which
    Caravan serves for every object with an image to show)."""
    found = [web_page(base + object_page_path(obj.pk), "Page on this site")]
    if obj.web_page:
        found.append(web_page(obj.web_page, "Page on the institution's site"))
    if with_manifest:
        manifest = {
            "type": "DigitalObject",
            "_label": "IIIF manifest",
            "access_point": [{"id": base + iiif_manifest_path(obj.pk), "type": "DigitalObject"}],
            "conforms_to": [{"id": vocab.IIIF_PRESENTATION, "type": "InformationObject"}],
            "format": vocab.IIIF_MANIFEST_FORMAT,
        }
        found.append({"type": "LinguisticObject", "digitally_carried_by": [manifest]})
    return found


def web_page(url: str, name: str) -> Entity:
    page = {
        "type": "DigitalObject",
        "_label": name,
        "classified_as": [aat_type(vocab.WEB_PAGE)],
        "format": "text/html",
        "access_point": [{"id": url, "type": "DigitalObject"}],
    }
    return {"type": "LinguisticObject", "digitally_carried_by": [page]}


def representations(obj: CatalogueObject, media: list[ObjectMedia], base: str) -> list[Entity]:
    """One VisualItem per image, with its caption and the rights its image is under."""
    visuals = []
    for item in media:
        image = digital_image(item, base)
        if image is None:
            continue
        visual: Entity = {"type": "VisualItem", "digitally_shown_by": [image]}
        caption = label(item.caption, obj.language)
        if caption:
            visual["_label"] = caption
        statements = language_map_statements(item.caption, obj.language, vocab.DESCRIPTION)
        rights = item.rights or obj.rights
        if rights:
            statements.append(rights_statement(rights))
        if statements:
            visual["referred_to_by"] = statements
        visuals.append(visual)
    return visuals


def digital_image(item: ObjectMedia, base: str) -> Entity | None:
    """The image file and its IIIF Image service: the member's own, or Caravan's for an image
    it hosts (whose full size is then the access point)."""
    service = item.iiif_service
    url = item.image_url or item.thumbnail_url
    if item.hosted_id and item.image_file:
        service = service or base + iiif_image_path(item.hosted_id)
        url = url or f"{service}/full/max/0/default.jpg"
    if not url and not service:
        return None
    image: Entity = {"type": "DigitalObject", "classified_as": [aat_type(vocab.DIGITAL_IMAGE)]}
    if url:
        media_type, _ = mimetypes.guess_type(url)
        if media_type and media_type.startswith("image/"):
            image["format"] = media_type
        image["access_point"] = [{"id": url, "type": "DigitalObject"}]
    if service:
        image["digitally_available_via"] = [
            {
                "type": "DigitalService",
                "access_point": [{"id": service, "type": "DigitalObject"}],
                "conforms_to": [{"id": vocab.IIIF_IMAGE, "type": "InformationObject"}],
            }
        ]
    return image
