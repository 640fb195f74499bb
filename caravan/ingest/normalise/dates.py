"""Production dates as written → earliest and latest year.

`parse_date` reads what cataloguers write in English, Chinese and Russian (and digits in Arabic
and Persian script): years, ranges, decades, centuries and millennia, BCE and CE, "c." and
"约", and period names through the gazetteer ("Qing dynasty", "明永樂年間", "Achaemenid
period"). It returns None whenever it is unsure: a missing date is better than a wrong one.

Conventions (all years BCE negative, no year zero):

* centuries CE run from the hundred: "17th century" is 1600–1699, "1st century" 1–99; BCE
  centuries count down: "3rd century BC" is -300 to -201. Millennia likewise.
* "early", "mid" and "late" take a third of the span: "early 17th century" is 1600–1633, "mid-
  18th century" 1734–1766, "late 17th century" 1667–1699. "first half", "second half" and
  quarters split it evenly. The same words apply to decades and periods ("late Ming", "清初").
* "1600s" is the century (1600–1699), "1650s" the decade (1650–1659).
* "c.", "circa", "约", "около" do not widen the span: the years are as given.
* When a period and explicit years are both given ("Tang dynasty (618–907)", "Sasanian,
  5th–6th century") the explicit years win, provided they overlap the period; ``period`` is
  still set. Years that fall outside the named period make the whole date unknown.
* Several periods in one date must overlap; the narrowest is kept ("Ming dynasty, Yongle
  period" is the Yongle reign).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from caravan.ingest.normalise.periods import Period, gazetteer

LATEST_YEAR = 2100
EARLIEST_YEAR = -100_000


class YearSpan(NamedTuple):
    """Earliest and latest year (inclusive) and the gazetteer id of a period named, if any."""

    earliest: int
    latest: int
    period: str | None = None


Span = tuple[int, int]


@lru_cache(maxsize=16384)  # catalogues repeat the same few thousand dates
def parse_date(text: str, lang: str | None = None) -> YearSpan | None:
    """The years a date as written covers, or None when it cannot be read with confidence."""
    if not text:
        return None
    simple = _SIMPLE.fullmatch(text.strip())
    if simple:  # most dates in bulk imports: "1650", "1368-1644"
        earliest, latest = int(simple.group(1)), int(simple.group(2) or simple.group(1))
        return YearSpan(earliest, latest) if earliest <= latest <= LATEST_YEAR else None
    cleaned = clean_date_text(text)
    if not cleaned:
        return None
    whole = gazetteer().find(cleaned, lang)
    if whole is not None:
        return YearSpan(whole.earliest, whole.latest, whole.id)
    span = read_expression(cleaned)
    if span is not None:
        return YearSpan(*span)
    pieces = _read_pieces(cleaned, lang)
    return _combine(pieces) if pieces else None


# --------------------------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------------------------

_SIMPLE = re.compile(r"(\d{3,4})(?:\s*[-–]\s*(\d{3,4}))?")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DASHES = re.compile(r"\s*[‐‑‒–—―−~〜～]+\s*|\s+-\s*|\s*-\s+")
_CHINESE_NUMERAL = re.compile(
    r"([〇零一二三四五六七八九十百]+)(?=\s*(?:世纪|世紀|千年?纪|千年?紀|年))"
)
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
_ISO_DATE = re.compile(r"\b(\d{4})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:t[\d:.z+]*)?\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](\d{4})\b|\b(?:0?[1-9]|1[0-2])[./](\d{4})\b")


def clean_date_text(text: str) -> str:
    """NFKC, case-folded, Western digits, one kind of dash, day and month dropped from dates."""
    value = unicodedata.normalize("NFKC", text).casefold().translate(_DIGITS)
    value = value.replace("[", "").replace("]", "").strip(" .;,:")
    value = _CHINESE_NUMERAL.sub(lambda match: str(_chinese_number(match.group(1))), value)
    value = _ISO_DATE.sub(r"\1", value)
    value = _NUMERIC_DATE.sub(lambda match: match.group(1) or match.group(2), value)
    value = _DASHES.sub("-", value)
    value = re.sub(r"\b(mid|early|late)-", r"\1 ", value)
    value = re.sub(r"(\d)-(е|х|ые|ых)\b", r"\1е", value)  # "1650-е годы"
    return re.sub(r"\s+", " ", value).strip()


def _chinese_number(numeral: str) -> int:
    """十七 → 17, 二十一 → 21, 一六五〇 → 1650."""
    if "十" not in numeral and "百" not in numeral:
        return int("".join(str(_CHINESE_DIGITS[c]) for c in numeral))
    total, current = 0, 0
    for character in numeral:
        if character == "百":
            total += (current or 1) * 100
            current = 0
        elif character == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CHINESE_DIGITS[character]
    return total + current


# --------------------------------------------------------------------------------------------
# Expressions: years, ranges, decades, centuries, millennia
# --------------------------------------------------------------------------------------------

_APPROXIMATE_PREFIX = re.compile(
    r"^(?:c\.|ca\.?|circa|about|around|approx\.?|approximately|um|ок\.|около|примерно|"
    r"приблизительно|大约|大約|约|約|حوالي|حدود)\s*"
)
_APPROXIMATE_SUFFIX = re.compile(r"\s*(?:\?|左右|前后|前後)$")
_BETWEEN = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to)\s+(.+)$")
_RANGE = re.compile(r"\s*(?:-|/|\bto\b|\buntil\b|至|到)\s*")


def read_expression(text: str) -> Span | None:
    """Years of a date expression without period names, or None."""
    value = _strip_approximation(text)
    between = _BETWEEN.fullmatch(value)
    if between:
        return _read_range(between.group(1), between.group(2))
    sides = _RANGE.split(value)
    if len(sides) == 1:
        return _read_single(value)
    if len(sides) == 2 and all(sides):
        return _read_range(sides[0], sides[1])
    return None


def _strip_approximation(text: str) -> str:
    previous = None
    value = text.strip()
    while value != previous:
        previous = value
        value = _APPROXIMATE_PREFIX.sub("", value)
        value = _APPROXIMATE_SUFFIX.sub("", value).strip()
    return value


def _read_single(text: str) -> Span | None:
    side = _read_side(text)
    if side is None or side.unit == "ordinal":
        return None
    if _too_short(side):
        return None  # "19": a day, a number, a century? Unknown.
    return _valid(side.span())


def _read_range(left_text: str, right_text: str) -> Span | None:
    left = _read_side(_strip_approximation(left_text))
    right = _read_side(_strip_approximation(right_text))
    if left is None or right is None:
        return None
    left, right = _share_context(left, right)
    if left.unit == "ordinal" or right.unit == "ordinal":
        return None
    if _too_short(right) or (_too_short(left) and not _longer_year(right, left)):
        return None
    start, end = left.span(), right.span()
    if start[0] > end[0] or start[1] > end[1]:
        return None
    return _valid((start[0], end[1]))


def _too_short(side: _Side) -> bool:
    return side.unit == "number" and side.era is None and side.digits < 3


def _longer_year(side: _Side, short: _Side) -> bool:
    """ "25–220": a short start is a year when the end is a longer, later year."""
    return side.unit in ("number", "year") and side.digits >= 3 and side.value > short.value


def _valid(span: Span | None) -> Span | None:
    if span is None:
        return None
    earliest, latest = span
    if earliest > latest or latest > LATEST_YEAR or earliest < EARLIEST_YEAR:
        return None
    return span


@dataclass(frozen=True)
class _Side:
    """One end of a date: a number and what it counts (year, decade, century…)."""

    value: int
    unit: str  # number | year | decade | century | millennium | ordinal
    era: str | None = None  # "bc" | "ad" | None (unmarked)
    qualifier: str | None = None
    digits: int = 4

    def span(self) -> Span:
        bc = self.era == "bc"
        span = _UNIT_SPANS.get(self.unit, _year_span)(self.value, bc)
        return _qualify(span, self.qualifier) if self.qualifier else span


def _share_context(left: _Side, right: _Side) -> tuple[_Side, _Side]:
    """What one end says applies to the other: "3rd–2nd century BC", "1542–43", "17—18世纪"."""
    if right.era and not left.era:
        left = replace(left, era=right.era)
    elif left.era and not right.era:
        right = replace(right, era=_unmarked_end_era(left, right))
    bare_left = left.unit in ("ordinal", "number") and left.digits <= 2
    if bare_left and right.unit in ("century", "millennium"):
        left = replace(left, unit=right.unit)
    if right.unit == "ordinal" and left.unit in ("century", "millennium"):
        right = replace(right, unit=left.unit)
    if left.unit in ("number", "year") and right.unit == "number" and right.digits < left.digits:
        right = _complete_shorthand(left, right)
    return left, right


def _unmarked_end_era(left: _Side, right: _Side) -> str | None:
    """The era of an unmarked end: the start's, unless that cannot be ("206 BC–220" is CE)."""
    if left.era != "bc":
        return left.era
    as_bc = replace(right, era="bc").span()
    return "bc" if as_bc[0] >= left.span()[0] else "ad"


def _complete_shorthand(left: _Side, right: _Side) -> _Side:
    """1542–43 → 1543; 1650–5 → 1655."""
    if left.era is not None:
        return right
    scale = 10**right.digits
    completed = left.value - left.value % scale + right.value
    if completed <= left.value:
        return right
    return replace(right, value=completed, digits=left.digits)


def _year_span(value: int, bc: bool) -> Span:
    return (-value, -value) if bc else (value, value)


def _decade_span(value: int, bc: bool) -> Span:
    size = 100 if value % 100 == 0 else 10  # "1600s" is the century
    return (-(value + size - 1), -value) if bc else (value, value + size - 1)


def _century_span(value: int, bc: bool) -> Span:
    if bc:
        return -value * 100, -value * 100 + 99
    return max((value - 1) * 100, 1), (value - 1) * 100 + 99


def _millennium_span(value: int, bc: bool) -> Span:
    if bc:
        return -value * 1000, -(value - 1) * 1000 - 1
    return max((value - 1) * 1000, 1), value * 1000 - 1


_UNIT_SPANS: dict[str, Callable[[int, bool], Span]] = {
    "year": _year_span,
    "number": _year_span,
    "decade": _decade_span,
    "century": _century_span,
    "millennium": _millennium_span,
}


def _qualify(span: Span, qualifier: str) -> Span:
    """Part of a span: early/mid/late thirds, halves, quarters."""
    start, end = span
    size = end - start + 1
    if qualifier in ("early", "mid", "late"):
        first_cut, second_cut = start + size // 3, start + 2 * size // 3
        thirds = {
            "early": (start, first_cut),
            "mid": (first_cut + 1, second_cut),
            "late": (second_cut + 1, end),
        }
        return thirds[qualifier]
    parts, index = (2, int(qualifier[1])) if qualifier[0] == "h" else (4, int(qualifier[1]))
    return start + size * (index - 1) // parts, start + size * index // parts - 1


# The side grammar: era marks, qualifiers, then the number and its unit.

_BC_PREFIX = re.compile(r"^(?:公元前|西元前|紀元前|纪元前|前)\s*")
_AD_PREFIX = re.compile(r"^(?:公元|西元|a\.?\s?d\.?(?=\s|\d)|н\.\s?э\.)\s*")
_BC_SUFFIX = re.compile(
    r"(?:(?<=\d)|\s+)(?:b\.?\s?c\.?(?:\s?e\.?)?|bce|v\.\s?chr\.?|до\s?н\.?\s?э\.?|до\s+нашей\s+эры|"
    r"ق\.?\s?م\.?|قبل\s+الميلاد|پیش\s+از\s+میلاد|قبل\s+از\s+میلاد)$"
)
_AD_SUFFIX = re.compile(
    r"(?:(?<=\d)|\s+)(?:a\.?\s?d\.?|c\.?\s?e\.?|n\.\s?chr\.?|н\.?\s?э\.?|нашей\s+эры|م\.?|ميلادي|میلادی|"
    r"للميلاد)$"
)
_QUALIFIER_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:the\s+)?(?:{pattern})\s+(?:the\s+|of\s+the\s+|of\s+)?"), code)
    for pattern, code in (
        (r"early|beginning\s+of|начало|начала|начале|ранний|раннего|ранняя", "early"),
        (r"mid|middle\s+of|middle|середина|середины|середине", "mid"),
        (r"late|end\s+of|конец|конца|конце|поздний|позднего|поздняя", "late"),
        (r"first\s+half(?:\s+of)?|первая\s+половина|первой\s+половины|1\.\s*hälfte", "h1"),
        (r"second\s+half(?:\s+of)?|вторая\s+половина|второй\s+половины|2\.\s*hälfte", "h2"),
        (r"first\s+quarter(?:\s+of)?|первая\s+четверть|первой\s+четверти", "q1"),
        (r"second\s+quarter(?:\s+of)?|вторая\s+четверть|второй\s+четверти", "q2"),
        (r"third\s+quarter(?:\s+of)?|третья\s+четверть|третьей\s+четверти", "q3"),
        (r"(?:fourth|last)\s+quarter(?:\s+of)?|последняя\s+четверть|последней\s+четверти", "q4"),
    )
)
_QUALIFIER_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("上半叶", "h1"),
    ("上半葉", "h1"),
    ("前半期", "h1"),
    ("前半", "h1"),
    ("下半叶", "h2"),
    ("下半葉", "h2"),
    ("后半期", "h2"),
    ("後半期", "h2"),
    ("后半", "h2"),
    ("後半", "h2"),
    ("初期", "early"),
    ("早期", "early"),
    ("前期", "early"),
    ("初", "early"),
    ("中期", "mid"),
    ("中叶", "mid"),
    ("中葉", "mid"),
    ("末期", "late"),
    ("晚期", "late"),
    ("后期", "late"),
    ("後期", "late"),
    ("末", "late"),
)

_ROMAN = re.compile(r"^[ivxl]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|январ|феврал|март|апрел|ма[йя]|"
    r"июн|июл|август|сентябр|октябр|ноябр|декабр|januar|februar|märz|mai|juni|juli|oktober|dezember"
)
_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), unit)
    for pattern, unit in (
        (r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:century|centuries)", "century"),
        (r"(\d{1,2})(?:st|nd|rd|th)\s*c\.?", "century"),
        (r"(\d{1,2}|[ivxl]+)(?:-?й)?\s*(?:век[а-я]*|вв?\.?)", "century"),
        (r"(\d{1,2})\s*(?:世纪|世紀)", "century"),
        (r"(\d{1,2})\.\s*(?:jahrhundert|jh\.?)", "century"),
        (r"(?:قرن|سده|القرن)\s*(\d{1,2})(?:\s*(?:م|ق\.?\s?م\.?|میلادی|ميلادي))?", "century"),
        (r"(\d{1,2})(?:st|nd|rd|th)?\s*millenni(?:um|a)", "millennium"),
        (r"(\d{1,2}|[ivx]+)(?:-?е)?\s*тысячелети[а-я]*", "millennium"),
        (r"(\d{1,2})\s*(?:千年纪|千年紀|千纪|千紀)", "millennium"),
        (r"(\d{3}0)\s*'?s", "decade"),
        (r"(\d{3}0)\s*е(?:\s*(?:годы|годов|гг\.?))?", "decade"),
        (r"(\d{3}0)\s*年代", "decade"),
        (r"(\d{1,4})\s*(?:年|년|г\.?|гг\.?|год[а-я]*)", "year"),
        (r"(\d{1,4})年\d{1,2}月(?:\d{1,2}日)?", "year"),
        (r"(\d{1,4})년\s*\d{1,2}월(?:\s*\d{1,2}일)?", "year"),
        (rf"(?:\d{{1,2}}\.?\s+)?(?:{_MONTHS})[a-zа-я]*\.?\s+(?:\d{{1,2}},?\s+)?(\d{{4}})", "year"),
        (r"(\d{1,2})(?:st|nd|rd|th)", "ordinal"),
        (r"(\d{1,4})", "number"),
    )
)


def _read_side(text: str) -> _Side | None:
    value, era = _take_era(text.strip())
    value, qualifier = _take_qualifier(value)
    for pattern, unit in _UNIT_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            number = match.group(1)
            return _Side(
                value=_number(number),
                unit=unit,
                era=era,
                qualifier=qualifier,
                digits=len(number) if number.isdigit() else 2,
            )
    if _ROMAN.fullmatch(value) and qualifier is None:
        return _Side(value=_number(value), unit="ordinal", era=era, digits=2)
    return None


def _take_era(text: str) -> tuple[str, str | None]:
    for pattern, era in (
        (_BC_PREFIX, "bc"),
        (_BC_SUFFIX, "bc"),
        (_AD_PREFIX, "ad"),
        (_AD_SUFFIX, "ad"),
    ):
        stripped = pattern.sub("", text, count=1).strip()
        if stripped != text:
            return stripped, era
    return text, None


def _take_qualifier(text: str) -> tuple[str, str | None]:
    for pattern, code in _QUALIFIER_PREFIXES:
        stripped = pattern.sub("", text, count=1)
        if stripped != text:
            return stripped.strip(), code
    for suffix, code in _QUALIFIER_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].strip(), code
    return text, None


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


# --------------------------------------------------------------------------------------------
# Dates with period names: "Ming dynasty, Yongle period (1403-1424)", "清乾隆", "late Ming"
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """One part of a date: years, and the period they come from if a period was named."""

    span: Span
    period: Period | None = None


_PARTS = re.compile(r"\s*[,;，；、]\s*")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _read_pieces(text: str, lang: str | None) -> list[_Piece] | None:
    """Every part of the text read as years or a period; None if any part cannot be read."""
    inner = _PARENTHESES.findall(text)
    outer = _PARENTHESES.sub(",", text)
    parts = [part for chunk in [outer, *inner] for part in _PARTS.split(chunk) if part.strip()]
    pieces: list[_Piece] = []
    for part in parts:
        piece = _read_part(part.strip(), lang)
        if piece is None:
            return None
        pieces.append(piece)
    return pieces or None


def _read_part(text: str, lang: str | None) -> _Piece | None:
    span = read_expression(text)
    if span is not None:
        return _Piece(span)
    return _read_period(text, lang) or _read_period_range(text, lang) or _read_compound(text, lang)


def _read_period(text: str, lang: str | None) -> _Piece | None:
    """A period, possibly qualified: "Qing", "early Qing", "清初", "明晚期"."""
    found = gazetteer().find(text, lang)
    if found is not None:
        return _Piece((found.earliest, found.latest), found)
    rest, qualifier = _take_qualifier(text)
    if qualifier is None or not rest:
        return None
    found = gazetteer().find(rest, lang)
    if found is None:
        return None
    return _Piece(_qualify((found.earliest, found.latest), qualifier), found)


def _read_period_range(text: str, lang: str | None) -> _Piece | None:
    """From one period to another: "Ming–Qing", "Song-Yuan", "明末清初"."""
    late_early = re.fullmatch(r"(.+末)(.+初)", text)
    sides = late_early.groups() if late_early else _RANGE.split(text)
    if len(sides) != 2:
        return None
    left, right = _read_period(sides[0], lang), _read_period(sides[1], lang)
    if left is None or right is None or left.span[0] > right.span[1]:
        return None
    return _Piece((left.span[0], right.span[1]))


def _read_compound(text: str, lang: str | None) -> _Piece | None:
    """A period and a sub-period run together: "明永乐", "清乾隆", "Ming Yongle"."""
    for left, right in _splits(text):
        outer = _read_period(left, lang)
        inner = _read_period(right, lang) if outer else None
        if outer and inner:
            return _narrowest([outer, inner])
    return None


def _splits(text: str) -> list[tuple[str, str]]:
    if _CJK.search(text):
        return [(text[:i], text[i:]) for i in range(1, len(text))]
    words = text.split()
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]


def _narrowest(pieces: list[_Piece]) -> _Piece | None:
    """The narrowest of some spans that all overlap, else None."""
    for index, piece in enumerate(pieces):
        for other in pieces[index + 1 :]:
            if piece.span[0] > other.span[1] or other.span[0] > piece.span[1]:
                return None
    return min(pieces, key=lambda piece: piece.span[1] - piece.span[0])


def _combine(pieces: list[_Piece]) -> YearSpan | None:
    """Periods and explicit years together; explicit years win where they agree."""
    named = [piece for piece in pieces if piece.period is not None]
    dated = [piece for piece in pieces if piece.period is None]
    period_piece = _narrowest(named) if named else None
    dated_piece = _nested(dated) if dated else None
    if (named and period_piece is None) or (dated and dated_piece is None):
        return None
    if period_piece and dated_piece:
        if not _narrowest([period_piece, dated_piece]):
            return None
        span = dated_piece.span
    else:
        span = (dated_piece or period_piece).span  # type: ignore[union-attr]
    period = period_piece.period if period_piece else None
    return YearSpan(span[0], span[1], period.id if period else None)


def _nested(pieces: list[_Piece]) -> _Piece | None:
    """The narrowest of some explicit spans if each lies within the next wider one."""
    ordered = sorted(pieces, key=lambda piece: piece.span[1] - piece.span[0])
    for narrow, wide in pairwise(ordered):
        if not (wide.span[0] <= narrow.span[0] and narrow.span[1] <= wide.span[1]):
            return None
    return ordered[0]
