"""Form fields for language maps: one row per language, so registrars never edit raw JSON."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map

# Offered as suggestions; any valid BCP-47 tag is accepted.
SUGGESTED_TAGS = (
    "en",
    "zh-Hans",
    "zh-Hant",
    "ru",
    "ar",
    "fa",
    "hy",
    "kk",
    "ky",
    "uz",
    "tg",
    "tr",
    "az",
    "ka",
    "mn",
    "ur",
    "hi",
    "sr-Cyrl",
    "sr-Latn",
    "es",
    "fr",
    "de",
    "it",
    "ja",
    "ko",
    "el",
    "he",
)


class LanguageMapWidget(forms.Widget):
    template_name = "core/widgets/language_map.html"
    extra_rows = 1

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        pairs = list(_as_pairs(value)) + [("", "")] * self.extra_rows
        context["widget"]["rows"] = [
            {"tag": tag, "text": text, "long": len(text) > 80 or "\n" in text}
            for tag, text in pairs
        ]
        context["widget"]["suggested_tags"] = SUGGESTED_TAGS
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[tuple[str, str]]:
        tags = data.getlist(f"{name}__tag") if hasattr(data, "getlist") else []
        texts = data.getlist(f"{name}__text") if hasattr(data, "getlist") else []
        return [(tag.strip(), text) for tag, text in zip(tags, texts, strict=False)]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}__tag" not in data


class LanguageMapFormField(forms.Field):
    widget = LanguageMapWidget
    default_error_messages = {
        "missing_tag": _("Give the language of “%(text)s” (for example en, zh-Hans, ar)."),
        "duplicate_tag": _("The language %(tag)s is given twice."),
    }

    def to_python(self, value: Any) -> LanguageMap:
        pairs = [(tag, text) for tag, text in _as_pairs(value) if tag or text.strip()]
        for tag, text in pairs:
            if not tag:
                raise forms.ValidationError(
                    self.error_messages["missing_tag"],
                    code="missing_tag",
                    params={"text": text[:40]},
                )
        tags = [tag.lower() for tag, _ in pairs]
        duplicates = {tag for tag in tags if tags.count(tag) > 1}
        if duplicates:
            raise forms.ValidationError(
                self.error_messages["duplicate_tag"],
                code="duplicate_tag",
                params={"tag": ", ".join(sorted(duplicates))},
            )
        try:
            return clean_language_map(dict(pairs))
        except LanguageMapError as error:
            raise forms.ValidationError(str(error), code="invalid_language_map") from error

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != clean_language_map(dict(_as_pairs(initial)))
        except (forms.ValidationError, LanguageMapError):
            return True


def _as_pairs(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return []
    if isinstance(value, dict):
        return [(str(tag), str(text)) for tag, text in value.items()]
    if isinstance(value, list | tuple):
        return [(str(tag), str(text)) for tag, text in value]
    return []
