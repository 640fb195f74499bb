"""Hosting an image: only real images within the limits are kept, with their size and an
identifier, and the object is marked (and logged for the search index) as having an image."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from caravan.catalogue.media import (
    image_inspect,
    media_delete,
    media_image_remove,
    media_image_store,
    media_upload,
)
from caravan.catalogue.models import ObjectMedia
from caravan.search.models import IndexChange

from .conftest import VALIDATOR_ID, image_file, validator_image

pytestmark = pytest.mark.django_db


def test_an_upload_is_stored_with_its_size_an_identifier_and_marks_the_object(
    museum: Any, make_object: Any
) -> None:
    obj = make_object(museum, "DH-1", media=[{"image_url": "https://example.org/a.jpg"}])
    IndexChange.objects.all().delete()
    media = media_upload(
        obj=obj,
        file=image_file(640, 480),
        caption={"zh-hans": "壁画", "en": "Mural"},
        rights="http://creativecommons.org/publicdomain/zero/1.0/",
    )
    media.refresh_from_db()
    assert (media.width, media.height) == (640, 480)
    assert len(media.hosted_id) == 32  # a fresh UUID
    assert media.image_file.name.startswith(f"hosted-images/{media.hosted_id}/")
    assert media.image_file.name.endswith(".jpg")
    assert media.caption == {"zh-Hans": "壁画", "en": "Mural"}
    assert media.position == 1  # after the imported image
    with media.image_file.open("rb") as stored, Image.open(stored) as picture:
        assert picture.size == (640, 480)
    obj.refresh_from_db()
    assert obj.has_image
    # Saved through save(): the catalogue trigger logged the object for the search index.
    assert IndexChange.objects.filter(object_id=obj.pk).exists()


def test_an_object_without_images_gains_has_image(museum: Any, make_object: Any) -> None:
    obj = make_object(museum, "DH-2")
    assert not obj.has_image
    media_upload(obj=obj, file=validator_image(), hosted_id=VALIDATOR_ID)
    obj.refresh_from_db()
    assert obj.has_image
    assert ObjectMedia.objects.get(hosted_id=VALIDATOR_ID).width == 1000


def test_exif_rotation_is_applied_to_the_recorded_size(museum: Any, make_object: Any) -> None:
    picture = Image.new("RGB", (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter clockwise when shown
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif)
    media = media_upload(
        obj=make_object(museum, "DH-3"), file=ContentFile(out.getvalue(), name="turned.jpg")
    )
    assert (media.width, media.height) == (100, 300)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.4 this is a document, not an image", "not_an_image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "not_an_image"),
        (image_file(kind="PNG").read()[:200], "damaged_image"),  # cut short
        (image_file(kind="BMP").read(), "unsupported_format"),
    ],
)
def test_files_that_are_not_hostable_images_are_refused(
    museum: Any, make_object: Any, content: bytes, code: str
) -> None:
    obj = make_object(museum, "DH-4")
    with pytest.raises(ValidationError) as refused:
        media_upload(obj=obj, file=ContentFile(content, name="upload.png"))
    assert refused.value.code == code
    assert not obj.media.exists()
    obj.refresh_from_db()
    assert not obj.has_image


def test_a_file_over_the_byte_limit_is_refused(
    museum: Any, make_object: Any, settings: Any
) -> None:
    settings.CARAVAN_IIIF_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        media_upload(obj=make_object(museum, "DH-5"), file=validator_image())
    assert refused.value.code == "too_large"
    assert "25716 bytes" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("side", "message"),
    [
        (12_000, "12000 × 12000"),  # over Caravan's limit: refused from the header
        (20_000, "too many pixels"),  # over Pillow's own hard limit: refused by Image.open
    ],
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(
    settings: Any, side: int, message: str
) -> None:
    # Thousands of pixels square of one colour compress to a few hundred kilobytes of PNG.
    settings.CARAVAN_IIIF_MAX_UPLOAD_PIXELS = 50_000_000
    bomb = io.BytesIO()
    Image.new("1", (side, side)).save(bomb, format="PNG")
    assert bomb.tell() < 1_000_000
    with pytest.raises(ValidationError) as refused:
        image_inspect(ContentFile(bomb.getvalue(), name="bomb.png"))
    assert refused.value.code == "too_many_pixels"
    assert message in refused.value.messages[0]


def test_an_identifier_is_unique_and_url_safe(museum: Any, make_object: Any) -> None:
    obj = make_object(museum, "DH-6")
    media_upload(obj=obj, file=image_file(), hosted_id="mural-1")
    with pytest.raises(ValidationError) as duplicate:
        media_upload(obj=obj, file=image_file(), hosted_id="mural-1")
    assert duplicate.value.code == "duplicate_hosted_id"
    with pytest.raises(ValidationError) as unsafe:
        media_upload(obj=obj, file=image_file(), hosted_id="../etc")
    assert unsafe.value.code == "invalid_hosted_id"


def test_replacing_keeps_the_identifier_and_removing_updates_has_image(
    museum: Any, make_object: Any, django_capture_on_commit_callbacks: Any
) -> None:
    obj = make_object(museum, "DH-7")
    media = media_upload(obj=obj, file=image_file(300, 200))
    first_name = media.image_file.name
    storage = media.image_file.storage
    with django_capture_on_commit_callbacks(execute=True):
        media_image_store(media=media, file=image_file(120, 90, kind="PNG", name="x.png"))
    assert media.hosted_id and (media.width, media.height) == (120, 90)
    assert media.image_file.name != first_name
    assert not storage.exists(first_name)  # the replaced original is gone
    with django_capture_on_commit_callbacks(execute=True):
        media_image_remove(media=media)
    assert not storage.exists(media.hosted_id) and not media.image_file
    obj.refresh_from_db()
    assert not obj.has_image  # nothing else to show


def test_deleting_hosted_media_deletes_the_file(
    museum: Any, make_object: Any, django_capture_on_commit_callbacks: Any
) -> None:
    obj = make_object(museum, "DH-8", media=[{"image_url": "https://example.org/b.jpg"}])
    media = media_upload(obj=obj, file=image_file())
    name, storage = media.image_file.name, media.image_file.storage
    with django_capture_on_commit_callbacks(execute=True):
        media_delete(media=media)
    assert not storage.exists(name)
    obj.refresh_from_db()
    assert obj.has_image  # the imported image is still there
