"""The network picture in headless Chromium: keyboard focus highlights a member's partners."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from caravan.insight.tests.fixtures.network import world as network_world
from caravan.web.tests.test_browser import browser, page, screenshot  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(alliance_world, agreements, make_institution, make_object):
    cache.clear()
    return network_world.build(alliance_world, agreements, make_institution, make_object)


def test_focus_lights_the_partners_and_says_the_counts(live_server, page, world):  # noqa: F811
    page.goto(f"{live_server.url}/ar/insight/network/")
    assert page.get_attribute("html", "dir") == "rtl"
    palace = page.locator('svg.network-graph a.node[data-code="palace"]')
    palace.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-code')") == "palace"
    lit = page.eval_on_selector_all(
        "svg.network-graph a.node.is-lit", "nodes => nodes.map(n => n.dataset.code).sort()"
    )
    assert lit == ["hermitage", "matenadaran", "palace"]
    assert page.locator("svg.network-graph").get_attribute("class").endswith("is-focused")
    assert "Palace Museum" in page.inner_text("#network-status")
    screenshot(page, "network-ar-focus")
    page.keyboard.press("Tab")  # on to the next member: the keyboard walks the picture
    assert page.evaluate("document.activeElement.classList.contains('node')")
    page.keyboard.press("Escape")
    assert page.locator("svg.network-graph a.is-lit").count() == 0
