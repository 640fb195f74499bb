"""The analyzer on Chinese, Japanese and Korean: bigrams, single characters, t2s folding.

Every test id starts with the language tag (`zh-Hant/…`), so counts per language can be read
off `pytest --collect-only -q`.
"""

import pytest

from caravan.search.analyzer import (
    QueryUnit,
    cjk_unigrams,
    index_terms,
    normalise,
    query_units,
    token_spans,
    tokens,
)
from caravan.search.tests.cases import case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("zh-Hant", "painting-title", "山水清音圖", ["山水", "水清", "清音", "音图"]),
        case("zh-Hant", "bronze-mirror", "青銅鏡", ["青铜", "铜镜"]),
        case("zh-Hans", "bronze-mirror", "青铜镜", ["青铜", "铜镜"]),
        case("zh-Hant", "two-characters", "銅鏡", ["铜镜"]),
        case("zh-Hans", "one-character", "镜", ["镜"]),
        case("zh-Hant", "one-character-folded", "鏡", ["镜"]),
        case("zh-Hans", "with-english", "青铜镜 mirror", ["青铜", "铜镜", "mirror"]),
        case(
            "zh-Hans",
            "english-around",
            "Tang dynasty 唐代 bronze",
            ["tang", "dynasty", "唐代", "bronze"],
        ),
        case("zh-Hans", "script-boundary-before", "Tang唐代", ["tang", "唐代"]),
        case("zh-Hans", "script-boundary-after", "唐代Tang", ["唐代", "tang"]),
        case("zh-Hans", "single-between-words", "Ming 明 vase", ["ming", "明", "vase"]),
        case(
            "zh-Hant",
            "museum-name",
            "國立故宮博物院",
            ["国立", "立故", "故宫", "宫博", "博物", "物院"],
        ),
        case("zh-Hant", "phrase-kept-by-opencc", "乾隆", ["乾隆"]),
        case("zh-Hans", "full-width-punctuation", "铜镜，唐代。", ["铜镜", "唐代"]),
        case("zh-Hans", "ideographic-space", "铜镜\u3000唐代", ["铜镜", "唐代"]),
        case("zh-Hans", "brackets", "《山海经》（明）", ["山海", "海经", "明"]),
        case("zh-Hans", "digits-apart", "第3期 2024年", ["第", "3", "期", "2024", "年"]),
        case("zh-Hans", "full-width-digits", "２０２４年", ["2024", "年"]),
        case("zh-Hans", "latin-inside", "iPhone手机", ["iphone", "手机"]),
        case("zh-Hans", "iteration-mark", "人々", ["人々"]),
        case("zh-Hant", "compatibility-ideograph", "\uf900", ["岂"]),
        case("zh-Hant", "extension-b", "𠀀𠀁", ["𠀀𠀁"]),
        case("zh-Hant", "ideographic-variation-sequence", "葛\U000e0100城", ["葛城"]),
        case("zh-Hans", "lone-surrogate-separates", "銅\ud800鏡", ["铜", "镜"]),
        case("zh-Hans", "nul-separates", "銅\x00鏡", ["铜", "镜"]),
        case("ja", "kanji-and-hiragana", "青銅の鏡", ["青铜", "铜の", "の镜"]),
        case("ja", "kanji-folded", "東京", ["东京"]),
        case("ja", "katakana", "カタカナ", ["カタ", "タカ", "カナ"]),
        case("ja", "prolonged-sound-mark", "ブロンズー", ["ブロ", "ロン", "ンズ", "ズー"]),
        case("ja", "hiragana", "ひらがな", ["ひら", "らが", "がな"]),
        case("ja", "half-width-katakana", "ﾊﾝｶｸ", ["ハン", "ンカ", "カク"]),
        case("ja", "half-width-voiced", "ｶﾞﾗｽ", ["ガラ", "ラス"]),
        case("ja", "middle-dot-separates", "ミラー・ボウル", ["ミラ", "ラー", "ボウ", "ウル"]),
        case("ja", "single-kana", "を", ["を"]),
        case("ko", "two-words", "청동 거울", ["청동", "거울"]),
        case(
            "ko",
            "museum-name",
            "국립중앙박물관",
            ["국립", "립중", "중앙", "앙박", "박물", "물관"],
        ),
        case("ko", "one-syllable", "및", ["및"]),
        case("ko", "conjoining-jamo", "\u1100\u1161\u11a8", ["각"]),
        case("ko", "compatibility-jamo", "ㄱㅏ", ["가"]),
        case("ko", "with-hanja", "高麗청자", ["高丽", "丽청", "청자"]),
        case("ko", "with-english", "Goryeo 청자 celadon", ["goryeo", "청자", "celadon"]),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        case("zh-Hant", "mirror-simplified", "青銅鏡", "青铜镜"),
        case("zh-Hant", "title-simplified", "山水清音圖", "山水清音图"),
        case("zh-Hant", "museum-simplified", "國立故宮博物院", "国立故宫博物院"),
        case("zh-Hant", "one-character", "銅", "铜"),
        case("zh-Hant", "dynasty", "宋朝陶瓷", "宋朝陶瓷"),
        case("ja", "shinjitai-kyujitai", "國寶", "国宝"),
        case("ja", "half-and-full-width", "ﾌﾞﾛﾝｽﾞ", "ブロンズ"),
        case("ko", "jamo-and-syllables", "\u1100\u1161\u11a8", "각"),
    ],
)
def test_same_tokens(first, second):
    assert tokens(first) == tokens(second)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("zh-Hant", "folded", "銅鏡 ABC", "铜镜 abc"),
        case("zh-Hans", "full-width-punctuation", "铜镜，唐代", "铜镜 唐代"),
        case("ja", "half-width", "ｶﾞﾗｽ", "ガラス"),
        case("ko", "compatibility-jamo", "ㄱㅏ", "가"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("zh-Hant", "mixed", "銅鏡 abc 가", ["铜", "镜", "가"]),
        case("zh-Hans", "one", "镜", ["镜"]),
        case("zh-Hans", "none-in-english", "bronze mirror", []),
        case("zh-Hans", "none-in-russian", "зеркало", []),
        case("ja", "kana", "の鏡", ["の", "镜"]),
        case("ko", "hangul", "청동 거울", ["청", "동", "거", "울"]),
    ],
)
def test_cjk_unigrams(text, expected):
    assert cjk_unigrams(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(
            "zh-Hant",
            "painting-title",
            "山水清音圖",
            [("山水", 0, 2), ("水清", 1, 3), ("清音", 2, 4), ("音图", 3, 5)],
        ),
        case(
            "zh-Hans",
            "with-english",
            "Tang唐代 镜",
            [("tang", 0, 4), ("唐代", 4, 6), ("镜", 7, 8)],
        ),
        case("zh-Hant", "compatibility-ideograph", "\uf900x", [("岂", 0, 1), ("x", 1, 2)]),
        case("zh-Hant", "variation-selector", "葛\U000e0100城", [("葛城", 0, 3)]),
        case("ja", "half-width-voiced", "ｶﾞﾗ", [("ガラ", 0, 3)]),
        case("ko", "conjoining-jamo", "\u1100\u1161 및", [("가", 0, 2), ("및", 3, 4)]),
    ],
)
def test_token_spans(text, expected):
    assert token_spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("zh-Hans", "three-characters", "青铜镜", [QueryUnit(("青铜", "铜镜"))]),
        case("zh-Hant", "traditional-query", "青銅鏡", [QueryUnit(("青铜", "铜镜"))]),
        case("zh-Hans", "two-characters", "唐代", [QueryUnit(("唐代",))]),
        case("zh-Hant", "one-character", "銅", [QueryUnit(("铜",), single_cjk=True)]),
        case(
            "zh-Hans",
            "four-characters",
            "山水清音",
            [QueryUnit(("山水", "水清", "清音"))],
        ),
        case(
            "zh-Hans",
            "runs-and-words",
            "青铜镜 铜 mirror",
            [
                QueryUnit(("青铜", "铜镜")),
                QueryUnit(("铜",), single_cjk=True),
                QueryUnit(("mirror",)),
            ],
        ),
        case(
            "zh-Hans", "script-boundary", "Tang唐代", [QueryUnit(("tang",)), QueryUnit(("唐代",))]
        ),
        case(
            "zh-Hans",
            "punctuation-splits-runs",
            "铜镜，唐",
            [QueryUnit(("铜镜",)), QueryUnit(("唐",), single_cjk=True)],
        ),
        case("ja", "kana-run", "の鏡", [QueryUnit(("の镜",))]),
        case("ko", "two-words", "청동 거울", [QueryUnit(("청동",)), QueryUnit(("거울",))]),
        case("ko", "one-syllable", "및", [QueryUnit(("및",), single_cjk=True)]),
    ],
)
def test_query_units(text, expected):
    assert query_units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(
            "zh-Hant",
            "mixed",
            "青銅鏡 mirror 镜",
            (["青铜", "铜镜", "mirror", "镜"], ["青", "铜", "镜", "镜"]),
        ),
        case("ja", "kana", "の鏡", (["の镜"], ["の", "镜"])),
        case("ko", "hangul", "및 x", (["및", "x"], ["및"])),
        case("zh-Hans", "ascii-only", "mirror", (["mirror"], [])),
    ],
)
def test_index_terms(text, expected):
    assert index_terms(text) == expected
