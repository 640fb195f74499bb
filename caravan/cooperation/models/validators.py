"""Validators for the JSON list fields of cooperation records."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from caravan.core.langmap import LanguageMapError, normalize_tag


def validate_language_tags(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValidationError(_("Give a list of language tags."), code="invalid_tags")
    for tag in value:
        try:
            normalize_tag(tag)
        except LanguageMapError as error:
            raise ValidationError(str(error), code="invalid_tag") from error


@deconstructible
class ChoiceListValidator:
    """A JSON list whose every item is one of a set of choices (scope tags, formats)."""

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = list(allowed)

    def __call__(self, value: object) -> None:
        if not isinstance(value, list) or not set(value) <= set(self.allowed):
            raise ValidationError(
                _("Choose from: %(choices)s."),
                code="invalid_choice",
                params={"choices": ", ".join(self.allowed)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and other.allowed == self.allowed

    def __hash__(self) -> int:
        return hash(tuple(self.allowed))
