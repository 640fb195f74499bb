from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from caravan.accounts.admin_scoping import (
    URL_FIELDS_ASSUME_HTTPS,
    InstitutionScopedAdmin,
    SecretariatOnlyAdmin,
)
from caravan.accounts.permissions import (
    can_edit_institution_records,
    institution_id_of,
    is_secretariat,
)
from caravan.catalogue.media import (
    image_inspect,
    media_delete,
    media_image_remove,
    media_image_store,
)
from caravan.catalogue.models import (
    CatalogueObject,
    Concept,
    ConceptScheme,
    ObjectAgent,
    ObjectMedia,
    ObjectTerm,
)


class ObjectTermInline(admin.TabularInline[Any, Any]):
    model = ObjectTerm
    extra = 0
    fields = ("field", "text", "lang", "concept", "position")
    raw_id_fields = ("concept",)


class ObjectAgentInline(admin.TabularInline[Any, Any]):
    model = ObjectAgent
    extra = 0
    fields = ("kind", "names", "role", "uri", "position")


def _media_form_field(field: Any, **options: Any) -> Any:
    # Links are https unless they say otherwise (Django 6's default, chosen now).
    if isinstance(field, models.URLField):
        options.setdefault("assume_scheme", "https")
    return field.formfield(**options)


class ObjectMediaForm(forms.ModelForm[ObjectMedia]):
    """A media row; an uploaded image is checked and stored by caravan.catalogue.media."""

    class Meta:
        model = ObjectMedia
        formfield_callback = _media_form_field
        fields = (
            "image_file",
            "image_url",
            "iiif_service",
            "thumbnail_url",
            "caption",
            "rights",
            "position",
        )

    def clean_image_file(self) -> Any:
        upload = self.cleaned_data.get("image_file")
        if upload and "image_file" in self.changed_data:
            image_inspect(upload)  # the same checks as media_upload, shown on the form
        return upload

    def save(self, commit: bool = True) -> ObjectMedia:
        if not commit or "image_file" not in self.changed_data:
            return super().save(commit)
        upload = self.cleaned_data.get("image_file")
        if not upload:  # "clear" was ticked
            media_image_remove(media=self.instance)
            return super().save(commit)
        media_image_store(media=super().save(commit=False), file=upload)
        return self.instance


class ObjectMediaFormSet(forms.BaseInlineFormSet):
    def delete_existing(self, obj: ObjectMedia, commit: bool = True) -> None:
        if commit:
            media_delete(media=obj)


class ObjectMediaInline(admin.TabularInline[Any, Any]):
    model = ObjectMedia
    form = ObjectMediaForm
    formset = ObjectMediaFormSet
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    extra = 0
    fields = (
        "image_file",
        "image_url",
        "iiif_service",
        "thumbnail_url",
        "caption",
        "rights",
        "position",
        "hosted_id",
        "width",
        "height",
    )
    readonly_fields = ("hosted_id", "width", "height")

    # An object's media follow the object's rule (its institution's editors and the
    # secretariat), not Django's per-model permissions, which editors are not given.
    def _may_edit(self, request: HttpRequest, obj: CatalogueObject | None) -> bool:
        user = request.user
        if obj is None or obj.pk is None:
            return is_secretariat(user) or institution_id_of(user) is not None
        return can_edit_institution_records(user, obj.institution_id)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request, obj)


@admin.register(CatalogueObject)
class CatalogueObjectAdmin(InstitutionScopedAdmin):
    list_display = (
        "local_id",
        "__str__",
        "institution",
        "visibility",
        "earliest_year",
        "updated_at",
    )
    list_filter = (
        "visibility",
        ("withdrawn_at", admin.EmptyFieldListFilter),
        "institution",
        "source_format",
        "language",
    )
    search_fields = ("local_id", "titles")
    list_select_related = ("institution",)
    readonly_fields = (
        "content_hash",
        "ingested_at",
        "created_at",
        "updated_at",
        "raw_record",
        "withdrawn_at",
        "source_identifier",
    )
    inlines = [ObjectTermInline, ObjectAgentInline, ObjectMediaInline]
    fieldsets = (
        (None, {"fields": ("institution", "local_id", "language", "visibility")}),
        ("Description", {"fields": ("titles", "descriptions", "inscriptions", "dimensions")}),
        (
            "Production",
            {
                "fields": (
                    "production_place",
                    "production_place_uri",
                    "date_display",
                    "earliest_year",
                    "latest_year",
                )
            },
        ),
        ("Rights and credit", {"fields": ("rights", "credit_line", "web_page")}),
        (
            "Record provenance",
            {
                "classes": ["collapse"],
                "fields": (
                    "source_name",
                    "source_format",
                    "source_identifier",
                    "withdrawn_at",
                    "content_hash",
                    "ingested_at",
                    "created_at",
                    "updated_at",
                    "raw_record",
                ),
            },
        ),
    )


@admin.register(ConceptScheme)
class ConceptSchemeAdmin(SecretariatOnlyAdmin):
    list_display = ("code", "uri")
    search_fields = ("code", "titles")


@admin.register(Concept)
class ConceptAdmin(SecretariatOnlyAdmin):
    list_display = ("notation", "__str__", "scheme")
    list_filter = ("scheme",)
    search_fields = ("notation", "pref_labels", "uri")
    list_select_related = ("scheme",)
