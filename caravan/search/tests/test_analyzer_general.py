"""The analyzer across scripts: numbers, empty and punctuation-only text, mixed scripts, long
text, and the properties the index and the snippets rely on.

Test ids start with a language tag: `zxx` for text with no language (numbers, punctuation),
`mul` for several scripts at once, otherwise the sample's language.
"""

import random

import pytest

from caravan.search import analyzer
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
        case("zxx", "digit-run", "1924", ["1924"]),
        case("zxx", "thousands-comma-splits", "1,200", ["1", "200"]),
        case("zxx", "thousands-dot-splits", "1.200", ["1", "200"]),
        case("zxx", "decimal-splits", "12.4 cm", ["12", "4", "cm"]),
        case("zxx", "minus-dropped", "-1200", ["1200"]),
        case("zxx", "range", "618–907", ["618", "907"]),
        case("zxx", "digits-join-letters", "1200BCE 19th a4", ["1200bce", "19th", "a4"]),
        case("zxx", "accession-number", "1924.12-3a", ["1924", "12", "3a"]),
        case("zxx", "leading-zeros-kept", "007", ["007"]),
        case("zxx", "full-width-digits", "１２３", ["123"]),
        case("zxx", "circled-digits", "① ②", ["1", "2"]),
        case("zxx", "fraction", "½", ["1", "2"]),
        case("zxx", "empty", "", []),
        case("zxx", "spaces", "   ", []),
        case("zxx", "whitespace-kinds", "\t\n\r\u00a0\u3000\u2003\u2028", []),
        case("zxx", "ascii-punctuation", "!?.,;:()[]{}<>\"'`~@#$%^&*-_=+/\\|", []),
        case("zxx", "unicode-punctuation", "—–…«»“”‘’„·•§¶†‡※", []),
        case("zxx", "cjk-punctuation", "，。、；：？！「」『』【】《》〈〉（）", []),
        case("zxx", "emoji", "😀🏺 🖼️", []),
        case("zxx", "invisible-only", "\u200c\u200d\u00ad\ufeff", []),
        case("zxx", "orphan-combining-mark", " \u0301 ", []),
        case("zxx", "supplementary-digits", "𞥑𞥒 𝟏", ["12", "1"]),
        case("mul", "latin-cyrillic", "abcабв", ["abc", "абв"]),
        case("mul", "cyrillic-han", "Москва北京", ["москва", "北京"]),
        case("mul", "greek-latin", "αβγabc", ["αβγ", "abc"]),
        case("mul", "arabic-latin", "مرآةmirror", ["مراة", "mirror"]),
        case("mul", "armenian-georgian", "հայաქართ", ["հայա", "ქართ"]),
        case("mul", "digits-then-cyrillic", "123абв", ["123абв"]),
        case("mul", "hangul-han-one-run", "高麗청자", ["高丽", "丽청", "청자"]),
        case(
            "mul",
            "label-list",
            "bronze mirror · 铜镜 · зеркало · مرآة · հայելի",
            ["bronze", "mirror", "铜镜", "зеркало", "مراة", "հայելի"],
        ),
        case(
            "mul",
            "phrase-positions",
            "Tang dynasty 唐代 bronze 青銅鏡 mirror",
            ["tang", "dynasty", "唐代", "bronze", "青铜", "铜镜", "mirror"],
        ),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("zxx", "empty", "", []),
        case("zxx", "punctuation", "…!?", []),
        case("zxx", "number", "1,200", [QueryUnit(("1",)), QueryUnit(("200",))]),
        case(
            "mul",
            "every-kind",
            "Tang 唐代 镜 зеркало",
            [
                QueryUnit(("tang",)),
                QueryUnit(("唐代",)),
                QueryUnit(("镜",), single_cjk=True),
                QueryUnit(("зеркало",)),
            ],
        ),
    ],
)
def test_query_units(text, expected):
    assert query_units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("zxx", "empty", "", ""),
        case("zxx", "digits", "١٢٣ ۴۵۶ ７８９", "123 456 789"),
        case("zxx", "compatibility-punctuation", "a\u3000b，c…", "a b c "),
        case("mul", "all-folds", "Café 銅鏡 أحمد Ёлка", "cafe 铜镜 احمد елка"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


# Samples in every script, many of them changed by NFKC (full-width letters, ligatures,
# compatibility characters, combining sequences), for the properties below.
SAMPLES = [
    case("en", "sentence", "Bronze mirror with grapevines, Tang dynasty (618–907)."),
    case("en", "compatibility", "ﬁne ﬂask ＡＢＣ ｘｙｚ m² Ⅻ ① ½ K Å Ǆ ℌ 𝐁"),
    case("fr", "accents", "L'Été à Orléans — « Musée d'Orsay »"),
    case("fr", "decomposed", "E\u0301te\u0301 a\u0300 Orle\u0301ans"),
    case("de", "eszett", "Straße STRAẞE Müller"),
    case("vi", "stacked-marks", "Việt Nam Nguyễn Vie\u0323\u0302t ơ\u0301"),
    case("tr", "i-forms", "İstanbul ISPARTA ıspanak i\u0307"),
    case("pl", "strokes", "Łódź Gdańsk żółć"),
    case("zh-Hans", "sentence", "此镜为唐代典型样式，纹饰繁复。"),
    case("zh-Hant", "title", "山水清音圖 國立故宮博物院 乾隆 青銅鏡"),
    case("zh-Hant", "compatibility", "\uf900\uf901 ⼀⼆ 葛\U000e0100城 𠀀𠀁"),
    case("ja", "mixed-kana", "青銅の鏡 カタカナ ﾊﾝｶｸ ｶﾞﾗｽ ひらがな"),
    case("ko", "hangul", "국립중앙박물관 청동 거울 ㄱㅏ \u1100\u1161\u11a8"),
    case("ar", "vowelled", "أَحْمَد إِسْلَام آدَم كتـــاب ﷲ ﻻ ٢٠٢٤"),
    case("fa", "persian", "می\u200cخواهم کتاب ایران خانۀ ۱۴۰۳ ھنر"),
    case("ru", "stress", "Моло́ко ЁЛКА мои\u0306 Санкт-Петербург"),
    case("kk", "letters", "Қазақстан ӘҢӨҮҰІ"),
    case("sr", "both-alphabets", "Ђорђе Đorđe"),
    case("el", "polytonic", "Ἀθῆναι ΟΔΟΣ ΐ"),
    case("hy", "ligature", "Երևան ԵՐԵՒԱՆ ﬓ"),
    case("ka", "mtavruli", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ საქართველო"),
    case("he", "points", "שָׁלוֹם בית־ספר"),
    case("hi", "devanagari", "हिन्दी १२३"),
    case("zxx", "punctuation", "—…!?，。"),
    case("zxx", "numbers", "1,200 ٣٤ ۵۶ １２"),
    case("mul", "everything", "Tang唐代 abcабв Москва北京 مرآةmirror հայաქართ 高麗청자 ＡＢ銅"),
    case("mul", "marks-after-other-scripts", "銅\u0301鏡 ا\u0301 ١\u0301 ἀ\u0345"),
    case("mul", "supplementary-planes", "𐌰𐌱 𞥑𞥒 abc𐌰 a\U0001d165b 𝟏𝟐 𠀀a𠀁"),
    case("mul", "invisibles-between-letters", "a\u200db e\u200d\u0301 ᄀ\u200cᅡ 葛\ufe00"),
]


@pytest.mark.parametrize("text", SAMPLES)
def test_token_spans_yield_the_tokens(text):
    assert [token for token, _, _ in token_spans(text)] == tokens(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_token_spans_lie_within_the_text_in_order(text):
    spans = token_spans(text)
    assert all(0 <= start < end <= len(text) for _, start, end in spans)
    assert [start for _, start, _ in spans] == sorted(start for _, start, _ in spans)


@pytest.mark.parametrize("text", SAMPLES)
def test_index_terms_are_tokens_and_unigrams(text):
    assert index_terms(text) == (tokens(text), cjk_unigrams(text))


@pytest.mark.parametrize("text", SAMPLES)
def test_query_units_cover_the_tokens(text):
    assert [term for unit in query_units(text) for term in unit.terms] == tokens(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_normalised_text_gives_the_same_tokens(text):
    assert tokens(normalise(text)) == tokens(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_tokens_survive_a_whitespace_tokenizer(text):
    found = tokens(text)
    assert all(found)
    assert " ".join(found).split() == found


RANDOM_ALPHABET = (
    "aeiAEIzZ09 .,'-_\t"
    "éüøßłİıÆœ\u0301\u0308\u0323\u0306\u0345"
    "ﬁﬂＡｚ０，．\u00a0…\u3000"
    "ｶﾞﾊﾟｱかなカナー"
    "\u1100\u1161\u11a8ㄱㅏ가각"
    "銅鏡铜镜國乾隆々\uf900𠀀"
    "أإآاىيیکكۀهةـَُِّ٠١۱۲\u0670ﷲﻻ"
    "\u200c\u200d\u00ad\ufe0f\U000e0100\u200b"
    "йЙёЁи\u0306άΆΐςΣևԵᲐაႠשָׁहि१"
    "😀KÅǅ㈱①½ʼʿ\ud800"
)


@pytest.mark.parametrize(
    "seed", [pytest.param(seed, id=f"mul/random-{seed}") for seed in range(12)]
)
def test_token_spans_yield_the_tokens_of_random_text(seed):
    rng = random.Random(seed)
    for _ in range(250):
        text = "".join(rng.choices(RANDOM_ALPHABET, k=rng.randrange(0, 30)))
        spans = token_spans(text)
        assert [token for token, _, _ in spans] == tokens(text), repr(text)
        assert all(0 <= start < end <= len(text) for _, start, end in spans), repr(text)
        assert index_terms(text) == (tokens(text), cjk_unigrams(text)), repr(text)


@pytest.mark.parametrize(
    ("text", "count", "first"),
    [
        case("en", "long-ascii", "bronze mirror " * 50_000, 100_000, "bronze"),
        case("fr", "long-accented", "musée d'été " * 20_000, 60_000, "musee"),
        case("zh-Hant", "long-run", "銅" * 20_000, 19_999, "铜铜"),
        case("fa", "long-persian", "می\u200cخواهم کتاب " * 20_000, 40_000, "ميخواهم"),
        case("mul", "long-mixed", "Tang 唐代 зеркало ＡＢ " * 10_000, 40_000, "tang"),
    ],
)
def test_long_text(text, count, first):
    found = tokens(text)
    assert (len(found), found[0]) == (count, first)


@pytest.mark.parametrize(
    "text",
    [
        case("mul", "long-mixed-spans", "Tang唐代 青銅鏡 ﬁne e\u0301 می\u200cخواهم Երևան " * 500),
        case("ko", "long-jamo-spans", "\u1100\u1161\u11a8 ㄱㅏ " * 1_000),
    ],
)
def test_token_spans_of_long_text(text):
    assert [token for token, _, _ in token_spans(text)] == tokens(text)


@pytest.mark.parametrize("text", [case("zh-Hant", "length-changing-conversion", "青銅鏡 x")])
def test_simplified_falls_back_to_one_character_at_a_time(text, monkeypatch):
    class ConverterThatGrowsPhrases:
        def convert(self, value: str) -> str:
            return value.replace("銅", "铜").replace("鏡", "镜").replace("青铜", "青铜铜")

    monkeypatch.setattr(analyzer, "_converter", ConverterThatGrowsPhrases)
    assert (tokens(text), token_spans(text)[-1]) == (["青铜", "铜镜", "x"], ("x", 4, 5))


@pytest.mark.parametrize("text", [case("fr", "unexpected-piecewise-fold", "Café Ørsted")])
def test_token_spans_fall_back_to_the_whole_text(text, monkeypatch):
    monkeypatch.setattr(analyzer, "_fold_piece", lambda piece: "?")
    assert token_spans(text) == [("cafe", 0, 11), ("orsted", 0, 11)]


@pytest.mark.parametrize("text", [case("mul", "prepared-before-use", "銅鏡 mirror")])
def test_prepare_builds_tables_and_converter(text):
    analyzer.prepare()
    assert (analyzer._tables.cache_info().currsize, analyzer._converter.cache_info().currsize) == (
        1,
        1,
    )
    assert tokens(text) == ["铜镜", "mirror"]
