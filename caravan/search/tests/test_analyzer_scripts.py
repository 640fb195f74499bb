"""The analyzer on Cyrillic, Greek, Armenian, Georgian, Hebrew and other scripts.

Every test id starts with the language tag (`kk/…`), so counts per language can be read off
`pytest --collect-only -q`.
"""

import pytest

from caravan.search.analyzer import QueryUnit, normalise, query_units, token_spans, tokens
from caravan.search.tests.cases import case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ru", "case", "Москва МОСКВА", ["москва", "москва"]),
        case("ru", "short-i-kept", "Мой йод", ["мой", "йод"]),
        case("ru", "short-i-decomposed", "мои\u0306", ["мой"]),
        case("ru", "yo-folded", "ёлка Ёж", ["елка", "еж"]),
        case("ru", "stress-mark-dropped", "моло́ко", ["молоко"]),
        case(
            "ru",
            "sentence",
            "Бронзовое зеркало, династия Тан.",
            ["бронзовое", "зеркало", "династия", "тан"],
        ),
        case("ru", "hyphen", "Санкт-Петербург", ["санкт", "петербург"]),
        case("ru", "digits-join", "XIX-го 1900-е", ["xix", "го", "1900", "е"]),
        case("uk", "yi-kept", "Київ", ["київ"]),
        case("uk", "ghe-with-upturn", "Ґанок", ["ґанок"]),
        case("be", "short-u", "Беларуская ў", ["беларуская", "ў"]),
        case("kk", "letters", "Қазақстан әңөүұі", ["қазақстан", "әңөүұі"]),
        case("kk", "upper-case", "ҚАЗАҚ ӘҢӨҮҰІ", ["қазақ", "әңөүұі"]),
        case("kk", "city", "Алматы Өскемен", ["алматы", "өскемен"]),
        case("sr", "cyrillic", "Ђорђе Ћирилица Љубав", ["ђорђе", "ћирилица", "љубав"]),
        case("sr", "cyrillic-nj-dzhe", "Њ Џ", ["њ", "џ"]),
        case("sr", "latin", "Đorđe Ćirilica Ljubav", ["dorde", "cirilica", "ljubav"]),
        case("el", "tonos", "Αθήνα", ["αθηνα"]),
        case("el", "upper-case", "ΑΘΗΝΑ", ["αθηνα"]),
        case("el", "final-sigma", "Σωκράτης", ["σωκρατησ"]),
        case("el", "polytonic", "ἀρχή Ἀθῆναι", ["αρχη", "αθηναι"]),
        case("el", "dialytika", "Ϊ ϋ ΐ", ["ι", "υ", "ι"]),
        case("el", "greek-question-mark", "τι;", ["τι"]),
        case("hy", "lower-case", "Երևան", ["երեւան"]),
        case("hy", "ech-yiwn-ligature", "և", ["եւ"]),
        case("hy", "upper-case", "ԵՐԵՒԱՆ", ["երեւան"]),
        case("hy", "vew-spelling-differs", "ԵՐԵՎԱՆ", ["երեվան"]),
        case("hy", "armenian-punctuation", "Հայաստան։ Բարեւ՝", ["հայաստան", "բարեւ"]),
        case("hy", "ligatures", "ﬓﬔ", ["մնմե"]),
        case("ka", "mkhedruli", "საქართველო", ["საქართველო"]),
        case("ka", "mtavruli", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", ["საქართველო"]),
        case("ka", "sentence", "თბილისი, ქუთაისი", ["თბილისი", "ქუთაისი"]),
        case("he", "points-removed", "שָׁלוֹם", ["שלום"]),
        case("he", "maqaf-separates", "בית־ספר", ["בית", "ספר"]),
        case("hi", "vowel-signs-kept", "हिन्दी भाषा", ["हिन्दी", "भाषा"]),
        case("hi", "devanagari-digits", "१२३", ["123"]),
        case("th", "unsegmented", "ภาษาไทย", ["ภาษาไทย"]),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        case("ru", "yo", "Фёдор", "Федор"),
        case("ru", "case", "ЭРМИТАЖ", "Эрмитаж"),
        case("kk", "case", "ҚАЗАҚСТАН", "қазақстан"),
        case("el", "accents-and-case", "ΜΟΥΣΕΊΟ", "μουσειο"),
        case("hy", "ligature", "Երևան", "Երեւան"),
        case("ka", "mtavruli", "ᲗᲑᲘᲚᲘᲡᲘ", "თბილისი"),
    ],
)
def test_same_tokens(first, second):
    assert tokens(first) == tokens(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        case("ru", "short-i-is-not-i", "мой", "мои"),
        case("uk", "yi-is-not-i", "їжа", "іжа"),
        case("kk", "qa-is-not-ka", "қала", "кала"),
        case("sr", "cyrillic-not-transliterated", "Ђорђе", "Đorđe"),
    ],
)
def test_different_tokens(first, second):
    assert tokens(first) != tokens(second)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ru", "yo-and-case", "Ёлка", "елка"),
        case("el", "final-sigma", "ΟΔΟΣ", "οδοσ"),
        case("hy", "ligature", "Երևան", "երեւան"),
        case("ka", "mtavruli", "ᲐᲑᲒ", "აბგ"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ru", "stress", "моло́ко суп", [("молоко", 0, 7), ("суп", 8, 11)]),
        case("ru", "decomposed-short-i", "мои\u0306", [("мой", 0, 4)]),
        case("el", "polytonic", "ἀρχή", [("αρχη", 0, 4)]),
        case("hy", "ligature-grows", "Երևան", [("երեւան", 0, 5)]),
        case("ka", "mtavruli", "ᲐᲑᲒ აბ", [("აბგ", 0, 3), ("აბ", 4, 6)]),
    ],
)
def test_token_spans(text, expected):
    assert token_spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(
            "ru",
            "two-words",
            "бронзовое зеркало",
            [QueryUnit(("бронзовое",)), QueryUnit(("зеркало",))],
        ),
        case("kk", "word", "Қазақ", [QueryUnit(("қазақ",))]),
        case("el", "word", "Αθήνα", [QueryUnit(("αθηνα",))]),
        case("hy", "word", "Երևան", [QueryUnit(("երեւան",))]),
        case("ka", "word", "თბილისი", [QueryUnit(("თბილისი",))]),
    ],
)
def test_query_units(text, expected):
    assert query_units(text) == expected
