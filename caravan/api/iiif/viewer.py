"""What pages need to show an object's images: the object page's viewer, cards' thumbnails.

Every item has a plain image address (shown as <img>, so the page works without JavaScript);
hosted images and external IIIF services also have an info.json address, which OpenSeadragon
opens for deep zoom. Addresses of Caravan's own service are site-relative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from caravan.catalogue.models import CatalogueObject, ObjectMedia

# The plain image of a hosted item fits in this square (the page column is narrower).
PLAIN_SIDE = 1200
THUMBNAIL_SIDE = 400


@dataclass(frozen=True)
class ViewerImage:
    src: str
    info_url: str = ""  # an IIIF Image info.json: deep zoom
    width: int | None = None
    height: int | None = None
    caption: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ObjectViewer:
    images: list[ViewerImage]
    manifest_url: str  # '' when the object has no manifest

    @property
    def deep_zoom(self) -> bool:
        return any(image.info_url for image in self.images)


def object_viewer(obj: CatalogueObject, media: Iterable[ObjectMedia]) -> ObjectViewer:
    """The images of an object's page and its manifest's address.

    An object has a manifest exactly when it has an image to show (the same media count)."""
    images = [image for item in media if (image := _viewer_image(item)) is not None]
    manifest_url = ""
    if images:
        try:
            manifest_url = reverse("iiif:manifest", args=[obj.pk])
        except NoReverseMatch:  # IIIF is not mounted in this deployment
            manifest_url = ""
    return ObjectViewer(images=images, manifest_url=manifest_url)


def thumbnail_src(item: ObjectMedia | None, side: int = THUMBNAIL_SIDE) -> str:
    """A small picture of a media item for lists and cards: a hosted image scaled to fit `side`
    pixels by Caravan's Image service, else the record's thumbnail or image URL ('' if none)."""
    if item is None:
        return ""
    if _is_hosted(item):
        return _hosted_src(item, side)
    return item.thumbnail_url or item.image_url


def _viewer_image(item: ObjectMedia) -> ViewerImage | None:
    if _is_hosted(item):
        return ViewerImage(
            src=_hosted_src(item, PLAIN_SIDE),
            info_url=f"{reverse('iiif:image_base', args=[item.hosted_id])}/info.json",
            width=item.width,
            height=item.height,
            caption=item.caption,
        )
    if item.iiif_service:
        base = item.iiif_service.rstrip("/")
        return ViewerImage(
            src=item.image_url or item.thumbnail_url or f"{base}/full/max/0/default.jpg",
            info_url=f"{base}/info.json",
            width=item.width,
            height=item.height,
            caption=item.caption,
        )
    src = item.image_url or item.thumbnail_url
    return ViewerImage(src=src, caption=item.caption) if src else None


def _is_hosted(item: ObjectMedia) -> bool:
    return bool(item.hosted_id and item.image_file and item.width and item.height)


def _hosted_src(item: ObjectMedia, side: int) -> str:
    """The whole hosted image fitted into a square of `side` pixels (never enlarged)."""
    base = reverse("iiif:image_base", args=[item.hosted_id])
    width, height = item.width or 1, item.height or 1
    scale = min(1.0, side / max(width, height))
    if scale == 1.0:
        return f"{base}/full/max/0/default.jpg"
    return (
        f"{base}/full/{max(1, round(width * scale))},{max(1, round(height * scale))}/0/default.jpg"
    )
