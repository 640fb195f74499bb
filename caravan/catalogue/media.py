"""Images Caravan hosts for members without an image server of their own.

An upload is checked to be a real image of a format the IIIF Image service can read, within
the size limits (bytes and pixels, so that a small file that decodes to billions of pixels is
refused before it is decoded), then stored in protected storage with its pixel size and a
stable identifier for the IIIF Image API. The object is marked as having an image and saved, so
that the change log the search index follows records it.
"""

from __future__ import annotations

import re
import uuid
import warnings
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from caravan.catalogue.models import CatalogueObject, ObjectMedia
from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map

# Pillow format → the file extension a stored original keeps.
HOSTED_FORMATS = {
    "JPEG": "jpg",
    "PNG": "png",
    "TIFF": "tif",
    "WEBP": "webp",
    "GIF": "gif",
    "JPEG2000": "jp2",
}
# Identifiers travel in IIIF URLs: no slashes, nothing to escape, never a dot first.
HOSTED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# EXIF orientations that turn the picture a quarter: width and height trade places.
_QUARTER_TURNS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class ImageFacts:
    """What an upload is: its format (Pillow's name) and pixel size as displayed."""

    format: str
    width: int
    height: int


def image_inspect(file: IO[bytes] | File[Any]) -> ImageFacts:
    """Check that a file is an image Caravan can host; raises ValidationError saying why not.

    Refused: files over CARAVAN_IIIF_MAX_UPLOAD_BYTES, anything Pillow cannot identify, formats
    the Image service does not read, images over CARAVAN_IIIF_MAX_UPLOAD_PIXELS (checked from
    the header, before any pixel is decoded) and files whose data is damaged.
    """
    size = _size_of(file)
    limit = settings.CARAVAN_IIIF_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s bytes; images may be at most %(limit)s bytes.")
            % {"size": size, "limit": limit},
            code="too_large",
        )
    file.seek(0)
    try:
        facts = _read_header(file)
    finally:
        file.seek(0)
    return facts


def _size_of(file: IO[bytes] | File[Any]) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    file.seek(0, 2)
    end = file.tell()
    file.seek(0)
    return end


def _read_header(file: IO[bytes] | File[Any]) -> ImageFacts:
    try:
        with warnings.catch_warnings():
            # Our own pixel limit below decides; Pillow's warning would only be noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                kind, width, height = image.format or "", image.width, image.height
                _refuse_bombs(width, height)
                if kind not in HOSTED_FORMATS:
                    raise ValidationError(
                        _("%(format)s images cannot be hosted; upload JPEG, PNG, TIFF or WebP.")
                        % {"format": kind or _("This kind of")},
                        code="unsupported_format",
                    )
                image.verify()  # PNG: every chunk's checksum
            file.seek(0)
            orientation = _decode(file)
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("The image has too many pixels to be hosted."), code="too_many_pixels"
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(_("The file is not an image."), code="not_an_image") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The image file is damaged: %(reason)s") % {"reason": error}, code="damaged_image"
        ) from error
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    return ImageFacts(format=kind, width=width, height=height)


def _decode(file: IO[bytes] | File[Any]) -> int:
    """Decode every pixel (JPEG at an eighth of its size, which still reads all of its data), so
    that a truncated or corrupt file is refused now and not on the first tile request; returns
    the EXIF orientation."""
    with Image.open(file) as image:
        orientation = int(image.getexif().get(_EXIF_ORIENTATION, 1))
        if image.format == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    return orientation


def _refuse_bombs(width: int, height: int) -> None:
    limit = settings.CARAVAN_IIIF_MAX_UPLOAD_PIXELS
    if width < 1 or height < 1:
        raise ValidationError(_("The image has no pixels."), code="empty_image")
    if width * height > limit:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels; at most %(limit)s pixels are hosted.")
            % {"width": width, "height": height, "limit": limit},
            code="too_many_pixels",
        )


def hosted_id_check(hosted_id: str) -> str:
    if not HOSTED_ID.fullmatch(hosted_id):
        raise ValidationError(
            _("'%(id)s' cannot identify a hosted image: use letters, digits, '.', '_' or '-'.")
            % {"id": hosted_id},
            code="invalid_hosted_id",
        )
    return hosted_id


def media_upload(
    *,
    obj: CatalogueObject,
    file: IO[bytes] | File[Any],
    caption: LanguageMap | None = None,
    rights: str = "",
    hosted_id: str | None = None,
) -> ObjectMedia:
    """Host an image for an object: a new media item after the object's others.

    Guarantees: only a real image within the limits is stored (ValidationError otherwise, and
    nothing is written); width and height are those of the image as displayed (EXIF rotation
    applied); the identifier is `hosted_id` when given (it must be unused) or a new UUID; the
    object is marked as having an image and saved, so the search change log records it.
    """
    try:
        cleaned_caption = clean_language_map(caption)
    except LanguageMapError as error:
        raise ValidationError(str(error), code="invalid_caption") from error
    last = obj.media.aggregate(last=Max("position"))["last"]
    media = ObjectMedia(
        object=obj,
        caption=cleaned_caption,
        rights=rights,
        position=0 if last is None else last + 1,
    )
    return media_image_store(media=media, file=file, hosted_id=hosted_id)


@transaction.atomic
def media_image_store(
    *, media: ObjectMedia, file: IO[bytes] | File[Any], hosted_id: str | None = None
) -> ObjectMedia:
    """Store an uploaded image on a media item (new or existing), replacing any earlier one.

    The same checks and guarantees as media_upload. An item that already has an identifier
    keeps it, so IIIF links to it stay valid; the replaced file is deleted once the new one is
    committed. Derivatives of the old file are never served again: the Image service keys its
    cache by the stored file's name, which changes with every upload.
    """
    facts = image_inspect(file)
    previous = _stored_file_name(media)
    media.hosted_id = hosted_id_check(hosted_id or media.hosted_id or uuid.uuid4().hex)
    if hosted_id and ObjectMedia.objects.filter(hosted_id=hosted_id).exclude(pk=media.pk).exists():
        raise ValidationError(
            _("Another image already has the identifier '%(id)s'.") % {"id": hosted_id},
            code="duplicate_hosted_id",
        )
    name = f"{uuid.uuid4().hex[:12]}.{HOSTED_FORMATS[facts.format]}"
    media.image_file = File(file, name=name)
    media.width, media.height = facts.width, facts.height
    media.full_clean(exclude=["image_file"])  # the file was checked above, by content
    media.save()
    _mark_has_image(media.object)
    if previous != media.image_file.name:
        _delete_after_commit(media, previous)
    return media


@transaction.atomic
def media_image_remove(*, media: ObjectMedia) -> None:
    """Stop hosting a media item's image (the item stays for its other links); the object's
    `has_image` is worked out again from what is left. The identifier is kept for a new upload."""
    name = _stored_file_name(media)
    media.image_file = ""
    media.width = media.height = None
    media.save(update_fields=["image_file", "width", "height"])
    _delete_after_commit(media, name)
    object_has_image_refresh(media.object)


@transaction.atomic
def media_delete(*, media: ObjectMedia) -> None:
    """Delete a media item, with its hosted file once the deletion is committed."""
    name = _stored_file_name(media)
    obj = media.object
    media.delete()
    _delete_after_commit(media, name)
    object_has_image_refresh(obj)


def _stored_file_name(media: ObjectMedia) -> str:
    """The hosted file the database holds for an item (a form may have changed the instance)."""
    if media.pk is None:
        return ""
    stored = ObjectMedia.objects.filter(pk=media.pk).values_list("image_file", flat=True).first()
    return stored or ""


def _delete_after_commit(media: ObjectMedia, name: str) -> None:
    if name:
        storage = media.image_file.storage
        transaction.on_commit(lambda: storage.delete(name))


def object_has_image_refresh(obj: CatalogueObject) -> None:
    """Set `has_image` from the object's media as they are now, saving only on a change."""
    has_image = (
        obj.media.exclude(image_url="", iiif_service="", image_file="").exists()
        if obj.pk
        else False
    )
    if has_image != obj.has_image:
        obj.has_image = has_image
        obj.save(update_fields=["has_image", "updated_at"])


def _mark_has_image(obj: CatalogueObject) -> None:
    # save() (not a queryset update) so the catalogue trigger writes the search change log,
    # even when the flag was already set: the object's media changed.
    obj.has_image = True
    obj.save(update_fields=["has_image", "updated_at"])
