"""The one analyzer: the only place in Caravan where text becomes search tokens.

Documents, queries and vocabulary labels all pass through here, so whatever a reader types
meets the indexed text in the same form. Tantivy receives our tokens joined by spaces and splits
them with its whitespace tokenizer: keeping the analysis in Python keeps it ours, testable
without an index, and identical everywhere (Tantivy's tokenizers know no Han bigrams,
Traditional→Simplified folding or Persian letters).

Decisions (tests in tests/test_analyzer_*.py):
- NFKC, then `str.casefold` (ß→ss, ς→σ, Ա→ա, Ა→ა). Compatibility spaces and punctuation
  (no-break space, full-width ，：（ ), …) become a plain space.
- Latin and Greek letters lose their diacritics (é→e, ơ→o, ł→l, ø→o, đ→d, æ→ae, ά→α). Turkish
  I, İ, ı and i all fold to i: without the text's language, merging them is the only safe choice.
- Cyrillic keeps its letters (й, ї, қ, ә, ђ …) except ё→е; loose accents (stress marks) go.
- Arabic and Persian: أ إ آ ٱ → ا; ى ی ې ۍ → ي; ک → ك; ۀ ھ ہ → ه (ة stays); tatweel, harakat
  (U+064B–065F, U+0670) and Quranic marks are removed. Hebrew points are removed too.
- Every decimal digit (Persian ۰-۹, Arabic-Indic ٠-٩, Devanagari …) becomes ASCII 0-9.
- Invisible joiners (ZWNJ, ZWJ, soft hyphen, variation selectors) are removed, so می‌خواهم
  and میخواهم match; so are the romanisation marks ʹ ʻ ʼ ʾ ʿ (Qurʾān → quran).
- Han (folded to Simplified by OpenCC t2s, Japanese kanji too: 東京 → 东京), kana and hangul
  form one "CJK" class. A CJK run yields its overlapping bigrams (山水清音圖 → 山水 水清 清音
  音图), a one-character run that character; `cjk_unigrams` lists every CJK character, for the
  field one-character queries use (`index_terms` gives both from one pass).
- Any other word is a maximal run of letters, marks and digits of one script class (Latin,
  Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, all others). Digits join the word they
  touch ("19th", "a4"); punctuation, apostrophes and spaces separate ("1,200" → 1 200, "xi'an"
  → xi an, "l'art" → l art), and so does a change of script ("Tang唐代" → tang 唐代). Scripts
  written without spaces other than CJK (Thai, Khmer …) are not segmented: a run is one word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress
from operator import add, mul
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

Span = tuple[int, int]

# Scripts whose words are told apart, by their basic-plane blocks (see _word_pattern), then
# Han, kana and hangul (together "CJK"), and the combining marks every script shares.
_BLOCKS: dict[str, tuple[Span, ...]] = {
    "latin": ((0x41, 0x5A), (0x61, 0x7A), (0xAA, 0xAA), (0xBA, 0xBA), (0xC0, 0x2FF),
              (0x1D00, 0x1DBF), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
              (0xAB30, 0xAB6F)),
    "arabic": ((0x600, 0x6FF), (0x750, 0x77F), (0x870, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "cyrillic": ((0x400, 0x52F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "greek": ((0x370, 0x3FF), (0x1F00, 0x1FFF)),
    "armenian": ((0x530, 0x58F),),
    "georgian": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
    "hebrew": ((0x590, 0x5FF), (0xFB1D, 0xFB4F)),
    "han": ((0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
    "kana_hangul": ((0x1100, 0x11FF), (0x3031, 0x3035), (0x3040, 0x30FF), (0x3100, 0x312F),
                    (0x3131, 0x318F), (0x31A0, 0x31BF), (0x31F0, 0x31FF), (0xA960, 0xA97F),
                    (0xAC00, 0xD7FF), (0x1B000, 0x1B2FF)),
    "inherited": ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                  (0xFE20, 0xFE2F)),
}  # fmt: skip
_SCRIPTS = ("latin", "arabic", "cyrillic", "greek", "armenian", "georgian", "hebrew")
_LABELS = {name: label for label, name in enumerate(_BLOCKS, start=2)}
_OTHER = 1  # label of a word character of any script not named above
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nl", "No"})
_SCAN_END = 0x20000  # above lie Han extensions (added whole), tags and private use
_HAN_SUPPLEMENTARY = "\U00020000-\U0003ffff"
_SMP = "\U00010000-\U0010ffff"
_SUPPLEMENTARY_SELECTORS = "\U000e0100-\U000e01ef"

_LATIN_SPECIAL = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t",
                  "ƀ": "b", "ɨ": "i", "ʉ": "u", "ƶ": "z", "ȼ": "c", "ɇ": "e", "ɍ": "r",
                  "ɏ": "y", "æ": "ae", "œ": "oe", "þ": "th"}  # fmt: skip
_OTHER_FOLDS = {"ё": "е", "ѐ": "е", "ѝ": "и",  # Cyrillic: the graves only mark stress
                "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
                "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ک": "ك", "ڪ": "ك",
                "ۀ": "ه", "ھ": "ه", "ہ": "ه", "ۂ": "ه"}  # fmt: skip
_REMOVED: tuple[Span, ...] = (
    (0xAD, 0xAD), (0x34F, 0x34F), (0x180B, 0x180F), (0x200C, 0x200D), (0x2060, 0x2060),
    (0xFEFF, 0xFEFF), (0xFE00, 0xFE0F),  # joiners, variation selectors
    (0x640, 0x640), (0x64B, 0x65F), (0x670, 0x670),  # tatweel, harakat, superscript alef
    (0x6D6, 0x6DC), (0x6DF, 0x6E4), (0x6E7, 0x6E8), (0x6EA, 0x6ED),  # Quranic marks
    (0x591, 0x5BD), (0x5BF, 0x5BF), (0x5C1, 0x5C2), (0x5C4, 0x5C5), (0x5C7, 0x5C7),  # Hebrew
    (0x2B9, 0x2BF),  # ʹ ʺ ʻ ʼ ʽ ʾ ʿ
)  # fmt: skip
# Where compatibility spaces and punctuation live (checked one by one when tables are built).
_COMPAT_PUNCTUATION_BLOCKS = ((0xA0, 0xBF), (0x2000, 0x206F), (0x3000, 0x303F),
                              (0xFE10, 0xFE6F), (0xFF00, 0xFFEF))  # fmt: skip


def _in(blocks: Iterable[Span]) -> Iterator[int]:
    for first, last in blocks:
        yield from range(first, last + 1)


def _chars(codepoints: Iterable[int]) -> str:
    return "".join(map(chr, codepoints))


def _label_codepoints() -> tuple[bytes, dict[int, str]]:
    """Each code point's class label (0: not a word character), and the decimal digits."""
    categories = list(map(unicodedata.category, map(chr, range(_SCAN_END))))
    labels = bytearray([_OTHER]) * _SCAN_END
    for name, blocks in _BLOCKS.items():
        for first, last in blocks:
            labels[first : last + 1] = bytes([_LABELS[name]]) * (last + 1 - first)
    is_word = map(_WORD_CATEGORIES.__contains__, categories)
    digits = compress(range(0x80, _SCAN_END), map("Nd".__eq__, categories[0x80:]))
    return bytes(map(mul, is_word, labels)), {
        cp: str(unicodedata.decimal(chr(cp))) for cp in digits
    }


def _class(labels: bytes, name: str, start: int = 0, end: int = _SCAN_END) -> str:
    """A regex character-class body for the code points in [start, end) labelled `name`."""
    label = _LABELS.get(name, _OTHER)
    runs = re.finditer(re.escape(bytes([label])) + b"+", labels)
    return "".join(
        chr(run.start()) + (f"-{chr(run.end() - 1)}" if run.end() - run.start() > 1 else "")
        for run in runs
        if start <= run.start() < end
    )


def _fold_table(digits: dict[int, str]) -> list[str | int | None]:
    """A `str.translate` table indexed by code point (a list looks up faster than a dict)."""
    folds: dict[int, str] = dict(digits)
    specials = {**_LATIN_SPECIAL, **{k.upper(): v for k, v in _LATIN_SPECIAL.items()}}
    for cp in _in([*_BLOCKS["latin"], *_BLOCKS["greek"]]):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        base = "".join(specials.get(c, c) for c in base)
        if base and base != chr(cp).casefold():
            folds[cp] = base
    folds.update({ord(k): v for k, v in {**specials, **_OTHER_FOLDS}.items()})
    folds.update(dict.fromkeys(_in(_REMOVED), ""))
    table: list[str | int | None] = list(range(_SCAN_END))
    for cp, folded in folds.items():
        if cp < _SCAN_END:
            table[cp] = folded or None
    return table


def _word_pattern(labels: bytes) -> tuple[str, str]:
    """The characters a word can start with, and the pattern of a word."""
    inherited = _class(labels, "inherited")
    words = [f"[{c}][{c}0-9{inherited}]*" for c in (_class(labels, s) for s in _SCRIPTS)]
    other, other_smp = _class(labels, "other", end=0x10000), _class(labels, "other", 0x10000)
    words.append(f"[{other}][{other}{other_smp}0-9{inherited}]*")
    # Only basic-plane classes are tested through a bitmap: the lookahead keeps ordinary text
    # from walking the long list of rare supplementary-plane ranges.
    words.append(f"(?=[{_SMP}])[{other_smp}][{other_smp}0-9{inherited}]*")
    starts = "".join(_class(labels, s) for s in _SCRIPTS) + f"{other}0-9{_SMP}"
    alternatives = "|".join(words)
    return starts, f"[0-9]+(?:{alternatives})?|{alternatives}"


@dataclass(frozen=True)
class _Tables:
    fold: list[str | int | None]
    compat_punctuation: re.Pattern[str]
    needs_fold: re.Pattern[str]
    loose_marks: re.Pattern[str]
    cjk: re.Pattern[str]
    word: re.Pattern[str]
    token: re.Pattern[str]


@cache
def _tables() -> _Tables:
    """Character classes and patterns, built on first use (about 0.1 s) rather than at import."""
    labels, digits = _label_codepoints()
    fold = _fold_table(digits)
    punctuation = [
        cp
        for cp in _in(_COMPAT_PUNCTUATION_BLOCKS)
        if (nfkc := unicodedata.normalize("NFKC", chr(cp))) != chr(cp)
        and not any(unicodedata.category(c) in _WORD_CATEGORIES or c.isdigit() for c in nfkc)
    ]
    folded = [cp for cp in range(0x80, 0x10000) if fold[cp] != cp]
    cjk = _class(labels, "han") + _HAN_SUPPLEMENTARY + _class(labels, "kana_hangul")
    starts, word = _word_pattern(labels)
    inherited = _class(labels, "inherited")
    letters = "".join(_class(labels, name) for name in ("latin", "greek", "cyrillic"))
    return _Tables(
        fold=fold,
        compat_punctuation=re.compile(f"[{_chars(punctuation)}]"),
        # Any supplementary character may be a digit to fold or a selector to remove.
        needs_fold=re.compile(f"[{_chars(folded)}{inherited}{_SMP}]"),
        # Accents left after a Latin, Greek or Cyrillic letter: those NFKC could not compose
        # (ǰ, q̃, stress marks) or that casefold produced (İ → i̇); and the supplementary
        # variation selectors, beyond the `fold` table. A pattern that starts with a character
        # class lets the regex engine skip quickly to candidates.
        loose_marks=re.compile(
            f"[{inherited}{_SUPPLEMENTARY_SELECTORS}]"
            f"(?:(?<=[{letters}][{inherited}])[{inherited}]*|(?<=[{_SUPPLEMENTARY_SELECTORS}]))"
        ),
        cjk=re.compile(f"[{cjk}]"),
        # The lookaheads reject a separator with one test instead of one per script.
        word=re.compile(f"(?=[{starts}])(?:{word})"),
        # Group 1 is a CJK run, group 2 a word.
        token=re.compile(f"(?=[{starts}{cjk}])(?:([{cjk}]+)|({word}))"),
    )


def prepare() -> None:
    """Build the tables and load OpenCC now, e.g. in a parent before it forks index workers."""
    _tables()
    _converter()


@cache
def _converter() -> opencc.OpenCC:
    """OpenCC loads its dictionaries once per process, when Han text first arrives."""
    import opencc  # here: a process that never meets Han text never loads it

    return opencc.OpenCC("t2s")


_SURROGATE = re.compile("[\ud800-\udfff]")
_ASCII_WORD = re.compile("[a-z0-9]+")
# Lower-cases ASCII letters and blanks everything else but digits, so that split() finds words.
_ASCII_WORDS_APART = str.maketrans(
    {chr(i): chr(i).lower() if chr(i).isalnum() else " " for i in range(128)}
)


def _simplified(text: str) -> str:
    """Traditional → Simplified, one character for one character (so offsets stay valid)."""
    try:
        converted: str = _converter().convert(text)
    except UnicodeEncodeError:  # OpenCC takes UTF-8: a lone surrogate becomes U+FFFD (a separator)
        text = _SURROGATE.sub("\ufffd", text)
        converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(s := _converter().convert(c)) != 1 else s for c in text)


def _fold(text: str) -> str:
    """Everything `normalise` does but t2s. Applied piece by piece it gives the same result, as
    long as no piece begins with a character that attaches to the one before (`_attaches`).
    """
    tables = _tables()
    if not unicodedata.is_normalized("NFKC", text):
        # Mapping these first keeps NFKC on its fast path for most Chinese and French text.
        text = unicodedata.normalize("NFKC", tables.compat_punctuation.sub(" ", text))
    folded = text.casefold()
    if folded.isascii() or not tables.needs_fold.search(folded):
        return folded
    folded = tables.loose_marks.sub("", folded.translate(tables.fold))
    if not unicodedata.is_normalized("NFKC", folded):
        # A removed joiner kept apart what NFKC composes (ᄀ + ZWNJ + ᅡ → 가).
        folded = unicodedata.normalize("NFKC", folded).translate(tables.fold)
        folded = tables.loose_marks.sub("", folded)
    return folded


def normalise(text: str) -> str:
    """The folded form of a text: what tokens are cut from, and what labels are compared in."""
    if text.isascii():
        return text.lower()
    folded = _fold(text)
    return _simplified(folded) if _tables().cjk.search(folded) else folded


def _bigrams(run: str) -> list[str]:
    return list(map(add, run, run[1:])) if len(run) > 1 else [run]


def tokens(text: str) -> list[str]:
    """The tokens indexed for a text field, in order: words, numbers and CJK bigrams."""
    return _tokens(text, None)


def cjk_unigrams(text: str) -> list[str]:
    """Every CJK, kana and hangul character (folded), for the field one-character queries use."""
    if text.isascii():
        return []
    return _tables().cjk.findall(normalise(text))


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """`tokens(text)` and `cjk_unigrams(text)` from one pass, as the indexer needs both."""
    runs: list[str] = []
    found = _tokens(text, runs)
    return found, list("".join(runs))


def _tokens(text: str, cjk_runs: list[str] | None) -> list[str]:
    """`tokens(text)`, adding each CJK run to `cjk_runs` if given. The hot path of indexing."""
    if text.isascii():
        return text.translate(_ASCII_WORDS_APART).split()
    tables = _tables()
    folded = _fold(text)
    if folded.isascii():  # most European text, once its accents are gone
        return folded.translate(_ASCII_WORDS_APART).split()
    if not tables.cjk.search(folded):
        return tables.word.findall(folded)
    found: list[str] = []
    append = found.append
    for run, word in tables.token.findall(_simplified(folded)):
        if word:
            append(word)
            continue
        if cjk_runs is not None:
            cjk_runs.append(run)
        if len(run) == 1:
            append(run)
        else:
            found += map(add, run, run[1:])
    return found


@lru_cache(maxsize=4096)
def _attaches(char: str) -> bool:
    """Whether folding may merge this character into the one before: marks and hangul vowels
    (NFKC composes them), and removed characters (what was on each side may then meet)."""
    if ord(char) < _SCAN_END and _tables().fold[ord(char)] is None:
        return True
    for c in (char, unicodedata.normalize("NFKC", char)[0]):
        if unicodedata.category(c)[0] == "M" or "\u1160" <= c <= "\u11ff":
            return True
    return False


_ASCII_RUN_OR_CHAR = re.compile("[\x00-\x7f]+|[^\x00-\x7f]")


def _pieces(text: str) -> list[list[int]]:
    """`text` cut into [start, end) pieces that folding never merges: runs of ASCII, and single
    other characters, each with the characters that attach to it (see `_attaches`)."""
    pieces: list[list[int]] = []
    for match in _ASCII_RUN_OR_CHAR.finditer(text):
        start, end = match.span()
        if not pieces or text[start].isascii() or not _attaches(text[start]):
            pieces.append([start, end])
        elif text[pieces[-1][1] - 1].isascii() and pieces[-1][1] - pieces[-1][0] > 1:
            pieces[-1][1] -= 1  # the mark takes the run's last letter into a piece of its own
            pieces.append([end - 2, end])
        else:
            pieces[-1][1] = end
    return pieces


_fold_piece = lru_cache(maxsize=16384)(_fold)  # pieces are mostly single characters


def _fold_with_origins(text: str) -> tuple[str, list[Span]]:
    """`_fold(text)` and, for each of its characters, the span of `text` it comes from."""
    folded_pieces: list[str] = []
    origins: list[Span] = []
    for start, end in _pieces(text):
        piece = text[start:end]
        if piece.isascii():  # folds one character to one
            folded_pieces.append(piece.lower())
            origins.extend(zip(range(start, end), range(start + 1, end + 1), strict=True))
        else:
            folded_piece = _fold_piece(piece)
            folded_pieces.append(folded_piece)
            origins.extend([(start, end)] * len(folded_piece))
    folded = _fold(text)
    if "".join(folded_pieces) != folded:  # not expected; keeps token_spans() == tokens() anyway
        return folded, [(0, len(text))] * len(folded)
    return folded, origins


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """`tokens(text)` with each token's start and end offsets in `text`, for highlighting."""
    if text.isascii():
        return [(m.group(), m.start(), m.end()) for m in _ASCII_WORD.finditer(text.lower())]
    folded, origins = _fold_with_origins(text)
    if _tables().cjk.search(folded):
        folded = _simplified(folded)
    spans: list[tuple[str, int, int]] = []
    for match in _tables().token.finditer(folded):
        if match.group(2):
            start, end = match.span(2)
            spans.append((match.group(2), origins[start][0], origins[end - 1][1]))
            continue
        start = match.start(1)
        for offset, gram in enumerate(_bigrams(match.group(1)), start=start):
            spans.append((gram, origins[offset][0], origins[offset + len(gram) - 1][1]))
    return spans


@dataclass(frozen=True)
class QueryUnit:
    """One word of a query: a single term, or the bigrams of a CJK run to match as a phrase.

    `single_cjk` marks a one-character CJK query, searched in the unigram field.
    """

    terms: tuple[str, ...]
    single_cjk: bool = False


def query_units(text: str) -> list[QueryUnit]:
    """A query (operators already stripped) as units, analysed exactly like indexed text."""
    return [
        QueryUnit((word,)) if word else QueryUnit(tuple(_bigrams(run)), single_cjk=len(run) == 1)
        for run, word in _tables().token.findall(normalise(text))
    ]
