"""The deep-zoom viewer in headless Chromium, on the Arabic (right-to-left) object page.

Skipped where Chromium is missing (as the web app's browser tests are); the screenshot goes to
test-output/screenshots/ for people to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue.media import media_upload

from .conftest import validator_image

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[4] / "test-output" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@contextmanager
def chromium_page() -> Iterator[Any]:
    """A browser page. Playwright runs an event loop in this thread, and the database
    connection Django keeps for the thread is per context, so the test stores everything it
    needs before opening the page and asks the database nothing while it is open."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI and is missing at {CHROMIUM}")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
            headless=True,
        )
        try:
            yield browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        finally:
            browser.close()


def test_the_viewer_opens_the_hosted_image_in_a_right_to_left_page(
    live_server: Any, make_institution: Any, make_object: Any
) -> None:
    museum = make_institution("viewer-museum", names={"ar": "متحف", "en": "Museum"})
    obj = make_object(museum, "V-1", titles={"ar": "لوحة الألوان", "en": "Colour chart"})
    media = media_upload(obj=obj, file=validator_image(), caption={"ar": "مربعات ملونة"})
    info_url = f"/iiif/image/{media.hosted_id}/info.json"
    with chromium_page() as page:
        fetched: list[str] = []
        page.on(
            "response",
            lambda response: fetched.append(response.url) if response.status == 200 else None,
        )
        page.goto(f"{live_server.url}/ar/objects/{obj.pk}/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.wait_for_selector("figure.iiif-zoomable", timeout=20_000)
        figure = page.locator("figure.iiif-zoomable")
        assert figure.locator("img.object-image").is_hidden()  # the viewer took its place
        viewer = figure.locator(".iiif-viewer")
        assert viewer.is_visible()
        page.wait_for_load_state("networkidle")  # the tiles are in
        assert any(url.endswith(info_url) for url in fetched)
        # Tiles the viewer asked for (the plain picture is full/max).
        tiles = [
            url
            for url in fetched
            if "/iiif/image/" in url and url.endswith("/default.jpg") and "/full/max/" not in url
        ]
        assert tiles, fetched
        # The zoom buttons sit at the reading start: the right-hand side of the viewer.
        box = viewer.bounding_box()
        controls = page.locator(".iiif-viewer [title]").first.bounding_box()
        assert controls["x"] > box["x"] + box["width"] / 2
        link = page.locator(".iiif-links a")
        assert link.get_attribute("href") == f"/iiif/objects/{obj.pk}/manifest"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "object-iiif-viewer-ar.png"), full_page=True)
