"""The search page in headless Chromium: type, tick a facet, read the address; English and Arabic.

Screenshots go to test-output/screenshots/search-*.png for people to look at.
"""

import pytest

from caravan.web.tests.test_browser import browser, page, screenshot  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BRONZE = [{"text": "bronze", "lang": "en"}]


@pytest.fixture
def bronzes(alliance_world, make_object):
    palace, hermitage = alliance_world["palace"], alliance_world["hermitage"]
    make_object(
        palace,
        "NPM-1",
        titles={"en": "Bronze mirror with lotus", "zh-Hant": "蓮花紋銅鏡", "ar": "مرآة برونزية"},
        descriptions={"en": "A bronze mirror cast with lotus scrolls around a knob."},
        date_display={"en": "Tang dynasty"},
        earliest_year=618,
        latest_year=907,
        materials=BRONZE,
    )
    make_object(palace, "NPM-2", titles={"en": "Bronze mirror with dragons"}, materials=BRONZE)
    make_object(
        hermitage,
        "ERM-1",
        titles={"ru": "Бронзовый колокол", "en": "Bronze bell"},
        earliest_year=-1046,
        latest_year=-771,
        materials=BRONZE,
    )
    return alliance_world


def test_search_then_tick_a_facet(live_server, page, bronzes):  # noqa: F811 - the fixture
    page.goto(f"{live_server.url}/search/")
    page.fill("#search-page-q", "bronze")
    page.press("#search-page-q", "Enter")
    page.wait_for_url("**/search/?q=bronze*")
    assert page.locator(".search-count").inner_text() == "3 objects"
    page.locator(".facet-institution a", has_text="Palace Museum").click()
    page.wait_for_url("**institution=palace*")
    assert page.locator(".search-count").inner_text() == "2 objects"
    assert page.locator(".search-hit").count() == 2
    ticked = page.locator(".facet-institution a.selected")
    assert ticked.get_attribute("aria-current") == "true"
    assert "Palace Museum" in ticked.inner_text()
    screenshot(page, "search-en")
    # the year range keeps the ticked facet: the form carries it along
    page.fill("#search-year-from", "600")
    page.fill("#search-year-to", "1000")
    page.locator(".facet-years button").click()
    page.wait_for_url("**year_from=600*")
    assert page.url.count("institution=palace") == 1
    assert page.locator(".search-hit .card-title").all_inner_texts() == ["Bronze mirror with lotus"]


def test_search_in_arabic_mirrors_the_layout(live_server, page, bronzes):  # noqa: F811
    page.goto(f"{live_server.url}/ar/search/?q=bronze")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".facet-institution a").first.click()
    page.wait_for_url("**institution=*")
    facets = page.locator(".search-facets").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert facets["x"] > results["x"]  # the facets sit on the right, where a reader starts
    arabic = page.locator(".card-title[lang=ar]")
    assert arabic.inner_text() == "مرآة برونزية"
    screenshot(page, "search-ar")
