"""Forms of the public site. They only collect values; the services decide and write."""

from __future__ import annotations

from typing import Any

import pycountry
from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from caravan.core.codes import country_name
from caravan.core.forms import LanguageMapFormField
from caravan.core.langmap import LanguageMapError, normalize_tag
from caravan.institutions.models import InstitutionType, validate_code

MAX_DOCUMENTS = 5
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def interface_language_tag() -> str:
    """The interface language as a BCP-47 tag for a language map (zh-hans → zh-Hans)."""
    try:
        return normalize_tag(get_language() or "en")
    except LanguageMapError:
        return "en"


def country_choices() -> list[tuple[str, str]]:
    language = get_language() or "en"
    names = [(c.alpha_2, country_name(c.alpha_2, language)) for c in pycountry.countries]
    return [("", "—"), *sorted(names, key=lambda pair: pair[1])]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)s documents."), params={"count": MAX_DOCUMENTS}
            )
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        for item in cleaned:
            if item.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(_("Each document may be at most 10 MB."))
        return cleaned


class ApplicationForm(forms.Form):
    institution_names = LanguageMapFormField(
        label=_("Name of the institution"),
        help_text=_("In as many languages as you like, one per row."),
    )
    institution_code = forms.CharField(
        label=_("Short code"),
        max_length=40,
        validators=[validate_code],
        help_text=_("Lower-case letters, digits and hyphens, e.g. dunhuang-academy."),
    )
    country = forms.ChoiceField(label=_("Country"))
    institution_type = forms.ChoiceField(label=_("Type"), choices=InstitutionType.choices)
    city = LanguageMapFormField(label=_("City"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    motivation = LanguageMapFormField(
        label=_("Why your institution wishes to join"), required=False
    )
    documents = MultipleFileField(
        label=_("Supporting documents"),
        required=False,
        help_text=_("Statutes, a letter of intent, an annual report: up to 5 files of 10 MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        if isinstance(country, forms.ChoiceField):
            country.choices = country_choices()
        if not self.is_bound:
            # the first row offers the reader's language, so most people just type
            for name in ("institution_names", "city", "motivation"):
                self.initial.setdefault(name, [(interface_language_tag(), "")])


class ReviewForm(forms.Form):
    note = LanguageMapFormField(label=_("Review for the council"))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The council's decision"),
        choices=[("accept", _("Admit")), ("reject", _("Do not admit"))],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting = LanguageMapFormField(label=_("Meeting"), required=False)
    text = LanguageMapFormField(label=_("Decision as minuted"), required=False)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    start_date = forms.DateField(
        label=_("Membership from"),
        required=False,
        help_text=_("Leave empty to start on the day of the decision."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())
            self.initial.setdefault("meeting", [(interface_language_tag(), "")])


class ResourceRequestForm(forms.Form):
    message = LanguageMapFormField(label=_("Message to the offering institution"), required=False)
