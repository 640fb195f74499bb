"""Real pages in headless Chromium: Chinese and Arabic (right-to-left), with screenshots.

Screenshots are written to test-output/screenshots/ for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chromium_missing() -> bool:
    return not Path(CHROMIUM).exists()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if chromium_missing():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI and is missing at {CHROMIUM}")
        pytest.skip("Chromium is not installed (scripts/ensure-system-packages.sh chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test fixtures around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:], headless=True
        )
        yield launched
        launched.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def showcase(alliance_world, make_object):
    return make_object(
        alliance_world["palace"],
        "NPM-mirror",
        titles={"en": "Bronze mirror with lotus", "zh-Hans": "莲花纹铜镜", "ar": "مرآة برونزية"},
        date_display={"en": "Tang dynasty"},
        earliest_year=618,
        latest_year=907,
        materials=[{"text": "bronze", "lang": "en"}],
    )


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("language", "direction"), [("zh-hans", "ltr"), ("ar", "rtl")])
def test_home_and_object_pages_in_chinese_and_arabic(
    live_server, page, showcase, language, direction
):
    page.goto(f"{live_server.url}/{language}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    assert page.locator(".members-table tbody tr").count() == 4
    screenshot(page, f"home-{language}")

    page.goto(f"{live_server.url}/{language}/objects/{showcase.pk}/")
    assert page.locator("html").get_attribute("dir") == direction
    heading = page.locator("h1")
    expected = {"zh-hans": ("zh-Hans", "莲花纹铜镜"), "ar": ("ar", "مرآة برونزية")}[language]
    assert (heading.get_attribute("lang"), heading.inner_text()) == expected
    if direction == "rtl":
        # the layout really mirrors: the media column sits to the right of the text
        media_box = page.locator(".object-media").bounding_box()
        text_box = page.locator(".object-text").bounding_box()
        assert media_box["x"] > text_box["x"]
    screenshot(page, f"object-{language}")


def test_language_switcher_keeps_the_page(live_server, page, showcase):
    page.goto(f"{live_server.url}/objects/{showcase.pk}/")
    page.locator('.language-switcher a[hreflang="ar"]').click()
    page.wait_for_url(f"**/ar/objects/{showcase.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
