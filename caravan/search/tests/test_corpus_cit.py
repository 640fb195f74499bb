"""Search over the real CIT catalogue of Chinese art (6,373 records) and the CIT thesaurus.

Traditional Chinese titles are found by Simplified queries, by words of two characters and by
their English titles; and queries in English, Chinese or pinyin find records written in another
language through the thesaurus concepts the records are linked to, or through the period their
English date names. The expected hits were read in ../shared/corpus/cit_chinese_art_catalog.
"""

from __future__ import annotations

import pytest

from caravan.catalogue.models import CatalogueObject, Concept
from caravan.ingest.vocab.cit import read_cit_file
from caravan.ingest.vocab.services import vocabulary_import
from caravan.search.tests.corpus import (
    ask,
    concept_matches,
    corpus_fixtures,
    corpus_path,
    hit_for,
    import_file,
    make_institution,
    top,
)

pytestmark = pytest.mark.django_db

# Cleveland: "TITLE Clouds and Waves at the Wu Gorge|巫峽雲濤圖", PERSON.ARTIST Xie Shichen.
WU_GORGE = "1968.213"
# National Palace Museum: "TITLE 宋人  雪棧牛車圖  軸|Snowy Manor and Oxcarts".
OXCARTS = "Gu-hua-000860-00000"
# National Palace Museum, titled in Chinese only: "清  沈源  畫御製冰嬉賦  軸", linked to
# CIT281578 冰嬉 (bing xi, "ice sports").
ICE_SPORTS = "Gu-hua-003039-00000"
# National Palace Museum, titled in Chinese only: "清  艾啟蒙  畫土爾扈特白鷹  軸", linked to
# CIT279990 白鷹 (bai ying, "white hawk").
WHITE_HAWK = "Gu-hua-003085-00000"
# Cleveland, titled in English only: "Palace Ladies", linked to CIT0305183 撲蝶 (扑蝶).
PALACE_LADIES = "1954.369"
# Titled in English only: "The Moon Goddess Chang E", linked to CIT277591 嫦娥.
CHANG_E = "1981.4.2"
# "TITLE 唐  李思訓  江帆樓閣  軸|River Sails and Lofty Buildings", "DATE Tang dynasty".
RIVER_SAILS = "Gu-hua-000003-00000"


def load_cit() -> None:
    thesaurus = corpus_path("vocabularies", "cit_chinese_iconography", "CIT.dmp")
    vocabulary_import(vocabulary=read_cit_file(thesaurus))
    institution = make_institution("cit", "CIT catalogue of Chinese art", "GB")
    # Without the thesaurus as a mapping option, a subject's text is its notation: the records'
    # own words stay in the catalogue's languages and the labels are reached as concepts only.
    import_file(institution, corpus_path("cit_chinese_art_catalog", "CATALOG.dmp"), "cit")


corpus_index, search_index_dir = corpus_fixtures("cit", load_cit)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("巫峡云涛图", WU_GORGE, id="zh-Hans-title"),
        pytest.param("巫峽雲濤圖", WU_GORGE, id="zh-Hant-title"),
        pytest.param("巫峡", WU_GORGE, id="zh-Hans-word"),
        pytest.param("Clouds and Waves at the Wu Gorge", WU_GORGE, id="en-title"),
        pytest.param("雪栈牛车图", OXCARTS, id="zh-Hans-title-2"),
        pytest.param("雪棧牛車圖", OXCARTS, id="zh-Hant-title-2"),
        pytest.param("牛车", OXCARTS, id="zh-Hans-word-2"),
        pytest.param("Snowy Manor and Oxcarts", OXCARTS, id="en-title-2"),
    ],
)
def test_a_title_or_a_word_of_it_finds_the_record_first(query: str, expected: str) -> None:
    assert top(query, 3)[0] == expected


def test_zh_hans_query_shows_the_traditional_title_marked() -> None:
    hit = ask("巫峡云涛图", lang="zh-Hans").hits[0]
    assert (hit.local_identifier, hit.title, hit.title_lang) == (WU_GORGE, "巫峽雲濤圖", "zh-Hant")
    assert (hit.snippet_html, hit.snippet_lang) == ("<mark>巫峽雲濤圖</mark>", "zh-Hant")


def test_en_artist_finds_all_his_works() -> None:
    # CATALOG.dmp has 11 records with "PERSON.ARTIST Xie Shichen".
    result = ask('maker:"Xie Shichen"', page_size=20)
    assert result.count == 11
    assert WU_GORGE in [hit.local_identifier for hit in result.hits]


@pytest.mark.parametrize(
    ("query", "expected", "notation", "record_language"),
    [
        pytest.param("ice sports", ICE_SPORTS, "CIT281578", "zh-Hant", id="en-to-zh"),
        pytest.param("white hawk", WHITE_HAWK, "CIT279990", "zh-Hant", id="en-to-zh-2"),
        pytest.param("bing xi", ICE_SPORTS, "CIT281578", "zh-Hant", id="pinyin-to-zh"),
        pytest.param("bingxi", ICE_SPORTS, "CIT281578", "zh-Hant", id="pinyin-to-zh-unspaced"),
        pytest.param("bai ying", WHITE_HAWK, "CIT279990", "zh-Hant", id="pinyin-to-zh-2"),
        pytest.param("扑蝶", PALACE_LADIES, "CIT0305183", "en", id="zh-Hans-to-en"),
        pytest.param("撲蝶", PALACE_LADIES, "CIT0305183", "en", id="zh-Hant-to-en"),
        pytest.param("嫦娥", CHANG_E, "CIT277591", "en", id="zh-to-en-same-in-both-scripts"),
    ],
)
def test_a_concept_label_finds_records_titled_in_another_language(
    query: str, expected: str, notation: str, record_language: str
) -> None:
    hit = hit_for(ask(query, page_size=10), expected)
    concept = Concept.objects.get(scheme__code="cit", notation=notation)
    assert [match.concept_id for match in concept_matches(hit)] == [concept.pk]
    assert [match.kind for match in hit.matched] == ["concept"]  # none of its words matched
    titles = CatalogueObject.objects.get(institution__code="cit", local_id=expected).titles
    assert list(titles) == [record_language]


def test_zh_hans_concept_note_names_the_concept_and_the_label_matched() -> None:
    hit = hit_for(ask("扑蝶"), PALACE_LADIES)
    assert concept_matches(hit)[0].label == "catching butterflies · 撲蝶"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("唐代", id="zh-Hans-period"),
        pytest.param("династия Тан", id="ru-period"),
    ],
)
def test_a_period_name_finds_records_dated_in_english(query: str) -> None:
    result = ask(query, page_size=100)
    hit = hit_for(result, RIVER_SAILS)
    assert [(match.kind, match.period_id) for match in hit.matched] == [("period", "tang")]
    assert result.count == ask("唐代").count  # the same period, whatever language names it
