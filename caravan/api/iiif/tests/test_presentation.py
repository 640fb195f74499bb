"""Presentation API 3.0: manifests and collections, parsed by iiif-prezi3, with their content."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from iiif_prezi3 import Collection, Manifest

from caravan.catalogue.media import media_upload
from caravan.catalogue.models import CatalogueObject

from .conftest import image_file

pytestmark = pytest.mark.django_db

EXTERNAL_V2 = "https://images.example.org/iiif/image/mirror-1"
EXTERNAL_V3 = "https://images.example.org/iiif/3/mirror-2"


def fetch(client: Client, url: str, **headers: Any) -> Any:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def parsed_manifest(client: Client, pk: int) -> dict[str, Any]:
    document = fetch(client, reverse("iiif:manifest", args=[pk]))
    Manifest(**document)  # raises when the manifest does not follow the 3.0 schema
    return document


def parsed_collection(client: Client, url: str) -> dict[str, Any]:
    document = fetch(client, url)
    Collection(**document)
    return document


@pytest.fixture
def mirror(museum: Any, make_object: Any) -> CatalogueObject:
    """A bronze mirror recorded in four languages with every kind of image."""
    obj = make_object(
        museum,
        "DH-M1",
        language="zh-Hans",
        titles={"zh-Hans": "铜镜", "en": "Bronze mirror", "ar": "مرآة برونزية", "und": "TLV"},
        descriptions={"en": "Cast bronze, <b>bold</b> claims.", "zh-Hans": "青铜铸造"},
        credit_line={"en": "Gift of the Silk Road Society"},
        inscriptions={"en": "<script>alert(1)</script>"},
        rights="https://creativecommons.org/publicdomain/zero/1.0/",
        web_page="https://museum.example.org/objects/DH-M1",
        earliest_year=-206,
        latest_year=9,
        agents=[
            {"names": {"en": "Unknown workshop", "zh-Hans": "佚名作坊"}, "role": {"en": "maker"}},
            {"kind": "culture", "names": {"en": "Western Han"}},
        ],
        materials=[
            {
                "text": "bronze",
                "lang": "en",
                "concept": {"scheme": "aat", "notation": "300010957", "labels": {"ru": "бронза"}},
            }
        ],
        media=[
            {"iiif_service": EXTERNAL_V2, "caption": {"en": "Back"}},
            {"iiif_service": EXTERNAL_V3, "image_url": "https://images.example.org/m2.jpg"},
            {
                "image_url": "https://images.example.org/plain.png",
                "rights": "http://rightsstatements.org/vocab/InC/1.0/",
            },
            {"thumbnail_url": "https://images.example.org/thumb.jpg"},
        ],
    )
    media_upload(obj=obj, file=image_file(1200, 800), caption={"en": "Front, hosted"})
    obj.refresh_from_db()
    return obj


def test_a_manifest_shows_every_kind_of_image(client: Client, mirror: Any) -> None:
    manifest = parsed_manifest(client, mirror.pk)
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["id"] == f"http://testserver/iiif/objects/{mirror.pk}/manifest"
    canvases = manifest["items"]
    assert len(canvases) == 5
    bodies = [canvas["items"][0]["items"][0]["body"] for canvas in canvases]
    # An external version 2 service (the path says nothing of 3) and a version 3 one.
    assert bodies[0]["service"] == [
        {
            "@id": EXTERNAL_V2,
            "@type": "ImageService2",
            "profile": "http://iiif.io/api/image/2/level0.json",
        }
    ]
    assert bodies[0]["id"] == f"{EXTERNAL_V2}/full/max/0/default.jpg"
    assert bodies[1]["service"][0] == {
        "id": EXTERNAL_V3,
        "type": "ImageService3",
        "profile": "level0",
    }
    assert bodies[1]["id"] == "https://images.example.org/m2.jpg"
    # A plain image URL is the body itself, its format read from its name.
    assert bodies[2] == {
        "id": "https://images.example.org/plain.png",
        "type": "Image",
        "format": "image/png",
    }
    assert canvases[2]["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert bodies[3]["id"] == "https://images.example.org/thumb.jpg"
    # The hosted image: Caravan's own service, the canvas at the image's size.
    hosted = mirror.media.get(hosted_id__gt="")
    service = f"http://testserver/iiif/image/{hosted.hosted_id}"
    assert bodies[4]["service"] == [{"id": service, "type": "ImageService3", "profile": "level2"}]
    assert bodies[4]["id"] == f"{service}/full/max/0/default.jpg"
    assert (canvases[4]["width"], canvases[4]["height"]) == (1200, 800)
    assert (bodies[4]["width"], bodies[4]["height"]) == (1200, 800)
    assert canvases[4]["label"] == {"en": ["Front, hosted"]}
    assert canvases[4]["thumbnail"][0]["id"] == f"{service}/full/400,267/0/default.jpg"
    # Unknown sizes: a nominal square canvas.
    assert (canvases[0]["width"], canvases[0]["height"]) == (1000, 1000)
    annotation = canvases[4]["items"][0]["items"][0]
    assert (annotation["motivation"], annotation["target"]) == ("painting", canvases[4]["id"])


def test_a_manifest_speaks_every_language_of_the_record(client: Client, mirror: Any) -> None:
    manifest = parsed_manifest(client, mirror.pk)
    assert manifest["label"] == {
        "zh-Hans": ["铜镜"],
        "en": ["Bronze mirror"],
        "ar": ["مرآة برونزية"],
        "none": ["TLV"],  # untagged (und) text
    }
    assert manifest["summary"]["en"] == ["Cast bronze, <b>bold</b> claims."]
    metadata = {entry["label"]["en"][0]: entry for entry in manifest["metadata"]}
    assert metadata["Institution"]["label"]["zh-Hans"] == ["机构"]
    assert metadata["Institution"]["label"]["ar"] == ["المؤسسة"]
    assert metadata["Institution"]["value"]["zh-Hans"] == ["敦煌研究院"]
    assert metadata["Inventory number"]["value"] == {"none": ["DH-M1"]}
    assert metadata["Makers"]["value"] == {
        "en": ["Unknown workshop (maker)"],
        "zh-Hans": ["佚名作坊"],
    }
    assert metadata["Culture"]["value"] == {"en": ["Western Han"]}
    assert metadata["Date"]["value"]["en"] == ["206 BCE – 9"]
    # A term in its own language, and its concept's label in another.
    assert metadata["Material"]["value"] == {"en": ["bronze"], "ru": ["бронза"]}
    # Record text that looks like HTML reaches viewers as the text it is, never as markup.
    assert metadata["Inscriptions"]["value"] == {
        "en": ["<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>"]
    }
    assert manifest["requiredStatement"]["value"] == {"en": ["Gift of the Silk Road Society"]}
    assert manifest["requiredStatement"]["label"]["en"] == ["Credit line"]


def test_a_manifest_names_its_rights_provider_and_pages(client: Client, mirror: Any) -> None:
    manifest = parsed_manifest(client, mirror.pk)
    assert manifest["rights"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    (provider,) = manifest["provider"]
    assert provider["type"] == "Agent"
    assert provider["label"]["zh-Hans"] == ["敦煌研究院"]
    assert provider["homepage"][0]["id"] == "http://testserver/institutions/dunhuang/"
    assert [page["id"] for page in manifest["homepage"]] == [
        f"http://testserver/objects/{mirror.pk}/",
        "https://museum.example.org/objects/DH-M1",
    ]
    assert manifest["partOf"][0]["id"] == "http://testserver/iiif/institutions/dunhuang/collection"
    assert manifest["thumbnail"][0]["type"] == "Image"


def test_json_ld_is_given_to_clients_that_ask_for_it(client: Client, mirror: Any) -> None:
    url = reverse("iiif:manifest", args=[mirror.pk])
    response = client.get(url, HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"].startswith(
        'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    )
    assert client.get(url)["Content-Type"].startswith("application/json")


def test_objects_with_nothing_to_show_have_no_manifest(
    client: Client, museum: Any, make_object: Any
) -> None:
    bare = make_object(museum, "DH-0")
    assert client.get(reverse("iiif:manifest", args=[bare.pk])).status_code == 404
    assert client.get(reverse("iiif:manifest", args=[999999])).status_code == 404


def test_every_object_with_has_image_has_a_manifest(
    client: Client, museum: Any, make_object: Any
) -> None:
    make_object(museum, "A", media=[{"image_url": "https://example.org/a.jpg"}])
    make_object(museum, "B", media=[{"iiif_service": EXTERNAL_V2}])
    media_upload(obj=make_object(museum, "C"), file=image_file())
    flagged = CatalogueObject.objects.filter(has_image=True)
    assert flagged.count() == 3
    for obj in flagged:
        parsed_manifest(client, obj.pk)


def test_members_only_manifests_are_hidden_from_others(
    client: Client, alliance_world: dict[str, Any], make_user: Any
) -> None:
    secret = alliance_world["objects"][("palace", "members")]
    media_upload(obj=secret, file=image_file())
    url = reverse("iiif:manifest", args=[secret.pk])
    assert client.get(url).status_code == 404
    client.force_login(make_user("hermitage-curator", institution=alliance_world["hermitage"]))
    parsed_manifest(client, secret.pk)


def test_an_institution_collection_lists_the_visible_manifests(
    client: Client, alliance_world: dict[str, Any], make_object: Any
) -> None:
    palace = alliance_world["palace"]
    for visibility in ("public", "members", "private"):
        media_upload(obj=alliance_world["objects"][("palace", visibility)], file=image_file())
    make_object(palace, "palace-no-image")
    collection = parsed_collection(client, "/iiif/institutions/palace/collection")
    assert collection["label"] == {"en": ["Palace Museum"], "zh-Hans": ["故宫博物院"]}
    public = alliance_world["objects"][("palace", "public")]
    assert [item["id"] for item in collection["items"]] == [
        f"http://testserver/iiif/objects/{public.pk}/manifest"
    ]
    item = collection["items"][0]
    assert item["type"] == "Manifest" and item["label"] == {"en": ["Object palace-public"]}
    assert item["thumbnail"][0]["service"][0]["type"] == "ImageService3"
    assert collection["provider"][0]["type"] == "Agent"
    # Palace's own staff see all three.
    palace_staff = alliance_world["palace"].pk
    from caravan.accounts.models import User

    client.force_login(User.objects.create_user("palace-editor", institution_id=palace_staff))
    assert len(parsed_collection(client, "/iiif/institutions/palace/collection")["items"]) == 3


def test_a_large_collection_is_split_into_nested_collections(
    client: Client, museum: Any, make_object: Any, settings: Any
) -> None:
    settings.CARAVAN_IIIF_COLLECTION_PAGE_SIZE = 2
    for number in range(5):
        make_object(
            museum, f"P{number}", media=[{"image_url": f"https://example.org/{number}.jpg"}]
        )
    top = parsed_collection(client, "/iiif/institutions/dunhuang/collection")
    assert [item["type"] for item in top["items"]] == ["Collection"] * 3
    assert top["items"][2]["label"]["en"] == ["Dunhuang Academy: objects 5–5"]
    seen = []
    for page in top["items"]:
        nested = parsed_collection(client, page["id"].removeprefix("http://testserver"))
        assert nested["partOf"][0]["id"] == top["id"]
        seen += [item["label"]["en"][0] for item in nested["items"]]
    assert seen == [f"Object P{number}" for number in range(5)]
    assert client.get("/iiif/institutions/dunhuang/collection/4").status_code == 404


def test_an_alliance_collection_lists_its_members_collections(
    client: Client, alliance_world: dict[str, Any]
) -> None:
    media_upload(obj=alliance_world["objects"][("palace", "public")], file=image_file())
    media_upload(obj=alliance_world["objects"][("hermitage", "members")], file=image_file())
    media_upload(obj=alliance_world["objects"][("louvre", "public")], file=image_file())
    collection = parsed_collection(client, "/iiif/alliances/silk/collection")
    assert collection["label"] == {"en": ["Silk Road Alliance"]}
    # Anonymous readers: the Hermitage's only image is members-only; the Louvre is no member.
    assert [item["id"] for item in collection["items"]] == [
        "http://testserver/iiif/institutions/palace/collection"
    ]
    assert collection["homepage"][0]["id"] == "http://testserver/alliances/silk/"


def test_unknown_institutions_and_alliances_are_a_404(client: Client) -> None:
    assert client.get("/iiif/institutions/nowhere/collection").status_code == 404
    assert client.get("/iiif/alliances/nowhere/collection").status_code == 404
