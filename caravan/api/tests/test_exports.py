"""CSV and JSON Lines exports of a search: every match (not one page), in the search's order,
under the same visibility as the search, streamed, and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone

from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to
from caravan.search import export

pytestmark = pytest.mark.django_db
CSV_URL = "/api/v1/exports/objects.csv"
JSONL_URL = "/api/v1/exports/objects.jsonl"
SEARCH_URL = "/api/v1/search"
BRONZE = [{"text": "bronze", "lang": "en"}]
BOM = "\ufeff"


def csv_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    text = response.getvalue().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))


def jsonl_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    body = response.getvalue().decode("utf-8")
    return [json.loads(line) for line in body.splitlines()]


def searched_ids(client, params):
    """Every hit of a search through the search API, page after page."""
    ids = []
    page = 1
    while True:
        answer = client.get(SEARCH_URL, {**params, "page_size": 20, "page": page}).json()
        ids += [hit["id"] for hit in answer["results"]]
        if page * 20 >= answer["count"]:
            return ids
        page += 1


@pytest.fixture
def bronzes(alliance_world, make_object, monkeypatch):
    """45 public bronzes, each dated a different year, and small batches, so that an export
    spans several search pages and several batches."""
    monkeypatch.setattr(export, "BATCH_SIZE", 7)
    palace = alliance_world["palace"]
    for number in range(45):
        make_object(
            palace,
            f"B-{number:02d}",
            titles={"en": f"Bronze vessel {number}"},
            materials=BRONZE,
            earliest_year=-1000 + number * 20,
            latest_year=-1000 + number * 20 + 10,
        )
    return alliance_world


def test_the_export_is_the_whole_search_result_in_its_order(client, bronzes):
    for params in ({"q": "bronze", "sort": "date"}, {"q": "bronze", "sort": "-date"}, {}):
        expected = searched_ids(client, params)
        assert len(expected) > 20  # more than one page of the search
        exported = [int(row["id"]) for row in csv_rows(client.get(CSV_URL, params))]
        assert exported == expected
        assert [row["id"] for row in jsonl_rows(client.get(JSONL_URL, params))] == expected
    by_relevance = [int(row["id"]) for row in csv_rows(client.get(CSV_URL, {"q": "vessel"}))]
    assert sorted(by_relevance) == sorted(searched_ids(client, {"q": "vessel"}))
    assert len(by_relevance) == 45


def test_filters_and_years_narrow_the_export_as_they_narrow_the_search(client, bronzes):
    params = {"q": "bronze", "year_from": "-500", "year_to": "-300", "sort": "date"}
    rows = csv_rows(client.get(CSV_URL, params))
    assert [int(row["id"]) for row in rows] == searched_ids(client, params)
    assert [row["earliest_year"] for row in rows] == [str(y) for y in range(-500, -299, 20)]
    by_institution = jsonl_rows(client.get(JSONL_URL, {"institution": "hermitage"}))
    assert {row["local_id"] for row in by_institution} == {"hermitage-public"}


def test_each_reader_exports_what_they_may_see(client, alliance_world, make_user):
    objects = alliance_world["objects"]
    withdrawn = objects[("palace", "public")]
    CatalogueObject.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())

    anonymous = {row["local_id"] for row in jsonl_rows(client.get(JSONL_URL))}
    assert anonymous == {"hermitage-public", "matenadaran-public", "louvre-public"}

    member = make_user("li", institution=alliance_world["palace"])
    client.force_login(member)
    seen = {row["local_id"] for row in jsonl_rows(client.get(JSONL_URL))}
    # The Hermitage shares the silk alliance with the palace; the Matenadaran does not.
    assert "hermitage-members" in seen and "matenadaran-members" not in seen
    assert "palace-private" in seen and "louvre-private" not in seen
    assert "palace-public" not in seen  # withdrawn: seen by nobody
    assert seen == set(objects_visible_to(member).values_list("local_id", flat=True))


def test_a_row_says_what_the_record_says_in_the_readers_language(
    client, alliance_world, make_object
):
    mirror = make_object(
        alliance_world["palace"],
        "NPM-1",
        language="zh-Hant",
        titles={"zh-Hant": "蓮花紋銅鏡", "en": "Bronze mirror with lotus", "ar": "مرآة برونزية"},
        object_types=[{"text": "mirror", "lang": "en"}, {"text": "銅鏡", "lang": "zh-Hant"}],
        materials=[{"text": "bronze", "lang": "en"}, {"text": "青銅", "lang": "zh-Hant"}],
        date_display={"en": "Tang dynasty", "zh-Hant": "唐"},
        earliest_year=618,
        latest_year=907,
        production_place={"en": "Chang'an", "zh-Hant": "長安"},
        production_country="CN",
        rights="http://rightsstatements.org/vocab/NoC-NC/1.0/",
        media=[{"image_url": "https://img.example/1.jpg"}],
    )
    (row,) = jsonl_rows(client.get(JSONL_URL, {"q": "lotus", "lang": "en"}))
    assert row == {
        "id": mirror.pk,
        "institution": "palace",
        "local_id": "NPM-1",
        "title": "Bronze mirror with lotus",
        "title_lang": "en",
        "titles": {"zh-Hant": "蓮花紋銅鏡", "en": "Bronze mirror with lotus", "ar": "مرآة برونزية"},
        "object_types": ["mirror"],
        "materials": ["bronze"],
        "date": "Tang dynasty",
        "earliest_year": 618,
        "latest_year": 907,
        "production_place": "Chang'an",
        "country": "CN",
        "rights": "http://rightsstatements.org/vocab/NoC-NC/1.0/",
        "has_image": True,
        "url": f"http://testserver/objects/{mirror.pk}/",
        "api_url": f"http://testserver/api/v1/objects/{mirror.pk}",
    }
    # A Simplified Chinese reader gets the Traditional title (the same language, another script).
    (chinese,) = csv_rows(client.get(CSV_URL, {"q": "lotus", "lang": "zh-Hans"}))
    assert (chinese["title"], chinese["title_lang"]) == ("蓮花紋銅鏡", "zh-Hant")
    assert (chinese["object_types"], chinese["materials"], chinese["date"]) == (
        "銅鏡",
        "青銅",
        "唐",
    )
    (arabic,) = csv_rows(client.get(CSV_URL, {"q": "lotus", "lang": "ar"}))
    assert (arabic["title"], arabic["title_lang"]) == ("مرآة برونزية", "ar")
    assert json.loads(arabic["titles"])["zh-Hant"] == "蓮花紋銅鏡"


def test_chinese_and_arabic_text_round_trips_in_utf8_with_a_byte_order_mark(
    client, alliance_world, make_object
):
    make_object(
        alliance_world["palace"], "U-1", titles={"zh-Hans": "青铜器", "ar": "برونز", "hy": "բրոնզ"}
    )
    response = client.get(CSV_URL, {"q": "青铜器"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.getvalue()
    assert body.startswith(BOM.encode("utf-8"))  # Excel reads the file as UTF-8
    (row,) = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert json.loads(row["titles"]) == {"zh-Hans": "青铜器", "ar": "برونز", "hy": "բրոնզ"}
    plain = b"".join(client.get(CSV_URL, {"q": "青铜器", "bom": "0"}).streaming_content)
    assert plain.startswith(b"id,institution,local_id,title")
    lines = b"".join(client.get(JSONL_URL, {"q": "برونز"}).streaming_content)
    assert "برونز".encode() in lines and b"\\u" not in lines  # written as text, not escapes


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(
    client, alliance_world, make_object
):
    make_object(
        alliance_world["palace"],
        "+1-FORMULA",
        titles={"en": '=HYPERLINK("http://evil.example","click")'},
        materials=[{"text": "@SUM(A1:A9)", "lang": "en"}],
        date_display={"en": "-500 (Warring States)"},
        earliest_year=-500,
        latest_year=-476,
    )
    (row,) = csv_rows(client.get(CSV_URL, {"q": "hyperlink"}))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["local_id"] == "'+1-FORMULA"
    assert row["materials"] == "'@SUM(A1:A9)"
    assert row["date"] == "'-500 (Warring States)"
    assert (row["earliest_year"], row["latest_year"]) == ("-500", "-476")  # numbers stay numbers
    # JSON Lines is data, not a spreadsheet: the text stays as it was written.
    (line,) = jsonl_rows(client.get(JSONL_URL, {"q": "hyperlink"}))
    assert line["title"].startswith("=HYPERLINK") and line["local_id"] == "+1-FORMULA"


def test_the_export_is_streamed_with_its_counts_in_the_headers(client, bronzes, settings):
    response = client.get(JSONL_URL, {"q": "bronze"})
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="caravan-objects.jsonl"'
    assert (response["X-Caravan-Export-Matches"], response["X-Caravan-Export-Truncated"]) == (
        "45",
        "false",
    )
    assert len(jsonl_rows(response)) == 45

    settings.CARAVAN_EXPORT_MAX_ROWS = 10
    capped = client.get(CSV_URL, {"q": "bronze", "sort": "date"})
    assert (
        capped["X-Caravan-Export-Matches"],
        capped["X-Caravan-Export-Limit"],
        capped["X-Caravan-Export-Truncated"],
    ) == ("45", "10", "true")
    rows = csv_rows(capped)
    assert [int(row["id"]) for row in rows] == searched_ids(
        client, {"q": "bronze", "sort": "date"}
    )[:10]


@pytest.mark.parametrize("url", [CSV_URL, JSONL_URL])
@pytest.mark.parametrize(
    "params",
    [{"sort": "sideways"}, {"year_to": "late"}, {"lang": "!!"}, {"facet": "colour"}],
)
def test_bad_parameters_get_the_search_apis_error(client, db, url, params):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    expected = client.get(SEARCH_URL, params)
    assert response.json() == expected.json()
    assert response.json()["detail"]
