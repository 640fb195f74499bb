"""The cooperation network pages: languages, the SVG, the CSV downloads and permissions."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.cache import cache
from lxml import etree, html

from caravan.insight.tests.fixtures.network import world as network_world

SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def world(alliance_world, agreements, make_institution, make_object):
    return network_world.build(alliance_world, agreements, make_institution, make_object)


def _csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def _xpath(tree: Any, expression: str) -> list[Any]:
    return list(tree.xpath(expression))


def _table(page: bytes, table_id: str) -> list[list[str]]:
    tree = html.fromstring(page)
    (table,) = _xpath(tree, f'//table[@id="{table_id}"]')
    rows = []
    for row in table.xpath(".//tr"):
        rows.append([cell.text_content().strip() for cell in row.xpath("./th|./td")])
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "palace", "tate", "direction"),
    [
        ("", "Palace Museum", "Tate", "ltr"),
        ("/zh-hans", "故宫博物院", "泰特美术馆", "ltr"),
        ("/ru", "Palace Museum", "Тейт", "ltr"),
        ("/ar", "Palace Museum", "تيت", "rtl"),
    ],
)
def test_the_network_page_in_every_language(client, world, prefix, palace, tate, direction):
    response = client.get(f"{prefix}/insight/network/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'dir="{direction}"' in page.split(">", 2)[1]  # on <html>
    tree = html.fromstring(response.content)
    (svg,) = _xpath(tree, '//svg[contains(@class, "network-graph")]')
    labels = [text.text_content() for text in svg.iter("text")]
    assert palace in labels and tate in labels
    # The inline SVG is well-formed XML too.
    inline = etree.fromstring(page[page.index("<svg") : page.index("</svg>") + 6], SAFE_XML)
    assert len(inline.findall(f".//{SVG}a")) == 5
    # The isolated member and the suggestion are listed in words.
    isolates = _xpath(tree, '//ul[@class="network-isolates"]//a')
    assert [a.get("href") for a in isolates] == [f"{prefix}/institutions/tate/"]
    partners = _xpath(tree, '//ol[@id="network-partners"]/li')
    assert len(partners) == 1 and tate in partners[0].text_content()


@pytest.mark.django_db
def test_arabic_labels_carry_their_own_direction(client, world):
    page = client.get("/ar/insight/network/").content.decode()
    svg = etree.fromstring(page[page.index("<svg") : page.index("</svg>") + 6], SAFE_XML)
    texts = {t.text: t for t in svg.iter(f"{SVG}text")}
    assert texts["تيت"].get("direction") == "rtl"
    assert texts["Palace Museum"].get("direction") == "ltr"


@pytest.mark.django_db
def test_nodes_are_links_with_their_neighbours_and_counts(client, world):
    page = client.get("/insight/network/").content.decode()
    svg = etree.fromstring(page[page.index("<svg") : page.index("</svg>") + 6], SAFE_XML)
    nodes = {a.get("data-code"): a for a in svg.iter(f"{SVG}a")}
    assert nodes["palace"].get("href") == "/institutions/palace/"
    assert nodes["palace"].get("data-neighbours") == "hermitage matenadaran"
    assert nodes["tate"].get("class") == "node isolate"
    assert "2 partners" in str(nodes["palace"].get("aria-label"))
    assert 'src="/static/insight/network.js"' in page


@pytest.mark.django_db
def test_the_svg_download_is_a_standalone_well_formed_file(client, world):
    response = client.get("/zh-hans/insight/network/network.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert 'filename="network.svg"' in response["Content-Disposition"]
    root = etree.fromstring(response.content, SAFE_XML)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}style") is not None
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert "http://testserver/zh-hans/institutions/palace/" in hrefs
    assert "故宫博物院" in {t.text for t in root.iter(f"{SVG}text")}


@pytest.mark.django_db
def test_the_csv_downloads_match_the_tables(client, world):
    page = client.get("/insight/network/").content
    edges = _csv(client.get("/insight/network/edges.csv"))
    assert edges == _table(page, "network-edges")
    assert edges[0][:3] == ["Institution", "Partner", "Weight"]
    members = _csv(client.get("/insight/network/members.csv"))
    assert members == _table(page, "network-members")
    assert len(members) == 1 + 5
    partners = _csv(client.get("/insight/network/partners.csv"))
    assert partners[1][:2] == ["Palace Museum", "Tate"]
    assert "ceramics" in partners[1][3]
    assert client.get("/insight/network/secrets.csv").status_code == 404


@pytest.mark.django_db
def test_downloads_keep_the_filters(client, world):
    page = client.get("/insight/network/?kinds=programme&year_from=2010").content.decode()
    assert "/insight/network/edges.csv?kinds=programme&amp;year_from=2010" in page
    edges = _csv(client.get("/insight/network/edges.csv?kinds=programme&year_from=2010"))
    assert sorted(tuple(row[:2]) for row in edges[1:]) == [
        ("Hermitage", "Musée du Louvre"),
        ("Palace Museum", "Hermitage"),
    ]


@pytest.mark.django_db
def test_private_records_count_only_for_those_who_may_see_them(client, world, make_user):
    def agreements_of(rows: list[list[str]], a: str, b: str) -> int:
        (row,) = [r for r in rows if {r[0], r[1]} == {a, b}]
        return int(row[3])

    public = _csv(client.get("/insight/network/edges.csv"))
    assert agreements_of(public, "Palace Museum", "Hermitage") == 1
    assert agreements_of(public, "Palace Museum", "Մատենադարան") == 0
    client.force_login(make_user("palace-staff", institution=world["palace"]))
    staff = _csv(client.get("/insight/network/edges.csv"))
    assert agreements_of(staff, "Palace Museum", "Hermitage") == 2
    assert agreements_of(staff, "Palace Museum", "Մատենադարան") == 1


@pytest.mark.django_db
def test_an_alliance_network_page(client, world):
    response = client.get("/ru/alliances/silk/network/")
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    (svg,) = _xpath(tree, '//svg[contains(@class, "network-graph")]')
    assert sorted(str(a.get("data-code")) for a in svg.iter("a")) == ["hermitage", "palace", "tate"]
    assert _xpath(tree, '//a[@href="/ru/alliances/silk/network/network.svg"]')
    before = _csv(client.get("/alliances/silk/network/members.csv?on=2020-06-01"))
    assert sorted(row[-2] for row in before[1:]) == ["hermitage", "palace"]
    assert client.get("/alliances/nowhere/network/").status_code == 404


@pytest.mark.django_db
def test_bad_filters_are_left_out_not_fatal(client, world):
    response = client.get("/insight/network/?year_from=abc&kinds=nothing")
    assert response.status_code == 200
    assert b"Some filters were not understood" in response.content


@pytest.mark.django_db
def test_names_are_escaped_everywhere(client, world, make_institution):
    make_institution("evil", names={"en": '<script>alert("x")</script>'})
    page = client.get("/insight/network/").content.decode()
    assert "<script>alert" not in page
    svg = client.get("/insight/network/network.svg").content
    etree.fromstring(svg, SAFE_XML)
    assert b"<script>alert" not in svg
