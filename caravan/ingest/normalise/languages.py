"""Language codes and names as found in records → canonical BCP-47 tags."""

from __future__ import annotations

from functools import lru_cache

import langcodes

from caravan.core.langmap import LanguageMapError, normalize_tag

# Tags that say "no language" or "unknown" rather than naming one.
_NOT_A_LANGUAGE = frozenset({"und", "zxx"})

# Language names sometimes given instead of codes (dc:language "English", "中文").
_NAMES = {
    "english": "en",
    "chinese": "zh",
    "mandarin": "zh",
    "russian": "ru",
    "arabic": "ar",
    "persian": "fa",
    "farsi": "fa",
    "armenian": "hy",
    "french": "fr",
    "german": "de",
    "italian": "it",
    "spanish": "es",
    "turkish": "tr",
    "japanese": "ja",
    "korean": "ko",
    "kazakh": "kk",
    "uzbek": "uz",
    "mongolian": "mn",
    "georgian": "ka",
    "greek": "el",
    "dutch": "nl",
    "中文": "zh",
    "汉语": "zh",
    "漢語": "zh",
    "简体中文": "zh-Hans",
    "繁體中文": "zh-Hant",
    "русский": "ru",
    "العربية": "ar",
    "فارسی": "fa",
    "հայերեն": "hy",
}


@lru_cache(maxsize=2048)
def to_bcp47(code: str) -> str | None:
    """The canonical BCP-47 tag for an ISO 639-1/2/3 code, a tag or a common language name.

    ``fre`` → ``fr``, ``zh_CN`` → ``zh-CN``, ``ZH-hant`` → ``zh-Hant``, ``cmn-Hans`` →
    ``zh-Hans``; None for anything that names no language ("und", "zxx", garbage).
    """
    cleaned = (code or "").strip()
    if not cleaned:
        return None
    named = _NAMES.get(cleaned.casefold())
    if named:
        return named
    try:
        tag = normalize_tag(cleaned)
    except LanguageMapError:
        return None
    # Mandarin and the other Chinese varieties are stored under the macrolanguage "zh", the tag
    # readers' browsers and Caravan's language maps use.
    tag = str(langcodes.standardize_tag(tag, macro=True))
    if tag.split("-", 1)[0].lower() in _NOT_A_LANGUAGE or tag.startswith("x-"):
        return None
    return tag
