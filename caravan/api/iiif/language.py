"""Caravan's language maps as IIIF language maps, and interface labels in every UI language.

Both use BCP-47 tags; IIIF wants a list of strings per tag and `none` for text in no language,
which Caravan tags `und` (undetermined) or `zxx` (no linguistic content).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape

from caravan.core.langmap import normalize_tag

IIIFLanguageMap = dict[str, list[str]]

_NO_LANGUAGE = {"und", "zxx", ""}


def iiif_tag(tag: str) -> str:
    return "none" if tag in _NO_LANGUAGE else tag


def language_map(texts: Mapping[str, str] | None) -> IIIFLanguageMap:
    """{"zh-Hans": "铜镜"} → {"zh-Hans": ["铜镜"]}; untagged text under "none"."""
    return merged([texts or {}])


def merged(maps: Iterable[Mapping[str, str]]) -> IIIFLanguageMap:
    """Several language maps as one, each language listing its texts in order, once each."""
    result: IIIFLanguageMap = {}
    for texts in maps:
        for tag, text in texts.items():
            if not text:
                continue
            values = result.setdefault(iiif_tag(tag), [])
            value = plain_text(text)
            if value not in values:
                values.append(value)
    return result


def plain_text(text: str) -> str:
    """Record text as IIIF reads it. A value that starts with '<' and ends with '>' is taken
    for HTML by viewers; record text never is, so such a value is given as escaped text in a
    span, which shows exactly the original characters."""
    if text.startswith("<") and text.endswith(">"):
        return f"<span>{escape(text)}</span>"
    return text


def ui_label(message: str | Promise) -> IIIFLanguageMap:
    """An interface string in every UI language it is translated into (English always)."""
    return ui_texts(lambda: str(message))


def ui_texts(make: Callable[[], str]) -> IIIFLanguageMap:
    """A text made once per UI language (e.g. a formatted, translated phrase), tagged with the
    language; languages whose result is still the English text are left out."""
    with translation.override("en"):
        english = make()
    result: IIIFLanguageMap = {"en": [english]}
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        with translation.override(code):
            text = make()
        if text != english:
            result[normalize_tag(code)] = [text]
    return result
