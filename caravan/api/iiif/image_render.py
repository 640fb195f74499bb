"""Rendering one IIIF derivative with Pillow: region, size, mirroring and rotation, quality,
format, in the order the Image API prescribes.

JPEG sources are decoded at a reduced scale when the output is at most half the region's size
(libjpeg scales by 1/2, 1/4 or 1/8 while decoding), which keeps low-zoom tiles of a large
master cheap; other formats are decoded whole.
"""

from __future__ import annotations

import io
import math
import warnings
from typing import IO

from PIL import Image, ImageOps

from caravan.api.iiif.image_request import Plan

MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "tif": "image/tiff",
}
_FORMATS_WITH_ALPHA = ("png", "webp", "gif", "tif")
_JPEG_QUALITY = 85
_WHITE = 255
_QUARTER_TURNS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112
# Clockwise quarter turns (the Image API's direction) as Pillow's transpositions.
_TURNS = {
    90.0: Image.Transpose.ROTATE_270,
    180.0: Image.Transpose.ROTATE_180,
    270.0: Image.Transpose.ROTATE_90,
}


def render(source: IO[bytes], plan: Plan, *, width: int, height: int) -> bytes:
    """The encoded derivative of a source image whose displayed size is width × height."""
    with warnings.catch_warnings():
        # Uploads were checked against Caravan's own pixel limit (caravan.catalogue.media).
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(source) as opened:
            image = _decoded(opened, plan, width, height)
    image = _cut_and_scale(image, plan, width, height)
    if plan.mirror:
        image = ImageOps.mirror(image)
    image = _rotated(image, plan)
    image = _with_quality(image, plan.quality)
    return _encoded(image, plan.format)


def _decoded(image: Image.Image, plan: Plan, width: int, height: int) -> Image.Image:
    scale = min(plan.width / plan.box_width, plan.height / plan.box_height)
    if image.format == "JPEG" and scale <= 0.5:
        wanted = (math.ceil(width * scale), math.ceil(height * scale))
        if image.getexif().get(_EXIF_ORIENTATION, 1) in _QUARTER_TURNS:
            wanted = (wanted[1], wanted[0])
        image.draft(None, wanted)
    oriented = ImageOps.exif_transpose(image)  # loads the pixels; a copy when turned
    return _common_mode(oriented)


def _common_mode(image: Image.Image) -> Image.Image:
    """RGB(A) or L(A): the modes every later step and encoder handles."""
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    if image.mode == "1":
        return image.convert("L")
    if image.mode in ("P", "PA"):
        has_alpha = image.mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if image.mode.startswith("I"):  # 16- or 32-bit grey (scans, TIFF masters)
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _cut_and_scale(image: Image.Image, plan: Plan, width: int, height: int) -> Image.Image:
    # The decoded image may be smaller than width × height (draft mode): scale the box to it.
    fx, fy = image.width / width, image.height / height
    box = (
        plan.x * fx,
        plan.y * fy,
        (plan.x + plan.box_width) * fx,
        (plan.y + plan.box_height) * fy,
    )
    if (fx, fy) == (1.0, 1.0) and (plan.width, plan.height) == (plan.box_width, plan.box_height):
        return image.crop((plan.x, plan.y, plan.x + plan.box_width, plan.y + plan.box_height))
    return image.resize(
        (plan.width, plan.height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0
    )


def _rotated(image: Image.Image, plan: Plan) -> Image.Image:
    degrees = plan.rotation % 360
    if degrees == 0:
        return image
    if degrees in _TURNS:
        return image.transpose(_TURNS[degrees])
    # Any other angle: the corners the turn uncovers are transparent where the format can say
    # so, white otherwise.
    if plan.format in _FORMATS_WITH_ALPHA:
        image = image.convert("RGBA" if image.mode in ("RGB", "RGBA") else "LA")
        fill: int | tuple[int, ...] = (0, 0, 0, 0) if image.mode == "RGBA" else (0, 0)
    else:
        fill = (_WHITE,) * len(image.getbands())
    return image.rotate(-degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def _with_quality(image: Image.Image, quality: str) -> Image.Image:
    alpha = image.mode in ("RGBA", "LA")
    if quality == "color" and image.mode in ("L", "LA"):
        return image.convert("RGBA" if alpha else "RGB")
    if quality == "gray" and image.mode in ("RGB", "RGBA"):
        return image.convert("LA" if alpha else "L")
    if quality == "bitonal":
        grey = _flattened(image).convert("L")
        return grey.point(lambda value: _WHITE if value >= 128 else 0, mode="1")
    return image


def _flattened(image: Image.Image) -> Image.Image:
    """The image on a white ground, without transparency."""
    if image.mode not in ("RGBA", "LA"):
        return image
    ground = Image.new(image.mode[:-1], image.size, (_WHITE,) * (len(image.getbands()) - 1))
    ground.paste(image, mask=image.getchannel("A"))
    return ground


def _encoded(image: Image.Image, file_format: str) -> bytes:
    out = io.BytesIO()
    if file_format == "jpg":
        image = _flattened(image)
        if image.mode == "1":
            image = image.convert("L")
        image.save(out, format="JPEG", quality=_JPEG_QUALITY)
    elif file_format == "png":
        image.save(out, format="PNG", compress_level=6)
    elif file_format == "webp":
        if image.mode in ("1", "L", "LA"):
            image = image.convert("RGBA" if image.mode == "LA" else "RGB")
        image.save(out, format="WEBP", quality=_JPEG_QUALITY)
    elif file_format == "gif":
        image.save(out, format="GIF")
    else:
        image.save(out, format="TIFF", compression="tiff_deflate")
    return out.getvalue()
