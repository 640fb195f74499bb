"""GET /api/v1/search answers as the search page does: same parameters, same visibility."""

import pytest

from caravan.api.search import SearchOut

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"
BRONZE = [{"text": "bronze", "lang": "en"}]


@pytest.fixture
def bronzes(alliance_world, make_object):
    palace, hermitage = alliance_world["palace"], alliance_world["hermitage"]
    make_object(
        palace,
        "NPM-1",
        titles={"zh-Hant": "蓮花紋銅鏡", "en": "Bronze mirror with lotus"},
        materials=BRONZE,
        date_display={"en": "Tang dynasty"},
        earliest_year=618,
        latest_year=907,
        media=[
            {
                "image_url": "https://img.example/1.jpg",
                "thumbnail_url": "https://img.example/1t.jpg",
            }
        ],
    )
    make_object(palace, "NPM-2", titles={"en": "Bronze mirror with dragons"}, materials=BRONZE)
    make_object(
        hermitage, "ERM-1", titles={"en": "Bronze bell"}, materials=BRONZE, visibility="members"
    )
    make_object(
        alliance_world["outsider"],
        "LV-9",
        titles={"en": "Bronze secret"},
        materials=BRONZE,
        visibility="private",
    )
    return alliance_world


def local_ids(answer):
    return sorted(hit["local_identifier"] for hit in answer["results"])


def test_the_answer_has_the_documented_shape(client, bronzes):
    response = client.get(URL, {"q": "lotus"})
    assert response.status_code == 200
    answer = response.json()
    SearchOut.model_validate(answer)  # the view builds the JSON itself; it must fit the schema
    assert set(answer) == {"count", "results", "facets", "suggestion", "page", "page_size"}
    assert (answer["count"], answer["page"], answer["page_size"], answer["suggestion"]) == (
        1,
        1,
        20,
        "",
    )
    (hit,) = answer["results"]
    assert set(hit) == {
        "id",
        "institution",
        "local_identifier",
        "title",
        "matched",
        "title_lang",
        "snippet",
        "date",
        "thumbnail",
        "url",
    }
    assert (hit["institution"], hit["local_identifier"]) == ("palace", "NPM-1")
    assert (hit["title"], hit["title_lang"]) == ("Bronze mirror with lotus", "en")
    assert "<mark>lotus</mark>" in hit["snippet"]
    assert hit["date"] == "Tang dynasty"
    assert hit["thumbnail"] == "https://img.example/1t.jpg"
    assert hit["url"] == f"http://testserver/objects/{hit['id']}/"
    for match in hit["matched"]:
        assert set(match) == {"kind", "label", "term", "concept_id", "period_id"}
    assert set(answer["facets"]) == {
        "institution",
        "alliance",
        "country",
        "object_type",
        "material",
        "period",
        "century",
        "has_image",
        "rights",
        "missing",
    }
    assert answer["facets"]["institution"] == [
        {"key": "palace", "label": "Palace Museum", "count": 1}
    ]


def test_titles_follow_lang(client, bronzes):
    (hit,) = client.get(URL, {"q": "lotus", "lang": "zh-Hant"}).json()["results"]
    assert (hit["title"], hit["title_lang"]) == ("蓮花紋銅鏡", "zh-Hant")


def test_page_size_is_at_most_100(client, bronzes):
    refused = client.get(URL, {"page_size": "101"})
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "page_size must be between 1 and 100, not 101",
        "code": "bad_request",
        "errors": [],
    }
    assert client.get(URL, {"page_size": "100"}).status_code == 200
    paged = client.get(URL, {"q": "bronze", "page_size": "1", "page": "2"}).json()
    assert (paged["count"], len(paged["results"]), paged["page"], paged["page_size"]) == (
        2,
        1,
        2,
        1,
    )


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"sort": "sideways"}, "unknown sort 'sideways'; use one of relevance, date, -date, added"),
        ({"facet": "colour"}, "unknown facet 'colour'"),
        ({"year_to": "late"}, "year_to must be a whole number (BCE years negative), not 'late'"),
        ({"page": "-1"}, "page must be between 1 and 500, not -1"),
        ({"year_from": "-61950562261828853760"}, "year_from must be between -999999 and 999999"),
        ({"lang": "!!"}, "lang must be a BCP-47 language tag, not '!!'"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client, db, params, detail):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail)


def test_filters_and_chosen_facets(client, bronzes):
    by_institution = client.get(URL, {"q": "bronze", "institution": "palace"}).json()
    assert local_ids(by_institution) == ["NPM-1", "NPM-2"]
    with_image = client.get(URL, {"q": "bronze", "has_image": "true"}).json()
    assert local_ids(with_image) == ["NPM-1"]
    dated = client.get(URL, {"q": "bronze", "year_from": "600", "year_to": "700"}).json()
    assert local_ids(dated) == ["NPM-1"]
    either = client.get(URL, {"institution": ["palace", "hermitage"], "q": "mirror"}).json()
    assert local_ids(either) == ["NPM-1", "NPM-2"]
    only_two = client.get(URL, {"q": "bronze", "facet": ["institution", "has_image"]}).json()
    assert set(only_two["facets"]) == {"institution", "has_image"}


def test_what_each_reader_may_see(client, bronzes, make_user):
    anonymous = client.get(URL, {"q": "bronze"}).json()
    assert local_ids(anonymous) == ["NPM-1", "NPM-2"]
    assert {value["key"] for value in anonymous["facets"]["institution"]} == {"palace"}

    client.force_login(make_user("li", institution=bronzes["palace"]))
    member = client.get(URL, {"q": "bronze"}).json()
    assert local_ids(member) == ["ERM-1", "NPM-1", "NPM-2"]  # the Hermitage shares an alliance

    client.force_login(make_user("marie", institution=bronzes["outsider"]))
    owner = client.get(URL, {"q": "bronze"}).json()
    assert local_ids(owner) == ["LV-9", "NPM-1", "NPM-2"]
    assert {v["key"]: v["count"] for v in owner["facets"]["institution"]} == {
        "palace": 2,
        "louvre": 1,
    }


def test_an_empty_query_browses_everything_the_reader_may_see(client, alliance_world):
    answer = client.get(URL).json()
    assert answer["count"] == 4
    assert local_ids(answer) == [
        "hermitage-public",
        "louvre-public",
        "matenadaran-public",
        "palace-public",
    ]


def test_the_page_address_works_on_the_api(client, bronzes):
    """The search page's query string, pasted after /api/v1/search, returns the same hits."""
    from caravan.search.params import params_from_request, request_from_params

    wanted = request_from_params({"q": ["mirror"], "institution": ["palace"], "page_size": ["1"]})
    answer = client.get(f"{URL}?{params_from_request(wanted)}").json()
    assert (answer["count"], answer["page_size"], len(answer["results"])) == (2, 1, 1)
    assert answer["results"][0]["institution"] == "palace"
