"""Forms of the exhibition and loan pages. They only collect and shape values; the services in
caravan.exhibitions.services decide and write, and their refusals are shown on the same form.

Every human text is a language map (one row per language), prefilled with the interface
language so that most people just type.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from caravan.accounts.models import User
from caravan.core.forms import LanguageMapFormField, LanguageMapWidget
from caravan.exhibitions.models import (
    ChecklistItem,
    Checkpoint,
    ConditionGrade,
    FacilityReport,
    LoanObject,
    ObjectDecision,
    Venue,
)
from caravan.exhibitions.services.reports import FACILITY_FIELDS
from caravan.institutions.models import Alliance, Institution, Person, validate_code
from caravan.web.forms import country_choices, interface_language_tag

MAX_PHOTOS = 10
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LanguageFormMixin:
    """Offers the reader's language in the first row of each empty language map."""

    language_fields: tuple[str, ...] = ()

    def offer_interface_language(self) -> None:
        form: Any = self
        if form.is_bound:
            return
        for name in self.language_fields:
            if name in form.fields and not form.initial.get(name):
                form.initial[name] = [(interface_language_tag(), "")]


class OneLanguageWidget(LanguageMapWidget):
    """A language map of one row (a comment, a reason): the reader's language, changeable."""

    extra_rows = 0

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if not context["widget"]["rows"]:
            context["widget"]["rows"] = [
                {"tag": interface_language_tag(), "text": "", "long": False}
            ]
        return context


def one_language(**kwargs: Any) -> LanguageMapFormField:
    return LanguageMapFormField(widget=OneLanguageWidget, **kwargs)


def _fields(model: Any, names: tuple[str, ...]) -> dict[str, forms.Field]:
    return forms.fields_for_model(model, fields=list(names), widgets=_date_widgets(model, names))


def _date_widgets(
    model: Any, names: tuple[str, ...]
) -> dict[str, type[forms.Widget] | forms.Widget]:
    from django.db import models

    return {
        name: DATE_INPUT
        for name in names
        if isinstance(model._meta.get_field(name), models.DateField)
    }


# --- Exhibitions --------------------------------------------------------------------------------


def institutions() -> QuerySet[Institution]:
    return Institution.objects.order_by("code")


class ExhibitionTextsForm(LanguageFormMixin, forms.Form):
    language_fields = ("titles", "subtitles", "description", "theme", "budget_notes")

    titles = LanguageMapFormField(label=_("Title"))
    subtitles = LanguageMapFormField(label=_("Subtitle"), required=False)
    description = LanguageMapFormField(label=_("Description"), required=False)
    theme = LanguageMapFormField(label=_("Theme"), required=False)
    budget_notes = LanguageMapFormField(
        label=_("Budget notes"),
        required=False,
        help_text=_("Seen by the organisers only, never on public pages."),
    )
    alliance = forms.ModelChoiceField(
        label=_("Alliance"), queryset=Alliance.objects.order_by("code"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_interface_language()


class ExhibitionCreateForm(ExhibitionTextsForm):
    code = forms.CharField(
        label=_("Short code"),
        max_length=40,
        validators=[validate_code],
        help_text=_("Lower-case letters, digits and hyphens; it becomes the page's address."),
    )
    lead_organiser = forms.ModelChoiceField(label=_("Lead organiser"), queryset=institutions())
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"), queryset=institutions(), required=False
    )
    field_order = ["code", "titles", "subtitles", "lead_organiser", "co_organisers", "alliance"]

    def __init__(self, *args: Any, own_institution: Institution | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if own_institution is not None:
            # The staff of an institution start exhibitions their own institution leads.
            del self.fields["lead_organiser"]
            co = self.fields["co_organisers"]
            if isinstance(co, forms.ModelMultipleChoiceField):
                co.queryset = institutions().exclude(pk=own_institution.pk)


def curator_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True, is_staff=True).order_by(
        "institution__code", "username"
    )


class CuratorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.institution})" if obj.institution_id else str(name)


class TeamForm(forms.Form):
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"), queryset=institutions(), required=False
    )
    curators = CuratorsField(
        label=_("Curators (users)"),
        queryset=curator_users(),
        required=False,
        help_text=_("They edit the exhibition and hear of every move of its loans."),
    )
    curator_people = forms.ModelMultipleChoiceField(
        label=_("Curators (people)"), queryset=Person.objects.order_by("id"), required=False
    )

    def __init__(self, *args: Any, lead: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        co = self.fields["co_organisers"]
        if isinstance(co, forms.ModelMultipleChoiceField):
            co.queryset = institutions().exclude(pk=lead.pk)


class ExhibitionStatusForm(forms.Form):
    to = forms.CharField(max_length=20)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)


# --- Venues -------------------------------------------------------------------------------------


class VenueForm(LanguageFormMixin, forms.Form):
    language_fields = ("place_name", "city")

    institution = forms.ModelChoiceField(
        label=_("Member institution"),
        queryset=institutions(),
        required=False,
        help_text=_("Or name the place below; its city and country are taken when left empty."),
    )
    place_name = LanguageMapFormField(label=_("Place"), required=False)
    city = LanguageMapFormField(label=_("City"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        if isinstance(country, forms.ChoiceField):
            country.choices = country_choices()
        self.offer_interface_language()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("A venue cannot close before it opens."))
        if not data.get("institution") and not data.get("place_name"):
            self.add_error("place_name", _("Name the institution or the place."))
        return data


def venue_initial(venue: Venue) -> dict[str, Any]:
    return {
        "institution": venue.institution_id,
        "place_name": venue.place_name,
        "city": venue.city,
        "country": venue.country,
        "opens_on": venue.opens_on,
        "closes_on": venue.closes_on,
    }


class AttendanceForm(forms.Form):
    attendance = forms.IntegerField(label=_("Visitors"), min_value=0)


class FacilityReportForm(LanguageFormMixin, forms.Form):
    language_fields = ("notes",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_fields(FacilityReport, FACILITY_FIELDS))
        self.offer_interface_language()

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields as a facility report reads: security, fire, climate, light and access."""
        layout = [
            (_("Security"), ("guards_24h", "intruder_alarm", "cctv", "cases_alarmed")),
            (_("Fire"), ("fire_detection", "fire_suppression")),
            (
                _("Climate"),
                (
                    "temperature_min_c",
                    "temperature_max_c",
                    "humidity_min",
                    "humidity_max",
                    "climate_logged",
                ),
            ),
            (_("Light and access"), ("light_max_lux", "uv_filtered", "loading_dock", "notes")),
        ]
        return [(str(title), [self[name] for name in names]) for title, names in layout]


# --- Checklist ----------------------------------------------------------------------------------

CHECKLIST_FIELDS = (
    "section",
    "position",
    "catalogue_number",
    "label",
    "light_max_lux",
    "temperature_min_c",
    "temperature_max_c",
    "humidity_min",
    "humidity_max",
    "mount",
    "display_notes",
)


class ChecklistItemForm(LanguageFormMixin, forms.Form):
    language_fields = ("section", "label", "mount", "display_notes")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_fields(ChecklistItem, CHECKLIST_FIELDS))
        self.offer_interface_language()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for low, high in (
            ("temperature_min_c", "temperature_max_c"),
            ("humidity_min", "humidity_max"),
        ):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, _("The upper end is below the lower end."))
        return data


def checklist_initial(item: ChecklistItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in CHECKLIST_FIELDS}


# --- Loans --------------------------------------------------------------------------------------


class LoanMoveForm(LanguageFormMixin, forms.Form):
    """One move of a loan, with its comment (and the lender's conditions, on approval)."""

    language_fields = ("comment", "conditions")

    to = forms.CharField(widget=forms.HiddenInput, max_length=20)
    comment = one_language(label=_("Comment"), required=False)
    conditions = one_language(
        label=_("Conditions of the loan"),
        required=False,
        help_text=_("What the borrower must respect: display, handling, photography…"),
    )

    def __init__(self, *args: Any, with_conditions: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_conditions:
            del self.fields["conditions"]
        self.offer_interface_language()


class ObjectDecisionForm(LanguageFormMixin, forms.Form):
    """The lender's decision on one object, sent with the approval (prefix: the loan object)."""

    language_fields = ("reason",)

    # Not required: an object left without a choice keeps its decision as it stands.
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ObjectDecision.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reason = one_language(
        label=_("Reason"), required=False, help_text=_("Required when the object is declined.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_interface_language()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == ObjectDecision.DECLINED and not data.get("reason"):
            self.add_error("reason", _("Say why the object is declined."))
        return data


TERMS_FIELDS = (
    "insurance_value",
    "insurance_currency",
    "courier_required",
    "courier_notes",
    "credit_line",
)


class LoanTermsForm(LanguageFormMixin, forms.Form):
    language_fields = ("courier_notes", "credit_line")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_fields(LoanObject, TERMS_FIELDS))
        currency = self.fields["insurance_currency"]
        currency.widget.attrs.update({"size": 4, "maxlength": 3, "dir": "ltr"})
        self.offer_interface_language()

    def clean_insurance_currency(self) -> str:
        return str(self.cleaned_data.get("insurance_currency") or "").strip().upper()


def terms_initial(loan_object: LoanObject) -> dict[str, Any]:
    return {name: getattr(loan_object, name) for name in TERMS_FIELDS}


class LoanVenuesForm(forms.Form):
    venues = forms.ModelMultipleChoiceField(
        label=_("Venues"), queryset=Venue.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, exhibition_venues: QuerySet[Venue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["venues"]
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.queryset = exhibition_venues


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Several photographs at once; each is checked to be an image (the service checks again)."""

    widget = MultiplePhotoInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("Attach at most %(count)s photographs."), params={"count": MAX_PHOTOS}
            )
        return [super(PhotosField, self).clean(item, initial) for item in files]


class ConditionReportForm(LanguageFormMixin, forms.Form):
    language_fields = ("notes",)

    checkpoint = forms.ChoiceField(label=_("Checkpoint"))
    grade = forms.ChoiceField(label=_("Condition"), choices=ConditionGrade.choices)
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("For arrival and departure: which stop of the itinerary."),
    )
    reported_on = forms.DateField(label=_("Examined on"), widget=DATE_INPUT, required=False)
    notes = LanguageMapFormField(label=_("Notes"), required=False)
    photos = PhotosField(label=_("Photographs"), required=False)

    def __init__(
        self,
        *args: Any,
        checkpoints: list[str],
        loan_venues: QuerySet[Venue],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        checkpoint = self.fields["checkpoint"]
        if isinstance(checkpoint, forms.ChoiceField):
            checkpoint.choices = [(c, Checkpoint(c).label) for c in checkpoints]
        venue = self.fields["venue"]
        if isinstance(venue, forms.ModelChoiceField):
            venue.queryset = loan_venues
        self.offer_interface_language()
