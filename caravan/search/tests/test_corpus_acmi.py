"""Search over ACMI's works (2,694 films and videos, 75 of them with Chinese titles).

Each Chinese title is found by its Simplified and by its Traditional form, whichever of the two
ACMI wrote, and by its pinyin and English titles. The expected hits were read in
../shared/corpus/acmi/dist/objects.
"""

from __future__ import annotations

import pytest

from caravan.search.tests.corpus import (
    ask,
    corpus_fixtures,
    corpus_path,
    import_file,
    make_institution,
    top,
)

pytestmark = pytest.mark.django_db

# 146/443/146443.json: "When will the day break? = Wen tian he shi ming = 問天何時明" (Traditional).
DAY_BREAK = "146443"
# 146/466/146466.json: "The Loner = Gu du de mou sha zhe = 孤独的谋杀者" (Simplified).
THE_LONER = "146466"
# 146/428/146428.json: "Hua Tuo and Cao Cao = Hua Tuo yu Cao Cao", other title 華佗與曹操.
HUA_TUO = "146428"


def load_acmi() -> None:
    institution = make_institution("acmi", "ACMI", "AU")
    import_file(institution, corpus_path("acmi", "dist", "objects"), "json", "acmi-json.toml")


corpus_index, search_index_dir = corpus_fixtures("acmi", load_acmi)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("问天何时明", DAY_BREAK, id="zh-Hans-for-Traditional"),
        pytest.param("問天何時明", DAY_BREAK, id="zh-Hant-for-Traditional"),
        pytest.param("孤独的谋杀者", THE_LONER, id="zh-Hans-for-Simplified"),
        pytest.param("孤獨的謀殺者", THE_LONER, id="zh-Hant-for-Simplified"),
        pytest.param("华佗与曹操", HUA_TUO, id="zh-Hans-other-title"),
        pytest.param("華佗與曹操", HUA_TUO, id="zh-Hant-other-title"),
        pytest.param("曹操", HUA_TUO, id="zh-Hans-word"),
        pytest.param("Wen tian he shi ming", DAY_BREAK, id="pinyin-title"),
        pytest.param("Gu du de mou sha zhe", THE_LONER, id="pinyin-title-2"),
        pytest.param("When will the day break", DAY_BREAK, id="en-title"),
        pytest.param("The Loner", THE_LONER, id="en-title-2"),
    ],
)
def test_a_film_is_found_by_each_form_of_its_title(query: str, expected: str) -> None:
    assert top(query, 3)[0] == expected


@pytest.mark.parametrize(
    ("query", "lang", "expected", "shown"),
    [
        pytest.param("问天何时明", "zh-Hans", DAY_BREAK, "問天何時明", id="zh-Hans-sees-zh-Hant"),
        pytest.param(
            "孤獨的謀殺者", "zh-Hant", THE_LONER, "孤独的谋杀者", id="zh-Hant-sees-zh-Hans"
        ),
    ],
)
def test_the_title_is_shown_as_written_with_the_match_marked(
    query: str, lang: str, expected: str, shown: str
) -> None:
    result = ask(query, lang=lang)
    assert result.count == 1
    hit = result.hits[0]
    assert (hit.local_identifier, hit.title) == (expected, shown)
    assert hit.snippet_html == f"<mark>{shown}</mark>"
