"""The search page: checkable facets, the whole search in its address, the reader's rules."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from caravan.search.params import request_from_params

pytestmark = pytest.mark.django_db

BRONZE = [{"text": "bronze", "lang": "en"}]
MIRROR_TYPE = {
    "text": "bronze mirror",
    "lang": "en",
    "concept": {
        "scheme": "test-types",
        "notation": "mirror",
        "labels": {"en": "bronze mirror", "zh-Hans": "铜镜"},
    },
}


def url_in(language, name="web:search"):
    with translation.override(language):
        return reverse(name)


def search_page(client, query="", language="en", **params):
    response = client.get(url_in(language), {"q": query, **params})
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def facet(response, name):
    blocks = {block.name: block for block in response.context["facets"]}
    return {option.key: option for option in blocks[name].options}


def titles(response):
    return [hit.title for hit in response.context["result"].hits]


def request_of(url):
    """The search a link on the page stands for (links are query strings)."""
    return request_from_params(parse_qs(urlsplit(unescape(url)).query))


@pytest.fixture
def mirrors(alliance_world, make_object):
    """Three public bronzes (two at the palace, one at the Hermitage) and a private one."""
    palace, hermitage = alliance_world["palace"], alliance_world["hermitage"]
    return {
        "lotus": make_object(
            palace,
            "NPM-1",
            titles={"zh-Hant": "蓮花紋銅鏡", "en": "Bronze mirror with lotus"},
            materials=BRONZE,
            earliest_year=618,
            latest_year=907,
        ),
        "dragon": make_object(
            palace, "NPM-2", titles={"en": "Bronze mirror with dragons"}, materials=BRONZE
        ),
        "bell": make_object(
            hermitage,
            "ERM-1",
            titles={"en": "Bronze bell", "ru": "Бронзовый колокол"},
            materials=BRONZE,
            earliest_year=-1046,
            latest_year=-771,
        ),
        "secret": make_object(
            alliance_world["outsider"],
            "LV-9",
            titles={"en": "Bronze secret"},
            materials=BRONZE,
            visibility="private",
        ),
    }


def test_facets_are_listed_with_their_counts(client, mirrors):
    response = search_page(client, "bronze")
    assert response.context["result"].count == 3
    institutions = facet(response, "institution")
    assert {key: option.count for key, option in institutions.items()} == {
        "palace": 2,
        "hermitage": 1,
    }
    assert institutions["palace"].label == "Palace Museum"
    assert not institutions["palace"].selected
    page = response.content.decode()
    assert re.search(r"<bdi>Palace Museum</bdi></span>\s*<span class=\"count\">2</span>", page)
    assert "3 objects" in page


def test_ticking_a_facet_narrows_the_results_and_marks_the_value(client, mirrors):
    option = facet(search_page(client, "bronze"), "institution")["hermitage"]
    narrowed = client.get(reverse("web:search") + unescape(option.url))
    assert narrowed.status_code == 200
    assert titles(narrowed) == ["Bronze bell"]
    ticked = facet(narrowed, "institution")["hermitage"]
    assert ticked.selected
    assert 'class="facet-option selected" aria-current="true"' in narrowed.content.decode()
    # ticking it again unticks it: back to the three bronzes
    widened = client.get(reverse("web:search") + unescape(ticked.url))
    assert widened.context["result"].count == 3


def test_the_address_holds_the_whole_search(client, make_institution, make_object):
    museum = make_institution("npm", country="TW")
    for number in range(12):
        make_object(
            museum,
            f"n{number}",
            titles={"en": f"Bronze vessel {number}"},
            materials=BRONZE,
            earliest_year=1000 + number,
            latest_year=1000 + number,
        )
    response = search_page(
        client,
        "bronze",
        institution="npm",
        sort="-date",
        year_from="-500",
        year_to="1900",
        page_size="5",
        page="2",
    )
    wanted = response.context["search"]
    assert (wanted.q, wanted.sort, wanted.page, wanted.page_size) == ("bronze", "-date", 2, 5)
    assert (wanted.year_from, wanted.year_to, dict(wanted.filters)) == (
        -500,
        1900,
        {"institution": ("npm",)},
    )
    assert len(titles(response)) == 5
    assert [(chip.heading, chip.label) for chip in response.context["active_filters"]] == [
        ("Institution", "Museum npm"),
        ("Years", "500 BCE – 1900"),
    ]
    next_page = request_of(response.context["next_url"])
    assert next_page == request_from_params(
        parse_qs(
            "q=bronze&sort=-date&year_from=-500&year_to=1900&page_size=5&page=3&institution=npm"
        )
    )
    previous_page = request_of(response.context["previous_url"])
    assert (previous_page.page, previous_page.filters, previous_page.sort) == (
        1,
        wanted.filters,
        "-date",
    )
    untick = request_of(facet(response, "institution")["npm"].url)
    assert (untick.filters, untick.page, untick.q, untick.year_from) == ({}, 1, "bronze", -500)
    page = response.content.decode()
    # the form carries the filters along when the words change
    assert '<input type="hidden" name="institution" value="npm">' in page
    assert '<input type="hidden" name="page_size" value="5">' in page
    assert 'name="year_from" step="1" inputmode="numeric" value="-500"' in page


def test_an_empty_query_browses_everything_the_reader_may_see(client, alliance_world):
    response = search_page(client)
    assert sorted(titles(response)) == [
        "Object hermitage-public",
        "Object louvre-public",
        "Object matenadaran-public",
        "Object palace-public",
    ]


def test_record_text_is_escaped(client, make_institution, make_object):
    museum = make_institution("npm", names={"en": "<b>Evil</b> museum"}, country="TW")
    make_object(museum, "x", titles={"en": "<script>alert(1)</script>"})
    page = search_page(client, "alert").content.decode()
    assert "<script>alert" not in page
    assert "<b>Evil</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_hidden_records_reach_neither_hits_nor_counts(client, mirrors, make_user, alliance_world):
    response = search_page(client, "bronze")
    assert "Bronze secret" not in titles(response)
    assert "louvre" not in facet(response, "institution")
    assert "Bronze secret" not in response.content.decode()
    client.force_login(make_user("curator", institution=alliance_world["outsider"]))
    own = search_page(client, "bronze")
    assert "Bronze secret" in titles(own)
    assert facet(own, "institution")["louvre"].count == 1


def test_members_find_members_only_records_of_their_partners(client, alliance_world, make_user):
    assert "Object hermitage-members" not in titles(search_page(client, "hermitage-members"))
    client.force_login(make_user("li", institution=alliance_world["palace"]))
    found = titles(search_page(client))
    assert "Object hermitage-members" in found
    assert "Object matenadaran-members" not in found  # no alliance shared with the palace


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [
        ("en", "ltr", "Search the collections"),
        ("zh-hans", "ltr", "搜索馆藏"),
        ("ru", "ltr", "Поиск по коллекциям"),
        ("ar", "rtl", "البحث في المجموعات"),
    ],
)
def test_the_page_in_every_interface_language(client, mirrors, language, direction, heading):
    response = search_page(client, "bronze", language=language)
    page = response.content.decode()
    assert re.search(r'<html lang="([^"]+)" dir="([^"]+)">', page).groups() == (language, direction)
    assert f"<h1>{heading}</h1>" in page
    # record text keeps its own language whatever the interface's
    assert '<h3 class="card-title" lang="ru" dir="auto">Бронзовый колокол</h3>' in page or (
        '<h3 class="card-title" lang="en" dir="auto">Bronze bell</h3>' in page
    )


def test_titles_come_in_the_readers_language(client, mirrors):
    russian = search_page(client, "колокол", language="ru")
    assert titles(russian) == ["Бронзовый колокол"]
    assert russian.context["result"].hits[0].title_lang == "ru"


def test_a_concept_named_in_another_language_finds_the_object_and_says_so(
    client, make_institution, make_object
):
    museum = make_institution("npm", country="TW")
    make_object(museum, "m1", titles={"en": "Mirror with phoenixes"}, object_types=[MIRROR_TYPE])
    response = search_page(client, "铜镜")
    assert titles(response) == ["Mirror with phoenixes"]
    page = response.content.decode()
    assert "Matched via concept:" in page
    assert "铜镜" in page.split('class="matched-via"', 1)[1].split("</p>", 1)[0]


def test_snippets_mark_the_matched_words_in_their_language(client, make_institution, make_object):
    museum = make_institution("npm", country="TW")
    make_object(
        museum,
        "d1",
        titles={"en": "Vessel"},
        descriptions={"en": "A ritual wine vessel cast in bronze with taotie masks."},
    )
    page = search_page(client, "taotie").content.decode()
    snippet = re.search(r'<p class="snippet" lang="en" dir="auto">(.*?)</p>', page, re.S)
    assert snippet is not None
    assert "<mark>taotie</mark>" in snippet.group(1)


def test_nothing_found_offers_a_respelling(client, mirrors):
    response = search_page(client, "bronse")
    assert response.context["result"].count == 0
    assert response.context["result"].suggestion == "bronze"
    page = response.content.decode()
    assert "Did you mean:" in page
    assert '<a href="?q=bronze" dir="auto">bronze</a>' in page


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"page": "0"}, "page must be between 1 and 500, not 0"),
        ({"page_size": "101"}, "page_size must be between 1 and 100, not 101"),
        ({"sort": "sideways"}, "unknown sort &#x27;sideways&#x27;"),
        ({"year_from": "Tang"}, "year_from must be a whole number"),
        ({"lang": "not a tag"}, "lang must be a BCP-47 language tag"),
    ],
)
def test_a_bad_parameter_is_answered_400_with_the_reason(client, db, params, reason):
    response = client.get(reverse("web:search"), params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "This search cannot be run" in page
    assert reason in page


def test_the_navigation_and_the_collections_page_lead_to_search(client, alliance_world):
    home = client.get("/").content.decode()
    assert f'<a href="{reverse("web:search")}">Search</a>' in home
    listing = client.get(reverse("web:object_list"), {"institution": "palace"}).content.decode()
    assert f'<form class="search-form" method="get" action="{reverse("web:search")}"' in listing
    assert '<input type="hidden" name="institution" value="palace">' in listing
