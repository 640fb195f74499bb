"""The period gazetteer: dynasties, reigns and cultures that records name instead of years.

The periods are data (``data/periods.toml``), loaded once. `Gazetteer.find` matches a whole
label in any of the gazetteer's languages, with or without the words catalogues wrap names in
("Qing dynasty", "清代", "династия Цин", "دودمان چینگ", "سلالة تشينغ"). A name that belongs to
more than one period ("Jin", "Цзинь") finds nothing: a wrong period is worse than none.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

GAZETTEER_FILE = Path(__file__).resolve().parent / "data" / "periods.toml"
LANGUAGES = ("zh-Hans", "zh-Hant", "en", "ru", "ar", "fa", "hy")


@dataclass(frozen=True)
class Period:
    """A named span of years; BCE years are negative."""

    id: str
    earliest: int
    latest: int
    labels: Mapping[str, tuple[str, ...]]
    parent: str | None = None
    region: str = ""

    def label(self, lang: str = "en") -> str:
        """The preferred label in a language, else the English one."""
        names = self.labels.get(lang) or self.labels.get("en") or (self.id,)
        return names[0]

    def contains(self, earliest: int, latest: int) -> bool:
        return self.earliest <= earliest and latest <= self.latest

    @property
    def span(self) -> int:
        return self.latest - self.earliest


# Words wrapped around a period's name, by position. Longer forms come first so that
# "mark and period" goes before "period".
_PREFIXES = (
    "the ",
    "period of ",
    "девиз правления ",
    "династия ",
    "период ",
    "эпоха ",
    "империя ",
    "царство ",
    "سلالة ",
    "السلالة ",
    "الأسرة ",
    "أسرة ",
    "عهد ",
    "العصر ",
    "عصر ",
    "الفترة ",
    "فترة ",
    "الدولة ",
    "دولة ",
    "حقبة ",
    "دودمان ",
    "دورهٔ ",
    "دوره ",
    "سلسلهٔ ",
    "سلسله ",
    "خاندان ",
    "دولت ",
)
_SUFFIXES = (
    " mark and period",
    " dynasties",
    " dynasty",
    " period",
    " era",
    " reign",
    " culture",
    " times",
    " период",
    " династия",
    " эпоха",
    " դինաստիա",
    " ժամանակաշրջան",
    " դարաշրջան",
    " շրջան",
    "年制",
    "年间",
    "年間",
    "时期",
    "時期",
    "时代",
    "時代",
    "文化",
    "王朝",
    "朝",
    "代",
)

# Persian and Arabic spell the same letters with different code points; Persian text often
# joins or splits words with a zero-width non-joiner. Apostrophes stay: in Wade-Giles they
# tell Ch'in (Qin) from Chin (Jin).
_LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ـ": None,
        "\u200c": " ",
        "\u200d": None,
        "’": "'",
        "ʻ": "'",
        "ʼ": "'",
        "‘": "'",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        ".": " ",
        ",": " ",
    }
)
_SPACES = re.compile(r"\s+")


def normalise_label(text: str) -> str:
    """A label as compared: NFKC, case-folded, Arabic/Persian letters unified, single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_LETTER_VARIANTS)
    return _SPACES.sub(" ", folded).strip()


def strip_affixes(normalised: str) -> str:
    """A normalised label without the words around the name ("qing dynasty" → "qing")."""
    previous = None
    text = normalised
    while text != previous:
        previous = text
        for prefix in _PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix) :].strip()
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)].strip()
    return text


def _key(normalised: str) -> str:
    # Spaces vary too much to compare ("Yung-lo", "Yung lo", "یونگ‌له", "یونگ له").
    return normalised.replace(" ", "")


def _primary_language(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


class Gazetteer:
    """The periods, by id and by every label in every language."""

    def __init__(self, periods: Iterable[Period]) -> None:
        self._periods = {period.id: period for period in periods}
        self._exact: dict[str, list[tuple[str, str]]] = {}
        self._stripped: dict[str, list[tuple[str, str]]] = {}
        for period in self._periods.values():
            for lang, names in period.labels.items():
                for name in names:
                    self._index(period.id, lang, normalise_label(name))

    def _index(self, period_id: str, lang: str, normalised: str) -> None:
        entry = (_primary_language(lang), period_id)
        self._exact.setdefault(_key(normalised), []).append(entry)
        self._stripped.setdefault(_key(strip_affixes(normalised)), []).append(entry)

    def get(self, period_id: str) -> Period | None:
        return self._periods.get(period_id)

    def all(self) -> tuple[Period, ...]:
        return tuple(self._periods.values())

    def __len__(self) -> int:
        return len(self._periods)

    def find(self, text: str, lang: str | None = None) -> Period | None:
        """The one period a whole label names, or None when none or several match.

        A label in `lang` wins over the same spelling in another language; without a match in
        `lang` every language is tried.
        """
        normalised = normalise_label(text)
        if not normalised:
            return None
        exact = self._exact.get(_key(normalised))
        if exact:
            return self._only(exact, lang)
        stripped = self._stripped.get(_key(strip_affixes(normalised)))
        return self._only(stripped, lang) if stripped else None

    def _only(self, entries: list[tuple[str, str]], lang: str | None) -> Period | None:
        if lang:
            wanted = _primary_language(lang)
            in_language = {period_id for language, period_id in entries if language == wanted}
            if in_language:
                return self._periods[in_language.pop()] if len(in_language) == 1 else None
        ids = {period_id for _, period_id in entries}
        return self._periods[ids.pop()] if len(ids) == 1 else None

    def ancestors(self, period: Period) -> tuple[Period, ...]:
        """The period's parent, grandparent… nearest first."""
        chain: list[Period] = []
        current = period
        while current.parent and (parent := self._periods.get(current.parent)):
            chain.append(parent)
            current = parent
        return tuple(chain)


def _period_from_data(data: Mapping[str, Any]) -> Period:
    labels = {lang: tuple(names) for lang, names in data["labels"].items()}
    return Period(
        id=data["id"],
        earliest=int(data["earliest"]),
        latest=int(data["latest"]),
        labels=labels,
        parent=data.get("parent"),
        region=data.get("region", ""),
    )


def load_gazetteer(path: Path = GAZETTEER_FILE) -> Gazetteer:
    """Read a gazetteer file (TOML, one ``[[period]]`` table per period)."""
    with path.open("rb") as stream:
        data = tomllib.load(stream)
    return Gazetteer(_period_from_data(entry) for entry in data["period"])


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with Caravan, read once per process."""
    return load_gazetteer()
