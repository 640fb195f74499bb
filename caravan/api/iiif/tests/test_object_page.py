"""The object page: a deep-zoom viewer for IIIF images, a plain image for the rest and for
readers without JavaScript, a link to the manifest, and untrusted captions escaped."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html

from caravan.catalogue.media import media_upload
from caravan.web.templatetags.iiif_viewer import iiif_thumbnail

from .conftest import image_file, xpath

pytestmark = pytest.mark.django_db

EXTERNAL = "https://images.example.org/iiif/image/scroll-1"


def has_class(name: str) -> str:
    """An XPath test for an element having a class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def viewer_scripts(page: Any) -> list[Any]:
    return xpath(page, "//script[contains(@src, 'openseadragon')]")


def page_of(client: Client, pk: int, language: str = "") -> Any:
    path = reverse("web:object_detail", args=[pk])
    response = client.get(f"/{language}{path}" if language else path)
    assert response.status_code == 200
    return html.fromstring(response.content)


@pytest.fixture
def scroll(museum: Any, make_object: Any) -> Any:
    obj = make_object(
        museum,
        "DH-S1",
        titles={"en": "Scroll", "ar": "لفافة"},
        media=[
            {"iiif_service": EXTERNAL, "image_url": "https://images.example.org/scroll-1.jpg"},
            {
                "image_url": "https://images.example.org/detail.jpg",
                "caption": {"en": '<img src=x onerror="alert(1)"> detail'},
            },
        ],
    )
    media_upload(obj=obj, file=image_file(2400, 600), caption={"ar": "الوجه <b>الأمامي</b>"})
    return obj


def test_iiif_images_get_a_viewer_and_every_image_a_plain_picture(
    client: Client, scroll: Any
) -> None:
    page = page_of(client, scroll.pk)
    figures = xpath(page, f"//div[{has_class('object-media')}]/figure")
    assert len(figures) == 3
    external, plain, hosted = figures
    assert external.get("data-iiif-info") == f"{EXTERNAL}/info.json"
    assert xpath(external, ".//img")[0].get("src") == "https://images.example.org/scroll-1.jpg"
    assert plain.get("data-iiif-info") is None and not xpath(
        plain, f".//div[{has_class('iiif-viewer')}]"
    )
    assert xpath(plain, ".//img")[0].get("src") == "https://images.example.org/detail.jpg"
    service = f"/iiif/image/{scroll.media.get(hosted_id__gt='').hosted_id}"
    assert hosted.get("data-iiif-info") == f"{service}/info.json"
    # Without JavaScript the plain image shows, at most 1200 pixels wide, from the service.
    assert xpath(hosted, ".//img")[0].get("src") == f"{service}/full/1200,300/0/default.jpg"
    viewer = xpath(hosted, f".//div[{has_class('iiif-viewer')}]")[0]
    assert viewer.get("hidden") is not None and viewer.get("dir") == "ltr"
    assert "--iiif-aspect: 2400 / 600" in viewer.get("style")
    scripts = xpath(page, "//script/@src")
    assert "/static/vendor/openseadragon/openseadragon.min.js" in scripts
    viewer_script = xpath(page, '//script[@src="/static/iiif/viewer.js"]')[0]
    assert viewer_script.get("data-prefix-url") == "/static/vendor/openseadragon/images/"


def test_the_manifest_is_linked(client: Client, scroll: Any) -> None:
    link = page_of(client, scroll.pk).xpath(f"//p[{has_class('iiif-links')}]/a")[0]
    assert link.text_content() == "IIIF manifest"
    assert link.get("href") == f"/iiif/objects/{scroll.pk}/manifest"
    assert client.get(link.get("href")).status_code == 200


def test_captions_are_escaped(client: Client, scroll: Any) -> None:
    response = client.get(reverse("web:object_detail", args=[scroll.pk]))
    body = response.content.decode()
    assert '<img src=x onerror="alert(1)">' not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; detail" in body
    assert "<b>الأمامي</b>" not in body
    captions = xpath(html.fromstring(response.content), "//figcaption/span")
    assert captions[0].text_content() == '<img src=x onerror="alert(1)"> detail'
    assert (captions[1].get("lang"), captions[1].get("dir")) == ("ar", "rtl")


def test_the_arabic_page_keeps_its_direction_and_the_viewer_its_own(
    client: Client, scroll: Any
) -> None:
    page = page_of(client, scroll.pk, "ar")
    assert page.get("dir") == "rtl"
    assert all(
        viewer.get("dir") == "ltr" for viewer in xpath(page, f"//div[{has_class('iiif-viewer')}]")
    )
    assert (
        xpath(page, f"//p[{has_class('iiif-links')}]/a")[0].get("href")
        == f"/iiif/objects/{scroll.pk}/manifest"
    )


def test_objects_without_images_have_no_viewer_and_no_manifest_link(
    client: Client, museum: Any, make_object: Any
) -> None:
    page = page_of(client, make_object(museum, "DH-S2").pk)
    assert not xpath(page, f"//p[{has_class('iiif-links')}]") and not viewer_scripts(page)
    assert xpath(page, f"//div[{has_class('no-image')}]")


def test_plain_images_only_load_no_viewer_script(
    client: Client, museum: Any, make_object: Any
) -> None:
    obj = make_object(museum, "DH-S3", media=[{"image_url": "https://example.org/x.jpg"}])
    page = page_of(client, obj.pk)
    assert not viewer_scripts(page)
    assert xpath(page, f"//p[{has_class('iiif-links')}]/a")  # a plain image still has a manifest


def test_cards_can_show_hosted_images_too(scroll: Any) -> None:
    hosted = scroll.media.get(hosted_id__gt="")
    assert iiif_thumbnail(hosted) == f"/iiif/image/{hosted.hosted_id}/full/400,100/0/default.jpg"
    imported = scroll.media.get(image_url="https://images.example.org/detail.jpg")
    assert iiif_thumbnail(imported) == "https://images.example.org/detail.jpg"
    assert iiif_thumbnail(None) == ""
