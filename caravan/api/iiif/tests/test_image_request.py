"""Image API 3.0 request syntax and its resolution against an image's size (no database)."""

from __future__ import annotations

from typing import Any

import pytest

from caravan.api.iiif.image_request import ImageRequestError, Limits, Plan, parse, plan

LIMITS = Limits(max_width=10000, max_height=10000, max_area=25_000_000)


def resolve(
    region: str, size: str, rotation: str = "0", quality: str = "default.jpg", **image: Any
) -> Plan:
    image.setdefault("width", 1000)
    image.setdefault("height", 800)
    limits = image.pop("limits", LIMITS)
    return plan(parse(region, size, rotation, quality), limits=limits, **image)


@pytest.mark.parametrize(
    ("region", "size", "box", "output", "canonical"),
    [
        ("full", "max", (0, 0, 1000, 800), (1000, 800), "full/max/0/default.jpg"),
        ("square", "max", (100, 0, 800, 800), (800, 800), "100,0,800,800/max/0/default.jpg"),
        ("0,0,500,400", "250,", (0, 0, 500, 400), (250, 200), "0,0,500,400/250,200/0/default.jpg"),
        # A region reaching past the edge is cut at the edge.
        (
            "900,700,500,500",
            "max",
            (900, 700, 100, 100),
            (100, 100),
            "900,700,100,100/max/0/default.jpg",
        ),
        (
            "pct:10,10,50,50",
            "max",
            (100, 80, 500, 400),
            (500, 400),
            "100,80,500,400/max/0/default.jpg",
        ),
        ("full", ",400", (0, 0, 1000, 800), (500, 400), "full/500,400/0/default.jpg"),
        ("full", "pct:50", (0, 0, 1000, 800), (500, 400), "full/500,400/0/default.jpg"),
        ("full", "300,300", (0, 0, 1000, 800), (300, 300), "full/300,300/0/default.jpg"),
        ("full", "!500,500", (0, 0, 1000, 800), (500, 400), "full/500,400/0/default.jpg"),
        ("full", "^2000,", (0, 0, 1000, 800), (2000, 1600), "full/^2000,1600/0/default.jpg"),
        ("full", "^pct:150", (0, 0, 1000, 800), (1500, 1200), "full/^1500,1200/0/default.jpg"),
        ("full", "^!2000,2000", (0, 0, 1000, 800), (2000, 1600), "full/^2000,1600/0/default.jpg"),
    ],
)
def test_regions_and_sizes_resolve_to_a_box_an_output_and_a_canonical_form(
    region: str, size: str, box: tuple[int, ...], output: tuple[int, int], canonical: str
) -> None:
    resolved = resolve(region, size)
    assert (resolved.x, resolved.y, resolved.box_width, resolved.box_height) == box
    assert (resolved.width, resolved.height) == output
    assert resolved.canonical == canonical


def test_max_keeps_within_the_limits_and_caret_max_scales_up_to_them() -> None:
    small = Limits(max_width=400, max_height=400, max_area=100_000)
    capped = resolve("full", "max", limits=small)
    assert capped.width <= 400 and capped.height <= 400
    assert capped.width * capped.height <= 100_000
    assert capped.canonical.startswith("full/max/")
    grown = resolve("full", "^max", width=100, height=80, limits=small)
    assert (grown.width, grown.height) == (353, 282)  # the area limit binds: 353 × 282 ≤ 100,000


def test_rotation_and_mirroring_are_parsed_and_written_canonically() -> None:
    assert resolve("full", "max", "90").canonical == "full/max/90/default.jpg"
    assert resolve("full", "max", "!22.50").canonical == "full/max/!22.5/default.jpg"
    mirrored = resolve("full", "max", "!0")
    assert mirrored.mirror and mirrored.rotation == 0


@pytest.mark.parametrize(
    ("region", "size", "rotation", "quality"),
    [
        ("nonsense", "max", "0", "default.jpg"),
        ("1,2,3", "max", "0", "default.jpg"),
        ("full", "full", "0", "default.jpg"),  # 2.x syntax, gone in 3.0
        ("full", "abc", "0", "default.jpg"),
        ("full", "max", "-90", "default.jpg"),
        ("full", "max", "361", "default.jpg"),
        ("full", "max", "0", "best.jpg"),
        ("full", "max", "0", "default.bmpx"),
        ("full", "max", "0", "default"),
    ],
)
def test_bad_syntax_is_a_400(region: str, size: str, rotation: str, quality: str) -> None:
    with pytest.raises(ImageRequestError) as raised:
        parse(region, size, rotation, quality)
    assert raised.value.status == 400


def test_formats_the_api_names_but_we_do_not_make_are_a_501() -> None:
    with pytest.raises(ImageRequestError) as raised:
        parse("full", "max", "0", "default.jp2")
    assert raised.value.status == 501


@pytest.mark.parametrize(
    ("region", "size"),
    [
        ("1000,0,10,10", "max"),  # starts outside the image
        ("0,0,0,10", "max"),  # empty region
        ("full", "1001,"),  # larger than the region, no ^
        ("full", "1000,801"),
        ("full", "pct:101"),
        ("full", "!2000,3000"),  # would have to upscale to fill the box
        ("full", "0,"),
        ("full", "^20000,"),  # beyond maxWidth even with ^
    ],
)
def test_impossible_requests_for_this_image_are_a_400(region: str, size: str) -> None:
    with pytest.raises(ImageRequestError) as raised:
        resolve(region, size)
    assert raised.value.status == 400
