"""The Image API over HTTP: info.json, image requests, errors, headers, the cache, visibility."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from caravan.api.iiif.image_cache import cache_folder
from caravan.catalogue.media import media_image_store, media_upload

from .conftest import VALIDATOR_ID, image_file, validator_image

pytestmark = pytest.mark.django_db

BASE = f"/iiif/image/{VALIDATOR_ID}"


@pytest.fixture
def hosted(museum: Any, make_object: Any) -> Any:
    obj = make_object(museum, "DH-100", rights="https://creativecommons.org/licenses/by/4.0/")
    return media_upload(obj=obj, file=validator_image(), hosted_id=VALIDATOR_ID)


def picture(response: Any) -> Image.Image:
    return Image.open(io.BytesIO(response.getvalue()))


def rgb(image: Image.Image, x: int, y: int) -> tuple[int, ...]:
    return tuple(image.convert("RGB").getpixel((x, y)))  # type: ignore[arg-type]


def test_info_json_describes_the_image_and_what_the_service_does(
    client: Client, hosted: Any
) -> None:
    response = client.get(f"{BASE}/info.json", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Link"] == '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
    info = json.loads(response.content)
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"http://testserver{BASE}"
    assert (info["type"], info["protocol"], info["profile"]) == (
        "ImageService3",
        "http://iiif.io/api/image",
        "level2",
    )
    assert (info["width"], info["height"]) == (1000, 1000)
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2]}]
    assert {"width": 1000, "height": 1000} in info["sizes"]
    assert {"width": 125, "height": 125} in info["sizes"]
    assert (info["maxWidth"], info["maxArea"]) == (10000, 25_000_000)
    assert "mirroring" in info["extraFeatures"] and "sizeUpscaling" in info["extraFeatures"]
    assert info["extraQualities"] == ["color", "gray", "bitonal"]
    # IIIF lists Creative Commons URIs in their http form.
    assert info["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    plain = client.get(f"{BASE}/info.json")
    assert plain["Content-Type"].startswith("application/json")


def test_the_base_uri_redirects_to_info_json(client: Client, hosted: Any) -> None:
    response = client.get(BASE)
    assert response.status_code == 303
    assert response["Location"] == f"{BASE}/info.json"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_image_request_returns_the_region_at_the_size_asked(client: Client, hosted: Any) -> None:
    # The validator's image is ten by ten squares of 100 pixels, each its own colour.
    response = client.get(f"{BASE}/100,0,100,100/50,/0/default.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert 'rel="canonical"' in response["Link"]
    assert f"{BASE}/100,0,100,100/50,50/0/default.png>" in response["Link"]
    assert response["Cache-Control"] == "public, max-age=86400"
    tile = picture(response)
    assert tile.size == (50, 50)
    red, green, blue = rgb(tile, 25, 25)
    assert (abs(red - 195), abs(green - 133), abs(blue - 120)) < (6, 6, 6)  # square (1, 0)


def test_rotation_mirroring_and_qualities(client: Client, hosted: Any) -> None:
    turned = picture(client.get(f"{BASE}/0,0,200,100/max/90/default.jpg"))
    assert turned.size == (100, 200)
    tilted = picture(client.get(f"{BASE}/full/100,/45/default.png"))
    assert tilted.mode == "RGBA" and tilted.size[0] > 100  # the turned square's bounding box
    gray = picture(client.get(f"{BASE}/full/100,/0/gray.png"))
    assert gray.mode == "L"
    bitonal = picture(client.get(f"{BASE}/full/100,/0/bitonal.png"))
    assert set(bitonal.convert("L").getdata()) <= {0, 255}
    # Mirrored, the first square of the top row shows at the right of the region.
    mirrored = picture(client.get(f"{BASE}/0,0,200,100/max/!0/default.png"))
    first_square = picture(client.get(f"{BASE}/0,0,100,100/max/0/default.png"))
    assert rgb(mirrored, 150, 50) == rgb(first_square, 50, 50)
    for suffix, media_type in [("webp", "image/webp"), ("gif", "image/gif"), ("tif", "image/tiff")]:
        response = client.get(f"{BASE}/full/64,/0/default.{suffix}")
        assert (response.status_code, response["Content-Type"]) == (200, media_type)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/full/max/0/default.jpg", 200),
        ("/nonsense/max/0/default.jpg", 400),
        ("/full/full/0/default.jpg", 400),
        ("/full/max/0/best.jpg", 400),
        ("/full/max/0/default.xyz", 400),
        ("/full/2000,/0/default.jpg", 400),  # upscaling without ^
        ("/full/^2000,/0/default.jpg", 200),
        ("/full/max/0/default.jp2", 501),
        ("/full/max/0/default.pdf", 501),
    ],
)
def test_status_codes(client: Client, hosted: Any, path: str, status: int) -> None:
    response = client.get(BASE + path)
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_identifier_is_a_404(client: Client, hosted: Any) -> None:
    for path in (
        "/no-such-image/info.json",
        "/no-such-image",
        "/no-such-image/full/max/0/default.jpg",
    ):
        assert client.get(f"/iiif/image{path}").status_code == 404


def test_a_second_request_is_served_from_the_cache(
    client: Client, hosted: Any, iiif_cache_dir: Path
) -> None:
    url = f"{BASE}/0,0,512,512/256,/0/default.jpg"
    first = client.get(url)
    first_bytes = first.getvalue()
    cached = [path for path in cache_folder(VALIDATOR_ID).iterdir() if path.suffix == ".jpg"]
    assert len(cached) == 1 and cached[0].read_bytes() == first_bytes
    assert cached[0].is_relative_to(iiif_cache_dir)
    written = cached[0].stat().st_mtime_ns
    time.sleep(0.01)  # lets a rewrite show in the modification time (nothing is timed)
    second = client.get(url)
    assert second.getvalue() == first_bytes
    assert cached[0].stat().st_mtime_ns == written  # not rendered again
    # The same derivative asked another way (a percentage) is the same cache file.
    client.get(f"{BASE}/pct:0,0,51.2,51.2/256,256/0/default.jpg")
    assert [p for p in cache_folder(VALIDATOR_ID).iterdir() if p.suffix == ".jpg"] == cached


def test_a_replaced_image_is_never_answered_from_the_old_derivatives(
    client: Client, hosted: Any
) -> None:
    url = f"{BASE}/full/max/0/default.png"
    assert picture(client.get(url)).size == (1000, 1000)
    media_image_store(media=hosted, file=image_file(300, 200, kind="PNG", name="new.png"))
    assert picture(client.get(url)).size == (300, 200)
    # The folder now holds the new original's derivatives only.
    pngs = [p for p in cache_folder(VALIDATOR_ID).iterdir() if p.suffix == ".png"]
    assert len(pngs) == 1


def test_members_only_images_are_hidden_from_others(
    client: Client, alliance_world: dict[str, Any], make_user: Any
) -> None:
    palace_members_only = alliance_world["objects"][("palace", "members")]
    media = media_upload(obj=palace_members_only, file=image_file(), hosted_id="palace-secret")
    urls = [
        "/iiif/image/palace-secret",
        "/iiif/image/palace-secret/info.json",
        "/iiif/image/palace-secret/full/max/0/default.jpg",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Staff of an institution in the same alliance see it; it is not put in shared caches.
    client.force_login(make_user("hermitage-curator", institution=alliance_world["hermitage"]))
    assert client.get(urls[1]).status_code == 200
    response = client.get(urls[2])
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    # Staff of an institution outside the alliance do not.
    client.force_login(make_user("louvre-curator", institution=alliance_world["outsider"]))
    assert client.get(urls[1]).status_code == 404
    assert media.hosted_id == "palace-secret"
