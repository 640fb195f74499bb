"""Template helpers that show language-map text in the reader's language, tagged with lang/dir."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from caravan.core.codes import country_name, rights_label
from caravan.core.langmap import LocalizedText, pick

register = template.Library()


def _reader_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


@register.simple_tag
def localized(
    language_map: Mapping[str, str] | None, record_language: str = ""
) -> LocalizedText | None:
    """{% localized obj.titles obj.language as title %}: title.text, .lang and .direction."""
    return pick(language_map, _reader_language(), record_language or None)


@register.simple_tag
def lt(
    language_map: Mapping[str, str] | None, record_language: str = "", fallback: str = ""
) -> SafeString:
    """The best text wrapped in a span that carries its own lang and dir; the text is escaped."""
    chosen = pick(language_map, _reader_language(), record_language or None)
    if chosen is None:
        return format_html("{}", fallback)
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', chosen.lang, chosen.direction, chosen.text
    )


@register.filter
def country(code: str) -> str:
    """An ISO 3166-1 code as the country's name in the interface language."""
    return country_name(code, _reader_language())


@register.filter
def year(value: int | None) -> str:
    """A year for display; negative years are BCE."""
    if value is None:
        return ""
    if value < 0:
        return gettext("%(year)s BCE") % {"year": -value}
    return str(value)


@register.filter
def get_item(mapping: Mapping[object, object] | None, key: object) -> object:
    """mapping|get_item:key — a dictionary look-up in a template."""
    return mapping.get(key) if mapping else None


@register.filter
def institution_type(value: str) -> str:
    """An institution type code as its translated label."""
    from caravan.institutions.models import InstitutionType

    return str(InstitutionType(value).label) if value in InstitutionType.values else value


@register.filter
def rights(uri: str) -> str:
    """A rights URI as its translated name (rightsstatements.org) or licence code (CC)."""
    return rights_label(uri)


@register.simple_tag
def lang_attributes(
    language_map: Mapping[str, str] | None, record_language: str = ""
) -> SafeString:
    """lang and dir attributes for a block element that shows the best text of a map."""
    chosen = pick(language_map, _reader_language(), record_language or None)
    if chosen is None:
        return format_html("")
    return format_html('lang="{}" dir="{}"', chosen.lang, chosen.direction)
