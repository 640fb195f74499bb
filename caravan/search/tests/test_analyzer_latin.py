"""The analyzer on Latin-script text: case, diacritics, ligatures, apostrophes.

Every test id starts with the language tag (`fr/…`), so counts per language can be read off
`pytest --collect-only -q`.
"""

import pytest

from caravan.search.analyzer import QueryUnit, normalise, query_units, token_spans, tokens
from caravan.search.tests.cases import case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(
            "en",
            "sentence",
            "Bronze mirror, Tang dynasty.",
            ["bronze", "mirror", "tang", "dynasty"],
        ),
        case("en", "upper-case", "BRONZE MIRROR", ["bronze", "mirror"]),
        case("en", "possessive", "the museum's mirror", ["the", "museum", "s", "mirror"]),
        case("en", "hyphen", "grape-vine", ["grape", "vine"]),
        case("en", "underscore-separates", "snake_case", ["snake", "case"]),
        case("en", "apostrophe-xian", "Xi'an", ["xi", "an"]),
        case("en", "curly-apostrophe", "Xi’an", ["xi", "an"]),
        case("en", "modifier-apostrophe-joins", "Xiʼan", ["xian"]),
        case("en", "okina-joins", "Hawaiʻi", ["hawaii"]),
        case("en", "ayn-hamza-join", "ʿAbbasid Qurʾān", ["abbasid", "quran"]),
        case("en", "tabs-newlines", "bronze\tmirror\nTang\r\n", ["bronze", "mirror", "tang"]),
        case("fr", "accents", "Été à Orléans", ["ete", "a", "orleans"]),
        case("fr", "elision", "l'art de l'Été", ["l", "art", "de", "l", "ete"]),
        case("fr", "oe-ligature", "cœur Œuvre", ["coeur", "oeuvre"]),
        case("fr", "cedilla", "Ça français", ["ca", "francais"]),
        case("fr", "no-break-space", "« Musée »", ["musee"]),
        case("fr", "ellipsis", "etc…fin", ["etc", "fin"]),
        case("de", "eszett", "Straße", ["strasse"]),
        case("de", "capital-eszett", "STRAẞE", ["strasse"]),
        case("de", "umlauts", "Müller Öl Ärger", ["muller", "ol", "arger"]),
        case("de", "umlaut-not-expanded", "Mueller", ["mueller"]),
        case("vi", "tones", "Nguyễn thuở Đồng", ["nguyen", "thuo", "dong"]),
        case("vi", "sentence", "Việt Nam Hà Nội", ["viet", "nam", "ha", "noi"]),
        case("vi", "decomposed", "Vie\u0323\u0302t Nam", ["viet", "nam"]),
        case("vi", "horn-letters", "ƠƯ ơư", ["ou", "ou"]),
        case("tr", "dotted-capital-i", "İZMİR", ["izmir"]),
        case("tr", "dotless-i", "ışık", ["isik"]),
        case("tr", "dotless-capital", "IŞIK", ["isik"]),
        case("tr", "istanbul", "İstanbul Istanbul ıstanbul", ["istanbul"] * 3),
        case("pl", "stroke-l", "Łódź", ["lodz"]),
        case("pl", "acute", "Gdańsk Kraków", ["gdansk", "krakow"]),
        case("cs", "caron", "Dvořák Čapek", ["dvorak", "capek"]),
        case("ro", "comma-below", "Ștefan Țara", ["stefan", "tara"]),
        case("da", "slashed-o-ae", "Ærø Ørsted", ["aero", "orsted"]),
        case("is", "thorn-eth", "Þingvellir Guðrún", ["thingvellir", "gudrun"]),
        case("mt", "h-bar", "Ħaġar Qim", ["hagar", "qim"]),
        case("es", "tilde", "España niño", ["espana", "nino"]),
        case("ca", "middle-dot-separates", "col·lecció", ["col", "leccio"]),
        case("hr", "d-stroke", "Đakovo", ["dakovo"]),
        case("en", "fi-ligature", "ﬁnal ﬂower oﬀ", ["final", "flower", "off"]),
        case("en", "full-width", "ＭＵＳＥＵＭ ｍｉｒｒｏｒ", ["museum", "mirror"]),
        case("en", "superscript-roman-circled", "m² Ⅻ ①", ["m2", "xii", "1"]),
        case("en", "dz-digraph", "Ǆemal", ["dzemal"]),
        case("en", "kelvin-angstrom-signs", "K Å", ["k", "a"]),
        case("en", "math-bold", "𝐁𝐫𝐨𝐧𝐳𝐞", ["bronze"]),
        case("en", "loose-accents", "q\u0303 ǰ x\u0301\u0323", ["q", "j", "x"]),
        case("en", "soft-hyphen-joins", "mu\u00adseum", ["museum"]),
        case("en", "zero-width-space-separates", "bronze\u200bmirror", ["bronze", "mirror"]),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        case("fr", "accent-insensitive", "Musée d'Orsay", "musee d'orsay"),
        case("de", "eszett-ss", "Straße", "STRASSE"),
        case("vi", "precomposed-decomposed", "Việt", "Vie\u0323\u0302t"),
        case("tr", "i-forms", "İzmir", "izmir"),
        case("pl", "stroke", "Łódź", "Lodz"),
        case("en", "full-width-ascii", "Ｔａｎｇ", "Tang"),
    ],
)
def test_same_tokens(first, second):
    assert tokens(first) == tokens(second)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("en", "lower", "Bronze Mirror", "bronze mirror"),
        case("fr", "accents", "Musée d'Orsay", "musee d'orsay"),
        case("de", "eszett", "Straße", "strasse"),
        case("en", "no-break-space", "a\u00a0b", "a b"),
        case("en", "ligature", "ﬁne", "fine"),
        case("vi", "d-stroke", "Đà Nẵng", "da nang"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("en", "ascii", "Bronze mirror", [("bronze", 0, 6), ("mirror", 7, 13)]),
        case("fr", "accents", "Café Ørsted", [("cafe", 0, 4), ("orsted", 5, 11)]),
        case("en", "ligature", "ﬁne art", [("fine", 0, 3), ("art", 4, 7)]),
        case("fr", "combining", "e\u0301cole", [("ecole", 0, 6)]),
        case("de", "eszett-grows", "Straße 5", [("strasse", 0, 6), ("5", 7, 8)]),
        case("tr", "dotted-i-grows", "İzmir", [("izmir", 0, 5)]),
        case("en", "full-width", "ＡＢ ｃ", [("ab", 0, 2), ("c", 3, 4)]),
        case("en", "soft-hyphen", "mu\u00adseum", [("museum", 0, 7)]),
    ],
)
def test_token_spans(text, expected):
    assert token_spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("en", "two-words", "bronze mirror", [QueryUnit(("bronze",)), QueryUnit(("mirror",))]),
        case("fr", "elision", "l'Été", [QueryUnit(("l",)), QueryUnit(("ete",))]),
        case("de", "eszett", "Straße", [QueryUnit(("strasse",))]),
    ],
)
def test_query_units(text, expected):
    assert query_units(text) == expected
