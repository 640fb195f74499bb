"""IIIF Image API 3.0 requests: the URL's parameters parsed, then resolved against one image.

Parsing needs nothing but the URL (bad syntax is a 400 before the database is asked); planning
needs the image's pixel size and the server's limits, and works out the pixel box to cut, the
size to scale it to and the canonical form of the request, which also keys the derivative cache.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

FORMATS = ("jpg", "png", "webp", "gif", "tif")
# Formats the Image API names but this service does not produce: 501, not 400.
KNOWN_UNSUPPORTED_FORMATS = ("jp2", "pdf")
QUALITIES = ("default", "color", "gray", "bitonal")

_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_PIXEL_REGION = re.compile(r"(\d+),(\d+),(\d+),(\d+)")
_PERCENT_REGION = re.compile(rf"pct:({_NUMBER}),({_NUMBER}),({_NUMBER}),({_NUMBER})")
_WIDTH_ONLY = re.compile(r"(\d+),")
_HEIGHT_ONLY = re.compile(r",(\d+)")
_BOTH = re.compile(r"(!?)(\d+),(\d+)")
_PERCENT_SIZE = re.compile(rf"pct:({_NUMBER})")
_ROTATION = re.compile(rf"(!?)({_NUMBER})")


class ImageRequestError(Exception):
    """A request the service refuses, with the HTTP status to answer and a reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _bad(message: str) -> ImageRequestError:
    return ImageRequestError(400, message)


RegionKind = Literal["full", "square", "pixels", "percent"]
SizeKind = Literal["max", "width", "height", "percent", "exact", "confined"]


@dataclass(frozen=True)
class Region:
    kind: RegionKind
    values: tuple[float, ...] = ()


@dataclass(frozen=True)
class Size:
    kind: SizeKind
    upscale: bool = False
    width: int = 0
    height: int = 0
    percent: float = 0.0


@dataclass(frozen=True)
class ImageRequest:
    region: Region
    size: Size
    mirror: bool
    rotation: float
    quality: str
    format: str


@dataclass(frozen=True)
class Limits:
    """The largest derivative rendered (info.json's maxWidth, maxHeight and maxArea)."""

    max_width: int
    max_height: int
    max_area: int


@dataclass(frozen=True)
class Plan:
    """What to render: a pixel box of the image, its output size, then the turns and quality."""

    x: int
    y: int
    box_width: int
    box_height: int
    width: int
    height: int
    mirror: bool
    rotation: float
    quality: str
    format: str
    canonical: str  # region/size/rotation/quality.format, as the spec's canonical URI form


def parse(region: str, size: str, rotation: str, quality_format: str) -> ImageRequest:
    """Parse the four parameters of an image request; raises ImageRequestError (400 or 501)."""
    quality, dot, file_format = quality_format.rpartition(".")
    if not dot:
        raise _bad("the last segment must be quality.format, e.g. default.jpg")
    if quality not in QUALITIES:
        raise _bad(f"unknown quality '{quality}' (known: {', '.join(QUALITIES)})")
    if file_format in KNOWN_UNSUPPORTED_FORMATS:
        raise ImageRequestError(501, f"the format '{file_format}' is not produced here")
    if file_format not in FORMATS:
        raise _bad(f"unknown format '{file_format}' (available: {', '.join(FORMATS)})")
    mirror, degrees = _parse_rotation(rotation)
    return ImageRequest(
        region=_parse_region(region),
        size=_parse_size(size),
        mirror=mirror,
        rotation=degrees,
        quality=quality,
        format=file_format,
    )


def _parse_region(text: str) -> Region:
    if text in ("full", "square"):
        return Region(text)  # type: ignore[arg-type]
    if match := _PIXEL_REGION.fullmatch(text):
        return Region("pixels", tuple(float(value) for value in match.groups()))
    if match := _PERCENT_REGION.fullmatch(text):
        return Region("percent", tuple(float(value) for value in match.groups()))
    raise _bad(f"'{text}' is not a region (full, square, x,y,w,h or pct:x,y,w,h)")


def _parse_size(text: str) -> Size:
    upscale = text.startswith("^")
    body = text[1:] if upscale else text
    if body == "max":
        return Size("max", upscale)
    if match := _WIDTH_ONLY.fullmatch(body):
        return Size("width", upscale, width=int(match[1]))
    if match := _HEIGHT_ONLY.fullmatch(body):
        return Size("height", upscale, height=int(match[1]))
    if match := _PERCENT_SIZE.fullmatch(body):
        return Size("percent", upscale, percent=float(match[1]))
    if match := _BOTH.fullmatch(body):
        kind: SizeKind = "confined" if match[1] else "exact"
        return Size(kind, upscale, width=int(match[2]), height=int(match[3]))
    raise _bad(f"'{text}' is not a size (max, w,, ,h, w,h, !w,h, pct:n, each with ^ to upscale)")


def _parse_rotation(text: str) -> tuple[bool, float]:
    match = _ROTATION.fullmatch(text)
    if not match:
        raise _bad(f"'{text}' is not a rotation (degrees from 0 to 360, ! first to mirror)")
    degrees = float(match[2])
    if degrees > 360:
        raise _bad(f"the rotation {text} is more than 360 degrees")
    return bool(match[1]), degrees


def plan(request: ImageRequest, *, width: int, height: int, limits: Limits) -> Plan:
    """Resolve a request against an image of width × height pixels.

    Raises ImageRequestError (400) for a region outside the image, an empty result, a size
    larger than the region without `^`, or a result beyond the limits.
    """
    x, y, box_width, box_height = _region_box(request.region, width, height)
    out_width, out_height = _output_size(request.size, box_width, box_height, limits)
    full = (x, y, box_width, box_height) == (0, 0, width, height)
    canonical_size = _canonical_size(out_width, out_height, box_width, box_height, limits)
    canonical = "/".join(
        (
            "full" if full else f"{x},{y},{box_width},{box_height}",
            canonical_size,
            ("!" if request.mirror else "") + _number(request.rotation),
            f"{request.quality}.{request.format}",
        )
    )
    return Plan(
        x=x,
        y=y,
        box_width=box_width,
        box_height=box_height,
        width=out_width,
        height=out_height,
        mirror=request.mirror,
        rotation=request.rotation,
        quality=request.quality,
        format=request.format,
        canonical=canonical,
    )


def _region_box(region: Region, width: int, height: int) -> tuple[int, int, int, int]:
    if region.kind == "full":
        return 0, 0, width, height
    if region.kind == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    if region.kind == "pixels":
        x, y, w, h = (int(value) for value in region.values)
    else:
        px, py, pw, ph = region.values
        if pw <= 0 or ph <= 0:
            raise _bad("a region must have a width and a height")
        x, y = round(px * width / 100), round(py * height / 100)
        w, h = max(1, round(pw * width / 100)), max(1, round(ph * height / 100))
    if w <= 0 or h <= 0:
        raise _bad("a region must have a width and a height")
    if x >= width or y >= height:
        raise _bad(f"the region starts outside the image ({width} × {height} pixels)")
    return x, y, min(w, width - x), min(h, height - y)


def _output_size(size: Size, box_width: int, box_height: int, limits: Limits) -> tuple[int, int]:
    if size.kind == "max":
        return max_size(box_width, box_height, limits, upscale=size.upscale)
    out = _asked_size(size, box_width, box_height)
    _check_size(out, size.upscale, box_width, box_height, limits)
    return out


def _asked_size(size: Size, box_width: int, box_height: int) -> tuple[int, int]:
    if size.kind == "width":
        return size.width, round(box_height * size.width / box_width)
    if size.kind == "height":
        return round(box_width * size.height / box_height), size.height
    if size.kind == "percent":
        if size.percent > 100 and not size.upscale:
            raise _bad("a size over 100% needs ^ (upscaling)")
        return round(box_width * size.percent / 100), round(box_height * size.percent / 100)
    if size.kind == "exact":
        return size.width, size.height
    scale = min(size.width / box_width, size.height / box_height)
    # A box larger than the region both ways would mean upscaling to fill it: refused without
    # ^, which is how the Image API validator reads the 3.0 specification.
    if scale > 1 and not size.upscale:
        raise _bad("!w,h larger than the region needs ^ (upscaling)")
    return (
        min(size.width, round(box_width * scale)),
        min(size.height, round(box_height * scale)),
    )


def _check_size(
    out: tuple[int, int], upscale: bool, box_width: int, box_height: int, limits: Limits
) -> None:
    width, height = out
    if width < 1 or height < 1:
        raise _bad("the requested size is empty")
    if not upscale and (width > box_width or height > box_height):
        raise _bad(
            f"{width} × {height} is larger than the region "
            f"({box_width} × {box_height}); use ^ to upscale"
        )
    if width > limits.max_width or height > limits.max_height:
        raise _bad(f"at most {limits.max_width} × {limits.max_height} pixels are rendered")
    if width * height > limits.max_area:
        raise _bad(f"at most {limits.max_area} pixels are rendered in one image")


def max_size(width: int, height: int, limits: Limits, *, upscale: bool = False) -> tuple[int, int]:
    """The size `max` (or `^max`) gives for a region: as large as the limits allow."""
    scale = min(
        limits.max_width / width,
        limits.max_height / height,
        math.sqrt(limits.max_area / (width * height)),
    )
    if not upscale:
        scale = min(scale, 1.0)
    if scale == 1.0:
        return width, height
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _canonical_size(
    width: int, height: int, box_width: int, box_height: int, limits: Limits
) -> str:
    if (width, height) == max_size(box_width, box_height, limits):
        return "max"
    upscaled = width > box_width or height > box_height
    return f"{'^' if upscaled else ''}{width},{height}"


def _number(value: float) -> str:
    """A rotation as the canonical form writes it: no trailing zeros, no trailing dot."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"
