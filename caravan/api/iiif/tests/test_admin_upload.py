"""Uploading an image in the admin (the object's media inline) goes through media_upload's
checks: a real image is hosted and served; anything else is refused on the form."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import html

from caravan.catalogue.models import ObjectMedia

from .conftest import image_file, xpath

pytestmark = pytest.mark.django_db


def form_data(page: bytes) -> dict[str, list[str]]:
    """Every value the change form would submit as it stands (no new inline rows)."""
    form = xpath(html.fromstring(page), "//form[@id='catalogueobject_form']")[0]
    data: dict[str, list[str]] = defaultdict(list)
    for field in xpath(form, ".//input[@name] | .//textarea[@name] | .//select[@name]"):
        name = str(field.get("name"))
        if "__prefix__" in name or field.get("type") in ("submit", "file"):
            continue
        if field.get("type") == "checkbox" and field.get("checked") is None:
            continue
        if field.tag == "select":
            data[name] += xpath(field, "./option[@selected]/@value")[:1] or [""]
        elif field.tag == "textarea":
            data[name].append(field.text or "")
        else:
            data[name].append(field.get("value", ""))
    return data


def post_with_new_media(client: Client, url: str, upload: SimpleUploadedFile) -> Any:
    data: dict[str, Any] = form_data(client.get(url).content)
    data["media-TOTAL_FORMS"] = ["1"]
    data.update(
        {
            "media-0-image_file": upload,
            "media-0-position": ["0"],
            "media-0-caption__tag": ["en"],
            "media-0-caption__text": ["Photographed for the alliance"],
        }
    )
    return client.post(url, data)


@pytest.fixture
def editor_client(client: Client, alliance_world: dict[str, Any], make_user: Any) -> Client:
    client.force_login(make_user("palace-editor", institution=alliance_world["palace"]))
    return client


def test_an_editor_uploads_an_image_that_is_then_served(
    editor_client: Client, alliance_world: dict[str, Any]
) -> None:
    obj = alliance_world["objects"][("palace", "members")]
    url = reverse("admin:catalogue_catalogueobject_change", args=[obj.pk])
    page = editor_client.get(url)
    assert b'enctype="multipart/form-data"' in page.content
    picture = image_file(800, 600)
    upload = SimpleUploadedFile("scan.jpg", picture.read(), content_type="image/jpeg")
    response = post_with_new_media(editor_client, url, upload)
    assert response.status_code == 302, response.content.decode()[:2000]
    media = ObjectMedia.objects.get(object=obj)
    assert (media.width, media.height) == (800, 600)
    assert media.caption == {"en": "Photographed for the alliance"}
    obj.refresh_from_db()
    assert obj.has_image
    info = editor_client.get(f"/iiif/image/{media.hosted_id}/info.json")
    assert info.status_code == 200 and info.json()["width"] == 800
    # The change page now shows the identifier and size it was given.
    shown = editor_client.get(url).content.decode()
    assert media.hosted_id in shown


def test_a_file_that_is_not_an_image_is_refused_on_the_form(
    editor_client: Client, alliance_world: dict[str, Any]
) -> None:
    obj = alliance_world["objects"][("palace", "public")]
    url = reverse("admin:catalogue_catalogueobject_change", args=[obj.pk])
    fake = SimpleUploadedFile("scan.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = post_with_new_media(editor_client, url, fake)
    assert response.status_code == 200  # the form again, with the reason
    assert "The file is not an image." in response.content.decode()
    assert not ObjectMedia.objects.filter(object=obj).exists()
    obj.refresh_from_db()
    assert not obj.has_image
