"""Admin classes that apply Caravan's permission rules instead of per-model permissions.

Secretariat staff manage everything; an institution's editors see and change only the records
of their own institution. The same functions decide for the web, the CLI and (later) the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from caravan.accounts.permissions import (
    can_edit_institution_records,
    institution_id_of,
    is_secretariat,
)

# Django 6 makes https the default for scheme-less URLs; Caravan does so already.
URL_FIELDS_ASSUME_HTTPS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class SecretariatOnlyAdmin(admin.ModelAdmin[Any]):
    """Staff may look; only the secretariat may change (alliances, memberships, vocabularies)."""

    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


class InstitutionScopedAdmin(admin.ModelAdmin[Any]):
    """Rows belong to an institution (``institution_path`` names the field that says which)."""

    institution_path = "institution"
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def _institution_id(self, obj: Model) -> int | None:
        if self.institution_path == "pk":
            return obj.pk
        value = getattr(obj, f"{self.institution_path}_id", None)
        return int(value) if value is not None else None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        if is_secretariat(request.user):
            return rows
        own = institution_id_of(request.user)
        if own is None:
            return rows.none()
        return rows.filter(**{self.institution_path: own})

    def has_module_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and (is_secretariat(user) or institution_id_of(user))
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and (obj is None or self._may_edit(request, obj))

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and (obj is None or self._may_edit(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def _may_edit(self, request: HttpRequest, obj: Model) -> bool:
        institution_id = self._institution_id(obj)
        return institution_id is not None and can_edit_institution_records(
            request.user, institution_id
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "institution" and not is_secretariat(request.user):
            from caravan.institutions.models import Institution

            kwargs["queryset"] = Institution.objects.filter(pk=institution_id_of(request.user) or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not self._may_edit(request, obj):
            raise PermissionError("this record belongs to another institution")
        super().save_model(request, obj, form, change)
