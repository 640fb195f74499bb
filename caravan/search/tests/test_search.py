"""The search service over a small multilingual catalogue: queries, facets, visibility, the log."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from caravan.catalogue.models import CatalogueObject, Concept, ConceptScheme
from caravan.search.selectors import search
from caravan.search.types import SearchRequest

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def ids(result: Any) -> list[str]:
    return [hit.local_identifier for hit in result.hits]


def found(q: str = "", user: Any = ANONYMOUS, **options: Any) -> list[str]:
    return sorted(ids(search(SearchRequest(q=q, page_size=100, **options), user=user)))


@pytest.fixture
def mirrors(make_institution: Any, make_object: Any) -> dict[str, Any]:
    palace = make_institution("palace", names={"en": "Palace Museum", "zh-Hans": "故宫博物院"})
    yerevan = make_institution("yerevan", names={"hy": "Մատենադարան", "en": "Matenadaran"})
    scheme = ConceptScheme.objects.create(code="cit", titles={"en": "CIT"})
    mirror = Concept.objects.create(
        scheme=scheme,
        notation="mirror",
        pref_labels={"en": "bronze mirror", "zh-Hant": "銅鏡", "ru": "бронзовое зеркало"},
        alt_labels={"zh-Latn-pinyin": ["tong jing"]},
    )
    tlv = Concept.objects.create(
        scheme=scheme, notation="tlv", pref_labels={"en": "TLV mirror", "zh-Hant": "規矩鏡"}
    )
    tlv.broader.add(mirror)
    concept = {"scheme": "cit", "notation": "tlv"}
    make_object(
        palace,
        "P1",
        titles={"zh-Hant": "四神規矩鏡", "en": "Mirror with the four spirits"},
        descriptions={"en": "A cast bronze disc, polished on one face."},
        object_types=[{"text": "TLV mirror", "lang": "en", "concept": concept}],
        materials=[{"text": "bronze", "lang": "en"}],
        date_display={"en": "Tang dynasty"},
        earliest_year=618,
        latest_year=907,
        production_country="CN",
        rights="http://creativecommons.org/publicdomain/zero/1.0/",
        media=[{"thumbnail_url": "https://example.org/p1.jpg"}],
    )
    make_object(
        palace,
        "P2",
        titles={"zh-Hant": "山水清音圖", "en": "Pure Tones among Hills and Waters"},
        materials=[{"text": "ink on silk", "lang": "en"}],
        earliest_year=1600,
        latest_year=1650,
        production_country="CN",
    )
    make_object(
        yerevan,
        "Y1",
        titles={"hy": "Ավետարան", "en": "Gospel book"},
        descriptions={"en": "Illuminated manuscript <script>alert(1)</script> on parchment."},
        earliest_year=-300,
        latest_year=-201,
        production_country="AM",
    )
    make_object(yerevan, "Y2", titles={"en": "Private bronze mirror"}, visibility="private")
    return {"palace": palace, "yerevan": yerevan, "mirror": mirror}


def test_words_in_any_script_are_found(mirrors: dict[str, Any]) -> None:
    assert found("mirror") == ["P1"]
    assert found("四神") == ["P1"]
    assert found("Ավետարան") == ["Y1"]
    assert found("gospel parchment") == ["Y1"]


def test_simplified_chinese_finds_traditional_titles(mirrors: dict[str, Any]) -> None:
    assert found("山水清音图") == ["P2"]
    assert found("清音") == ["P2"]
    assert found("镜") == ["P1"]  # one character


def test_phrases_exclusions_or_and_scopes(mirrors: dict[str, Any]) -> None:
    assert found('"hills and waters"') == ["P2"]
    assert found('"waters and hills"') == []
    assert found("bronze -polished") == []
    assert found("gospel OR 清音") == ["P2", "Y1"]
    assert found("title:bronze") == []
    assert found("material:bronze") == ["P1"]


def test_a_concept_label_in_another_language_finds_linked_and_narrower_objects(
    mirrors: dict[str, Any],
) -> None:
    # P1 is linked to "TLV mirror", narrower than "bronze mirror"; its text has no "铜镜".
    for query in ("铜镜", "銅鏡", "бронзовое зеркало", "tongjing", "tong jing", "bronze mirror"):
        result = search(SearchRequest(q=query), user=ANONYMOUS)
        assert ids(result) == ["P1"], query
        notes = [match for match in result.hits[0].matched if match.kind == "concept"]
        assert notes and notes[0].concept_id == mirrors["mirror"].pk, query


def test_a_period_name_finds_objects_dated_within_it(mirrors: dict[str, Any]) -> None:
    assert found("唐代") == ["P1"]
    assert found("династия Тан") == ["P1"]
    assert found("year:600..700") == ["P1"]
    assert found("year:-250") == ["Y1"]
    assert found("", year_from=-1000, year_to=0) == ["Y1"]


def test_facets_count_only_what_the_reader_may_see(mirrors: dict[str, Any]) -> None:
    result = search(SearchRequest(), user=ANONYMOUS)
    assert result.count == 3
    facets = {name: {v.key: v.count for v in values} for name, values in result.facets.items()}
    assert facets["institution"] == {"palace": 2, "yerevan": 1}
    assert facets["country"] == {"CN": 2, "AM": 1}
    # The century of the middle of each range: 762, 1625 and 250 BCE.
    assert facets["century"] == {"8": 1, "17": 1, "-3": 1}
    assert facets["has_image"] == {"true": 1, "false": 2}
    assert facets["period"]["tang"] == 1
    assert facets["material"] == {"t:bronze": 1, "t:ink on silk": 1}


def test_a_facet_selection_narrows_hits_but_not_its_own_counts(mirrors: dict[str, Any]) -> None:
    result = search(SearchRequest(filters={"country": ("AM",)}), user=ANONYMOUS)
    assert ids(result) == ["Y1"]
    counts = {value.key: value.count for value in result.facets["country"]}
    assert counts == {"CN": 2, "AM": 1}
    institutions = {value.key: value.count for value in result.facets["institution"]}
    assert institutions == {"yerevan": 1}


def test_private_objects_reach_only_their_own_institution(
    mirrors: dict[str, Any], make_user: Any
) -> None:
    assert "Y2" not in found("private")
    assert search(SearchRequest(q="private"), user=ANONYMOUS).suggestion == ""
    staff = make_user("ani", institution=mirrors["yerevan"])
    assert found("private", user=staff) == ["Y2"]


def test_snippets_are_escaped_and_marked(mirrors: dict[str, Any]) -> None:
    hit = search(SearchRequest(q="parchment"), user=ANONYMOUS).hits[0]
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<script>" not in hit.snippet_html
    assert "<mark>parchment</mark>" in hit.snippet_html
    assert hit.snippet_lang == "en"


def test_a_misspelt_word_gets_a_suggestion(mirrors: dict[str, Any]) -> None:
    result = search(SearchRequest(q="parchmnet"), user=ANONYMOUS)
    assert result.count == 0
    assert result.suggestion == "parchment"


def test_changes_and_withdrawals_reach_the_index(mirrors: dict[str, Any], make_object: Any) -> None:
    assert found("psalter") == []
    make_object(mirrors["yerevan"], "Y3", titles={"en": "Psalter"})
    assert found("psalter") == ["Y3"]
    # A bulk update bypasses the ORM's signals; the database's triggers still log it.
    CatalogueObject.objects.filter(local_id="Y3").update(withdrawn_at=timezone.now())
    assert found("psalter") == []
