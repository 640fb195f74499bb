"""Named transforms and language detectors that a mapping file's sources refer to by name.

Third-party code may add its own with `register_transform` / `register_language_detector`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

TextFunction = Callable[[str], str | None]
Transform = TextFunction  # a text becomes another text, or nothing
LanguageDetector = TextFunction  # a text gives its language tag, or None when not its language

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

TRANSFORMS: dict[str, Transform] = {}
LANGUAGE_DETECTORS: dict[str, LanguageDetector] = {}


def _registrar(
    registry: dict[str, TextFunction], name: str
) -> Callable[[TextFunction], TextFunction]:
    def register(function: TextFunction) -> TextFunction:
        registry[name] = function
        return function

    return register


def register_transform(name: str) -> Callable[[Transform], Transform]:
    """A decorator making a function usable as `transform = "<name>"` in mapping files."""
    return _registrar(TRANSFORMS, name)


def register_language_detector(name: str) -> Callable[[LanguageDetector], LanguageDetector]:
    """A decorator making a function usable as `lang = "<name>"` in mapping files."""
    return _registrar(LANGUAGE_DETECTORS, name)


@register_transform("lower")
def _lower(value: str) -> str:
    return value.lower()


@register_transform("first-segment")
def _first_segment(value: str) -> str:
    """`Feature films/Feature films - China` → `Feature films`."""
    return value.split("/", 1)[0].strip()


@register_transform("last-segment")
def _last_segment(value: str) -> str:
    return value.rsplit("/", 1)[-1].strip()


@register_transform("before-last-comma")
def _before_last_comma(value: str) -> str:
    """`Zhang Junzhao, director` → `Zhang Junzhao` (the whole text when there is no comma)."""
    return value.rpartition(", ")[0].strip() if ", " in value else value


@register_transform("after-last-comma")
def _after_last_comma(value: str) -> str | None:
    return value.rpartition(", ")[2].strip() if ", " in value else None


@register_transform("drop-han")
def _drop_han(value: str) -> str | None:
    """Drop a value written in Chinese characters (to keep the Latin parts of a parallel title)."""
    return None if HAN.search(value) else value


_LEADING_YEAR = re.compile(r"-?\d{1,4}")


@register_transform("year")
def _year_transform(value: str) -> str | None:
    """The first whole number of up to four digits ("1961", "c.1961" → "1961"), else nothing."""
    match = _LEADING_YEAR.search(value)
    return match.group() if match else None


@register_transform("uninvert-name")
def _uninvert_name(value: str) -> str:
    """`Blake, Robert` → `Robert Blake`; a name with no comma or several is kept as it is."""
    parts = [part.strip() for part in value.split(",")]
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 and all(parts) else value


_GROUP_NAME = re.compile(r"&| and |family|collective|;", re.IGNORECASE)


@register_transform("agent-kind-from-name")
def _agent_kind_from_name(name: str) -> str:
    """A guess from a name alone: 'School' is a culture, 'X & Y' or 'family' a group."""
    if "school" in name.lower():
        return "culture"
    return "group" if _GROUP_NAME.search(name) else "person"


def _encodes(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=65536)
def _script_vote(character: str) -> int:
    """+1 for a Simplified-only character (GB 2312), -1 for Traditional-only (Big5), else 0."""
    return _encodes(character, "gb2312") - _encodes(character, "big5")


@register_language_detector("detect-han")
def detect_han(text: str) -> str | None:
    """zh-Hans or zh-Hant when the distinguishing characters all point one way, else zh.

    Text without Chinese characters is not this detector's: it returns None and the value is
    left out. Characters in both GB 2312 and Big5 (or neither) say nothing about the script.
    """
    characters = HAN.findall(text)
    if not characters:
        return None
    votes = [_script_vote(character) for character in characters]
    simplified, traditional = votes.count(1), votes.count(-1)
    if simplified and not traditional:
        return "zh-Hans"
    if traditional and not simplified:
        return "zh-Hant"
    return "zh"
