from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from caravan.accounts.permissions import is_secretariat
from caravan.audit.models import AuditEntry
from caravan.audit.services import audit_record


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only, and for the secretariat only: the log is evidence, not a record to edit."""

    list_display = ("at", "actor_name", "action", "target_type", "target_label")
    list_filter = ("action", "target_type")
    search_fields = ("actor_name", "action", "target_label", "target_id")
    date_hierarchy = "at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdminMixin:
    """Admin edits leave an audit entry too (``admin.add``, ``admin.change``, ``admin.delete``)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changed = list(form.changed_data) if form is not None else []
        audit_record(
            actor=request.user,
            action="admin.change" if change else "admin.add",
            target=obj,
            details={"fields": changed},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(actor=request.user, action="admin.delete", target=obj)
        super().delete_model(request, obj)  # type: ignore[misc]
