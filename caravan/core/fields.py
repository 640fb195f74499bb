"""Model fields shared by every domain."""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from caravan.core.langmap import LanguageMapError, clean_language_map


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Stores non-Latin text as itself rather than \\u escapes, so SQLite can search it too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class LanguageMapField(models.JSONField):
    """Human text as a language map (BCP-47 tag → text), validated on every model clean."""

    description = "Text in several languages, one value per BCP-47 tag"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("encoder", UnicodeJSONEncoder)
        super().__init__(*args, **kwargs)

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        try:
            clean_language_map(value)
        except LanguageMapError as error:
            raise ValidationError(str(error), code="invalid_language_map") from error

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        from caravan.core.forms import LanguageMapFormField

        # Skip JSONField.formfield, which would force a raw JSON text box.
        return models.Field.formfield(self, form_class=form_class or LanguageMapFormField, **kwargs)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            # validate() reports a bad map; storing it as given then loses nothing
            with contextlib.suppress(LanguageMapError):
                value = clean_language_map(value)
        return super().get_prep_value(value)
