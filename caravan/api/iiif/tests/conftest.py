"""Fixtures of the IIIF tests: the validator's test image, hosted images, a private cache."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

import pytest
from django.core.files.base import ContentFile
from PIL import Image

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The identifier the IIIF Image API validator asks for, and the image it expects to get.
VALIDATOR_ID = "67352ccc-d1b0-11e1-89ae-279075081939"
VALIDATOR_IMAGE = FIXTURES / f"{VALIDATOR_ID}.png"


@pytest.fixture(autouse=True)
def iiif_cache_dir(tmp_path_factory: Any, settings: Any) -> Path:
    """Each test renders into its own derivative cache."""
    settings.CARAVAN_IIIF_CACHE_DIR = tmp_path_factory.mktemp("iiif-cache")
    return Path(settings.CARAVAN_IIIF_CACHE_DIR)


def image_file(
    width: int = 300, height: int = 200, *, kind: str = "JPEG", name: str = "photo.jpg"
) -> ContentFile[bytes]:
    """A real image in memory: left half red, right half blue (so turns and crops show)."""
    picture = Image.new("RGB", (width, height), (200, 30, 30))
    picture.paste((30, 30, 200), (width // 2, 0, width, height))
    out = io.BytesIO()
    picture.save(out, format=kind)
    return ContentFile(out.getvalue(), name=name)


def validator_image() -> ContentFile[bytes]:
    return ContentFile(VALIDATOR_IMAGE.read_bytes(), name=VALIDATOR_IMAGE.name)


@pytest.fixture
def museum(make_institution: Any) -> Any:
    return make_institution(
        "dunhuang",
        names={"en": "Dunhuang Academy", "zh-Hans": "敦煌研究院", "ar": "أكاديمية دونهوانغ"},
    )


def xpath(node: Any, expression: str) -> list[Any]:
    """lxml's xpath, typed as the list of nodes or strings the tests' expressions give."""
    return cast(list[Any], node.xpath(expression))
