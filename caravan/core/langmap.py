"""Language maps: the one way Caravan stores human text.

A language map holds one text per BCP-47 tag, e.g. ``{"en": "Bronze mirror", "zh-Hant": "銅鏡"}``.
`pick` chooses the text a reader should see and says which language it is in, so a template can
set ``lang`` and ``dir`` on the element that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import langcodes

LanguageMap = dict[str, str]

RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend", "Yezi"}
)


class LanguageMapError(ValueError):
    """A language map that cannot be stored: a bad tag or a value that is not text."""


@dataclass(frozen=True, slots=True)
class LocalizedText:
    text: str
    lang: str

    @property
    def direction(self) -> str:
        return text_direction(self.lang)

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=4096)
def normalize_tag(tag: str) -> str:
    """The canonical spelling of a BCP-47 tag (``zh-hant`` → ``zh-Hant``); raises on a bad tag."""
    cleaned = tag.strip().replace("_", "-")
    if not cleaned or not langcodes.tag_is_valid(cleaned):
        raise LanguageMapError(f"'{tag}' is not a valid BCP-47 language tag")
    return str(langcodes.standardize_tag(cleaned))


@lru_cache(maxsize=4096)
def _language_and_script(tag: str) -> tuple[str, str]:
    """The primary language and its (explicit or most likely) script: zh-TW → ('zh', 'Hant')."""
    try:
        language = langcodes.Language.get(tag).maximize()
    except (ValueError, LookupError):
        return tag.split("-", 1)[0].lower(), ""
    return (language.language or "").lower(), language.script or ""


def text_direction(tag: str) -> str:
    """'rtl' for languages written right to left (Arabic, Persian, Hebrew…), else 'ltr'."""
    return "rtl" if _language_and_script(tag)[1] in RIGHT_TO_LEFT_SCRIPTS else "ltr"


def clean_language_map(value: Any) -> LanguageMap:
    """Validate and normalise a language map: canonical tags, stripped text, no empty values."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LanguageMapError("a language map must be an object of language tag → text")
    cleaned: LanguageMap = {}
    for tag, text in value.items():
        if not isinstance(tag, str):
            raise LanguageMapError(f"language tag {tag!r} is not text")
        if not isinstance(text, str):
            raise LanguageMapError(f"the value for '{tag}' is not text")
        stripped = text.strip()
        if stripped:
            cleaned[normalize_tag(tag)] = stripped
    return cleaned


def pick(
    language_map: Mapping[str, str] | None,
    reader_language: str,
    record_language: str | None = None,
) -> LocalizedText | None:
    """The best text of a language map for a reader, or None when the map is empty.

    Order: the reader's exact tag; the same language in the same script; the same language in
    another script (Simplified ⇄ Traditional Chinese, Latin ⇄ Cyrillic Serbian); the record's own
    language; then the first text the map holds.
    """
    if not language_map:
        return None
    tags = list(language_map)
    chosen = (
        _exact(tags, reader_language)
        or _same_language(tags, reader_language, same_script=True)
        or _same_language(tags, reader_language, same_script=False)
        or (_exact(tags, record_language) if record_language else None)
        or tags[0]
    )
    return LocalizedText(text=language_map[chosen], lang=chosen)


def _exact(tags: Iterable[str], wanted: str) -> str | None:
    wanted_folded = wanted.lower()
    return next((tag for tag in tags if tag.lower() == wanted_folded), None)


def _same_language(tags: Iterable[str], wanted: str, *, same_script: bool) -> str | None:
    wanted_language, wanted_script = _language_and_script(wanted)
    for tag in tags:
        language, script = _language_and_script(tag)
        if language == wanted_language and (script == wanted_script) == same_script:
            return tag
    return None


def languages_of(language_maps: Iterable[Mapping[str, str] | None]) -> set[str]:
    """Every language tag used across some language maps."""
    return {tag for language_map in language_maps if language_map for tag in language_map}


def display_text(language_map: Mapping[str, str] | None, fallback: str) -> str:
    """The map's text in the active interface language (for __str__ and admin lists)."""
    from django.utils.translation import get_language

    chosen = pick(language_map, get_language() or "en")
    return chosen.text if chosen else fallback
