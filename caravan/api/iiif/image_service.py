"""The IIIF Image API 3.0 service for hosted images: what it declares and how it answers.

Compliance level 2 (every region, size, quarter-turn rotation, color and gray quality, jpg and
png), plus mirroring, any rotation, upscaling with `^`, bitonal quality, webp, gif and tif, and
the profile and canonical Link headers. info.json declares exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from caravan.accounts.models import User
from caravan.api.iiif.image_cache import cached_derivative
from caravan.api.iiif.image_render import render
from caravan.api.iiif.image_request import (
    ImageRequestError,
    Limits,
    Plan,
    max_size,
    parse,
    plan,
)
from caravan.api.iiif.selectors import hosted_image
from caravan.catalogue.models import ObjectMedia
from caravan.core.codes import is_rights_uri

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
PROFILE = "level2"
PROFILE_URI = "http://iiif.io/api/image/3/level2.json"
TILE_SIZE = 512
# Beyond level 2 (which already has regionByPct, sizeByPct, sizeByConfinedWh, rotationBy90s,
# color and gray, png, and the base URI redirect, CORS and JSON-LD media type).
EXTRA_FEATURES = [
    "mirroring",
    "rotationArbitrary",
    "sizeUpscaling",
    "profileLinkHeader",
    "canonicalLinkHeader",
]
# Image API 3.0 lists every quality other than default here, level 2 ones included.
EXTRA_QUALITIES = ["color", "gray", "bitonal"]
EXTRA_FORMATS = ["webp", "gif", "tif"]
# The smallest size listed in info.json's `sizes` (thumbnails are made from these).
_SMALLEST_LISTED = 64


def image_limits() -> Limits:
    side = settings.CARAVAN_IIIF_MAX_SIDE
    return Limits(max_width=side, max_height=side, max_area=settings.CARAVAN_IIIF_MAX_AREA)


def image_info(media: ObjectMedia, *, service_id: str) -> dict[str, Any]:
    """The image information document (info.json) of a hosted image."""
    width, height = media.width or 0, media.height or 0
    limits = image_limits()
    info: dict[str, Any] = {
        "@context": IMAGE_CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": PROFILE,
        "width": width,
        "height": height,
        "maxWidth": limits.max_width,
        "maxHeight": limits.max_height,
        "maxArea": limits.max_area,
        "sizes": [{"width": w, "height": h} for w, h in listed_sizes(width, height, limits)],
        "tiles": [{"width": TILE_SIZE, "scaleFactors": scale_factors(width, height)}],
        "extraQualities": EXTRA_QUALITIES,
        "extraFormats": EXTRA_FORMATS,
        "extraFeatures": EXTRA_FEATURES,
    }
    rights = image_rights(media)
    if rights:
        info["rights"] = rights
    return info


def image_rights(media: ObjectMedia) -> str:
    """The image's own rights statement, else its object's, when it is one IIIF accepts."""
    for uri in (media.rights, media.object.rights):
        if uri and is_rights_uri(uri):
            return iiif_rights(uri)
    return ""


def iiif_rights(uri: str) -> str:
    """A rights URI in the form IIIF's context lists: Creative Commons over plain http."""
    return uri.replace("https://creativecommons.org/", "http://creativecommons.org/", 1)


def scale_factors(width: int, height: int) -> list[int]:
    """Powers of two until the whole image fits in one tile."""
    factors = [1]
    while max(width, height) / factors[-1] > TILE_SIZE:
        factors.append(factors[-1] * 2)
    return factors


def listed_sizes(width: int, height: int, limits: Limits) -> list[tuple[int, int]]:
    """Whole-image sizes that are cheap to ask for: halvings of the largest allowed, smallest
    first, down to about a thumbnail."""
    largest = max_size(width, height, limits)
    sizes = [largest]
    factor = 2
    while max(largest) // factor >= _SMALLEST_LISTED:
        sizes.append((max(1, round(largest[0] / factor)), max(1, round(largest[1] / factor))))
        factor *= 2
    return sorted(set(sizes))


def derivative_path(media: ObjectMedia, plan: Plan) -> Path:
    """The file holding the derivative a plan describes, from the cache or rendered into it."""
    width, height = media.width or 0, media.height or 0

    def render_now() -> bytes:
        with media.image_file.open("rb") as source:
            return render(source, plan, width=width, height=height)

    return cached_derivative(
        hosted_id=media.hosted_id,
        source_name=media.image_file.name,
        canonical=plan.canonical,
        suffix=plan.format,
        render=render_now,
    )


@dataclass(frozen=True)
class Derivative:
    media: ObjectMedia
    plan: Plan
    path: Path


def hosted_derivative(
    *,
    identifier: str,
    region: str,
    size: str,
    rotation: str,
    quality: str,
    user: User | AnonymousUser,
) -> Derivative:
    """The rendered (or cached) file for one Image API request on a hosted image the user may
    see. Raises ImageRequestError with the status to answer: 400 or 501 for the request, 404
    for an image that does not exist or is hidden from this reader."""
    parsed = parse(region, size, rotation, quality)
    media = hosted_image(identifier=identifier, user=user)
    if media is None or not media.width or not media.height:
        raise ImageRequestError(404, f"no image '{identifier}'")
    resolved = plan(parsed, width=media.width, height=media.height, limits=image_limits())
    return Derivative(media, resolved, derivative_path(media, resolved))
