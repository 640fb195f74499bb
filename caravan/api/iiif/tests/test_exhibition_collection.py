"""An exhibition's IIIF collection: parsed by iiif-prezi3, listing exactly the manifests of the
checklist objects the reader may see that have an image, in checklist order."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from iiif_prezi3 import Collection

from caravan.exhibitions.services import checklist_reorder, exhibition_create
from caravan.exhibitions.tests.exhibition_world import build_exhibition

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(alliance_world: dict[str, Any], make_user: Any, make_object: Any) -> SimpleNamespace:
    return build_exhibition(alliance_world, make_user, make_object)


def collection(client: Client, code: str) -> dict[str, Any]:
    response = client.get(reverse("iiif:exhibition_collection", args=[code]))
    assert response.status_code == 200, response.content[:300]
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    Collection(**document)  # raises when the collection does not follow the 3.0 schema
    return document


def manifest_ids(document: dict[str, Any]) -> list[str]:
    assert all(item["type"] == "Manifest" for item in document["items"])
    return [item["id"] for item in document["items"]]


def manifest(show: Any, key: str) -> str:
    return f"http://testserver/iiif/objects/{show.objects[key].pk}/manifest"


def test_the_collection_lists_the_visible_objects_with_images_in_order(
    client: Client, show: Any
) -> None:
    document = collection(client, show.exhibition.code)
    assert document["id"] == "http://testserver/iiif/exhibitions/silk-roads-public/collection"
    # The seal has no image; the members-only scroll is not shown to anonymous readers.
    assert manifest_ids(document) == [
        manifest(show, "mirror"),
        manifest(show, "textile"),
        manifest(show, "gospel"),
    ]
    assert document["items"][0]["label"]["zh-Hans"] == ["青铜镜"]
    assert document["items"][0]["thumbnail"][0]["service"][0]["type"] == "ImageService3"
    # Every listed manifest exists for this reader.
    for url in manifest_ids(document):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_the_collection_speaks_the_exhibitions_languages(client: Client, show: Any) -> None:
    document = collection(client, show.exhibition.code)
    assert document["label"] == {
        "en": ["Along the Silk Roads"],
        "zh-Hans": ["丝绸之路"],
        "ar": ["على طرق الحرير"],
    }
    assert document["summary"]["en"] == [
        "Treasures of three collections",
        "Objects that travelled between China, Sogdiana and Armenia.",
    ]
    assert document["summary"]["ar"] == ["قطع سافرت بين الصين وصغد وأرمينيا."]
    assert document["provider"][0]["label"]["zh-Hans"] == ["故宫博物院"]
    assert (
        document["homepage"][0]["id"] == "http://testserver/exhibitions/silk-roads-public/public/"
    )
    assert document["rendering"][0]["format"] == "application/pdf"
    assert "budget" not in json.dumps(document).lower()


def test_the_collection_follows_the_reader_and_the_checklist_order(
    client: Client, show: Any
) -> None:
    client.force_login(show.people.curator)
    items = show.items
    order = [items[key].pk for key in ("gospel", "scroll", "seal", "textile", "mirror")]
    checklist_reorder(exhibition=show.exhibition, item_ids=order, actor=show.people.curator)
    assert manifest_ids(collection(client, show.exhibition.code)) == [
        manifest(show, "gospel"),
        manifest(show, "scroll"),
        manifest(show, "textile"),
        manifest(show, "mirror"),
    ]


def test_exhibitions_not_shown_to_the_reader_have_no_collection(
    client: Client, show: Any, alliance_world: dict[str, Any]
) -> None:
    planned = exhibition_create(
        code="in-planning",
        titles={"en": "Still in planning"},
        lead_organiser=alliance_world["palace"],
        actor=show.people.curator,
    )
    url = reverse("iiif:exhibition_collection", args=[planned.code])
    assert client.get(url).status_code == 404
    assert client.get(reverse("iiif:exhibition_collection", args=["nowhere"])).status_code == 404
    client.force_login(show.people.curator)
    assert collection(client, planned.code)["items"] == []
