"""The analyzer on Arabic-script text: Arabic and Persian letter variants, marks, digits.

Every test id starts with the language tag (`fa/…`), so counts per language can be read off
`pytest --collect-only -q`.
"""

import pytest

from caravan.search.analyzer import QueryUnit, normalise, query_units, token_spans, tokens
from caravan.search.tests.cases import case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ar", "alef-hamza-above", "أحمد", ["احمد"]),
        case("ar", "alef-hamza-below", "إسلام", ["اسلام"]),
        case("ar", "alef-madda", "آدم", ["ادم"]),
        case("ar", "alef-wasla", "ٱلله", ["الله"]),
        case("ar", "alef-maksura", "مصطفى", ["مصطفي"]),
        case("ar", "teh-marbuta-stays", "مدرسة", ["مدرسة"]),
        case("ar", "tatweel", "كتـــاب", ["كتاب"]),
        case("ar", "harakat", "عَرَبِيّ", ["عربي"]),
        case("ar", "tanwin-and-sukun", "كِتَابٌ مَكْتُوبٌ", ["كتاب", "مكتوب"]),
        case("ar", "superscript-alef", "هٰذا", ["هذا"]),
        case("ar", "arabic-indic-digits", "٢٠٢٤", ["2024"]),
        case("ar", "digits-join-words", "عام٢٠٢٤", ["عام2024"]),
        case("ar", "lam-alef-ligature", "ﻻ", ["لا"]),
        case("ar", "allah-ligature", "ﷲ", ["الله"]),
        case("ar", "presentation-forms", "ﻛﺘﺎﺏ", ["كتاب"]),
        case("ar", "arabic-comma-separates", "مرآة،برونز", ["مراة", "برونز"]),
        case("ar", "question-mark-separates", "ماذا؟", ["ماذا"]),
        case("ar", "quranic-mark", "الرَّحِيمِ ۝", ["الرحيم"]),
        case("ar", "with-english", "مرآة mirror", ["مراة", "mirror"]),
        case("fa", "persian-yeh", "ایران", ["ايران"]),
        case("fa", "keheh", "کتاب", ["كتاب"]),
        case("fa", "zwnj-removed", "می\u200cخواهم", ["ميخواهم"]),
        case("fa", "heh-with-yeh", "خانۀ", ["خانه"]),
        case("fa", "heh-doachashmee", "ھنر", ["هنر"]),
        case("fa", "heh-goal", "ہنر", ["هنر"]),
        case("fa", "persian-digits", "۱۴۰۳", ["1403"]),
        case("fa", "decimal-separator-splits", "۱۲٫۴", ["12", "4"]),
        case("fa", "sentence", "آینه برنزی دوره تانگ", ["اينه", "برنزي", "دوره", "تانگ"]),
        case("fa", "yeh-variants", "ې ۍ ى ی ي", ["ي"] * 5),
        case("fa", "zwj-removed", "ه\u200dا", ["ها"]),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        case("ar", "hamza-forms", "أحمد", "احمد"),
        case("ar", "vowelled-unvowelled", "مُحَمَّد", "محمد"),
        case("ar", "tatweel", "مـحـمـد", "محمد"),
        case("ar", "digits", "٣٤٥", "345"),
        case("fa", "arabic-and-persian-yeh-kaf", "كتابي", "کتابی"),
        case("fa", "zwnj", "می\u200cخواهم", "میخواهم"),
        case("fa", "persian-and-arabic-indic-digits", "۱۲۳", "١٢٣"),
        case("fa", "persian-digits-ascii", "۱۲۳", "123"),
        case("fa", "ibn-sina", "ابن سینا", "ابن سينا"),
    ],
)
def test_same_tokens(first, second):
    assert tokens(first) == tokens(second)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ar", "letters-and-marks", "أَحْمَد", "احمد"),
        case("ar", "digits", "سنة ٢٠٢٤", "سنة 2024"),
        case("fa", "yeh-kaf-zwnj", "می\u200cخواهم کتاب", "ميخواهم كتاب"),
        case("fa", "digits", "۱۴۰۳", "1403"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ar", "tatweel", "كتـــاب", [("كتاب", 0, 7)]),
        case("ar", "harakat", "عَرَبِيّ x", [("عربي", 0, 8), ("x", 9, 10)]),
        case("ar", "ligature", "ﷲ أكبر", [("الله", 0, 1), ("اكبر", 2, 6)]),
        case("fa", "zwnj", "می\u200cخواهم", [("ميخواهم", 0, 8)]),
        case("fa", "digits", "سال ۱۴۰۳", [("سال", 0, 3), ("1403", 4, 8)]),
    ],
)
def test_token_spans(text, expected):
    assert token_spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case("ar", "two-words", "مرآة برونزية", [QueryUnit(("مراة",)), QueryUnit(("برونزية",))]),
        case("ar", "vowelled", "مُحَمَّد", [QueryUnit(("محمد",))]),
        case("fa", "persian-letters", "ابن سینا", [QueryUnit(("ابن",)), QueryUnit(("سينا",))]),
        case("fa", "zwnj", "می‌خواهم", [QueryUnit(("ميخواهم",))]),
    ],
)
def test_query_units(text, expected):
    assert query_units(text) == expected
