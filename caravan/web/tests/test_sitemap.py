"""The sitemap lists the pages anyone may open — public objects and institutions — in every
interface language, with hreflang alternates, split into pages under a sitemap index."""

from __future__ import annotations

import pytest
from django.utils import timezone
from lxml import etree

from caravan.catalogue.models import CatalogueObject
from caravan.web.sitemaps import ObjectSitemap

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"
PREFIXES = {"en": "", "zh-hans": "/zh-hans", "ru": "/ru", "ar": "/ar"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


def xml(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return etree.fromstring(response.content, SAFE)


def locations(client, url):
    return xml(client.get(url)).xpath("//sm:url/sm:loc/text()", namespaces=NS)


def addresses(path: str) -> set[str]:
    return {f"{HOST}{prefix}{path}" for prefix in PREFIXES.values()}


@pytest.fixture
def world(alliance_world):
    withdrawn = alliance_world["objects"][("louvre", "public")]
    CatalogueObject.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    return alliance_world


def test_only_public_object_pages_are_listed(client, world):
    listed = set(locations(client, "/sitemap-objects.xml"))
    objects = world["objects"]
    expected: set[str] = set()
    for code in ("palace", "hermitage", "matenadaran"):
        expected |= addresses(f"/objects/{objects[(code, 'public')].pk}/")
    assert listed == expected
    for (code, visibility), obj in objects.items():
        if visibility != "public" or code == "louvre":  # members-only, private, withdrawn
            assert not addresses(f"/objects/{obj.pk}/") & listed


def test_every_listed_address_opens_in_its_language(client, world):
    for address in locations(client, "/sitemap-objects.xml"):
        response = client.get(address.removeprefix(HOST))
        assert response.status_code == 200, address
        language = next(
            (code for code, prefix in PREFIXES.items() if prefix and f"{HOST}{prefix}/" in address),
            "en",
        )
        assert f'<html lang="{language}"' in response.content.decode(), address


def test_each_entry_names_its_page_in_every_language(client, world):
    public = world["objects"][("palace", "public")]
    page = xml(client.get("/sitemap-objects.xml"))
    entries = page.xpath(f"//sm:url[sm:loc='{HOST}/ru/objects/{public.pk}/']", namespaces=NS)
    (entry,) = entries
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in entry.xpath("xhtml:link[@rel='alternate']", namespaces=NS)
    }
    assert alternates == {
        "en": f"{HOST}/objects/{public.pk}/",
        "zh-hans": f"{HOST}/zh-hans/objects/{public.pk}/",
        "ru": f"{HOST}/ru/objects/{public.pk}/",
        "ar": f"{HOST}/ar/objects/{public.pk}/",
        "x-default": f"{HOST}/objects/{public.pk}/",
    }
    public.refresh_from_db()
    assert entry.findtext("sm:lastmod", namespaces=NS) == public.updated_at.date().isoformat()


def test_institution_pages_are_listed(client, world):
    listed = set(locations(client, "/sitemap-institutions.xml"))
    expected: set[str] = set()
    for code in ("hermitage", "louvre", "matenadaran", "palace"):
        expected |= addresses(f"/institutions/{code}/")
    assert listed == expected


def test_the_index_pages_a_large_section(client, world, make_object, monkeypatch):
    palace = world["palace"]
    for number in range(3):
        make_object(palace, f"extra-{number}")
    # 6 public objects in 4 languages are 24 addresses: 6 pages of 4.
    monkeypatch.setattr(ObjectSitemap, "limit", 4)
    index = xml(client.get("/sitemap.xml"))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    sitemaps = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    object_pages = [loc for loc in sitemaps if "sitemap-objects.xml" in loc]
    assert object_pages == [f"{HOST}/sitemap-objects.xml"] + [
        f"{HOST}/sitemap-objects.xml?p={page}" for page in range(2, 7)
    ]
    assert f"{HOST}/sitemap-institutions.xml" in sitemaps
    seen: list[str] = []
    for loc in object_pages:
        listed = locations(client, loc.removeprefix(HOST))
        assert 0 < len(listed) <= 4
        seen += listed
    assert len(seen) == len(set(seen)) == 24
    public = CatalogueObject.objects.filter(visibility="public", withdrawn_at__isnull=True)
    assert set(seen) == {a for obj in public for a in addresses(f"/objects/{obj.pk}/")}
    assert client.get("/sitemap-objects.xml?p=7").status_code == 404
    lastmods = index.xpath("//sm:sitemap/sm:lastmod/text()", namespaces=NS)
    assert len(lastmods) == len(sitemaps)
