import pytest

from caravan.core.langmap import (
    LanguageMapError,
    clean_language_map,
    normalize_tag,
    pick,
    text_direction,
)

MIRROR = {"en": "Bronze mirror", "zh-Hant": "銅鏡", "fa": "آینه مفرغی"}


@pytest.mark.parametrize(
    ("reader", "expected_lang"),
    [
        ("en", "en"),  # exact
        ("en-GB", "en"),  # same language, same script
        ("zh-Hans", "zh-Hant"),  # Simplified reader gets Traditional when that is all there is
        ("zh-hans", "zh-Hant"),  # Django's lower-case language codes
        ("fa", "fa"),
    ],
)
def test_pick_prefers_the_reader_then_the_same_language(reader, expected_lang):
    chosen = pick(MIRROR, reader)
    assert chosen is not None
    assert chosen.lang == expected_lang
    assert chosen.text == MIRROR[expected_lang]


def test_pick_prefers_same_script_before_other_script():
    both = {"zh-Hant": "銅鏡", "zh-Hans": "铜镜"}
    assert pick(both, "zh-CN").text == "铜镜"
    assert pick(both, "zh-TW").text == "銅鏡"
    serbian = {"sr-Latn": "Ogledalo", "sr-Cyrl": "Огледало"}
    assert pick(serbian, "sr").text == "Огледало"  # Serbian is written in Cyrillic by default


def test_pick_falls_back_to_the_record_language_then_to_any():
    titles = {"de": "Spiegel", "hy": "Հայելի"}
    assert pick(titles, "ar", record_language="hy").lang == "hy"
    assert pick(titles, "ar").lang == "de"  # the first text the map holds
    assert pick({}, "en") is None
    assert pick(None, "en") is None


def test_direction_follows_the_script_of_the_language():
    assert pick(MIRROR, "fa").direction == "rtl"
    assert text_direction("ar") == "rtl"
    assert text_direction("he") == "rtl"
    assert text_direction("ug") == "rtl"  # Uyghur in Arabic script
    assert text_direction("uz-Arab") == "rtl"
    assert text_direction("uz") == "ltr"
    assert text_direction("zh-Hant") == "ltr"
    assert text_direction("hy") == "ltr"


def test_clean_normalises_tags_and_drops_empty_text():
    cleaned = clean_language_map({"zh-hant": " 銅鏡 ", "en_GB": "Mirror", "ru": "  "})
    assert cleaned == {"zh-Hant": "銅鏡", "en-GB": "Mirror"}


@pytest.mark.parametrize("bad", [{"not a tag!": "x"}, {"en": 3}, ["en", "x"], "text"])
def test_clean_refuses_bad_maps(bad):
    with pytest.raises(LanguageMapError):
        clean_language_map(bad)


def test_normalize_tag_refuses_garbage():
    assert normalize_tag("HY-am") == "hy-AM"
    with pytest.raises(LanguageMapError):
        normalize_tag("")
