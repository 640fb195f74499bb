from typing import Any

from django.contrib import admin

from caravan.accounts.admin_scoping import InstitutionScopedAdmin, SecretariatOnlyAdmin
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


class ObjectMediaInline(admin.TabularInline[Any, Any]):
    model = ObjectMedia
    extra = 0
    fields = ("image_url", "iiif_service", "thumbnail_url", "caption", "rights", "position")


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
