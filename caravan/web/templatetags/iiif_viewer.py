"""Template helpers for the object page's IIIF viewer (logic in caravan.api.iiif.viewer)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from caravan.api.iiif.viewer import ObjectViewer, object_viewer, thumbnail_src
from caravan.catalogue.models import CatalogueObject, ObjectMedia

register = template.Library()


@register.simple_tag
def iiif_viewer(obj: CatalogueObject, media: Iterable[ObjectMedia]) -> ObjectViewer:
    """{% iiif_viewer object media as viewer %}: viewer.images (each with .src, .info_url,
    .caption), viewer.manifest_url ('' when none) and viewer.deep_zoom."""
    return object_viewer(obj, media)


@register.filter
def iiif_thumbnail(media: object) -> str:
    """media|iiif_thumbnail: a card-sized picture's address, hosted images included ('' for
    anything else, such as the empty string `first` gives for no media)."""
    return thumbnail_src(media) if isinstance(media, ObjectMedia) else ""
