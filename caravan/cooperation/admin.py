"""Admin for cooperation records. Agreements, programmes and events are kept by the
secretariat; each institution's staff offer and keep their own shared resources."""

from typing import Any

from django.contrib import admin

from caravan.accounts.admin_scoping import InstitutionScopedAdmin, SecretariatOnlyAdmin
from caravan.audit.admin import AuditedAdminMixin
from caravan.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Event,
    EventDecision,
    EventDocument,
    EventParticipation,
    EventSession,
    Programme,
    ProgrammeParticipant,
    ResourceDownload,
    ResourceRequest,
    SharedResource,
)


class PartyInline(admin.TabularInline[Any, Any]):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ("institution", "alliance")


class AgreementDocumentInline(admin.TabularInline[Any, Any]):
    model = AgreementDocument
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(AuditedAdminMixin, SecretariatOnlyAdmin):
    list_display = ("code", "__str__", "kind", "signed_on", "expires_on", "visibility")
    list_filter = ("kind", "visibility", "alliance")
    search_fields = ("code", "titles", "summary")
    date_hierarchy = "signed_on"
    inlines = [PartyInline, AgreementDocumentInline]


class ParticipantInline(admin.TabularInline[Any, Any]):
    model = ProgrammeParticipant
    extra = 0
    autocomplete_fields = ("person", "institution")


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdminMixin, SecretariatOnlyAdmin):
    list_display = ("code", "__str__", "kind", "host", "starts_on", "ends_on")
    list_filter = ("kind", "alliance")
    search_fields = ("code", "titles", "topic")
    filter_horizontal = ("sending",)
    inlines = [ParticipantInline]


class SessionInline(admin.StackedInline[Any, Any]):
    model = EventSession
    extra = 0
    filter_horizontal = ("speakers",)


class ParticipationInline(admin.TabularInline[Any, Any]):
    model = EventParticipation
    extra = 0
    autocomplete_fields = ("institution",)


class EventDocumentInline(admin.StackedInline[Any, Any]):
    model = EventDocument
    extra = 0


class EventDecisionInline(admin.TabularInline[Any, Any]):
    model = EventDecision
    extra = 0


@admin.register(Event)
class EventAdmin(AuditedAdminMixin, SecretariatOnlyAdmin):
    list_display = ("code", "__str__", "kind", "starts_on", "host")
    list_filter = ("kind", "alliance")
    search_fields = ("code", "titles", "summary", "city")
    filter_horizontal = ("organisers",)
    inlines = [SessionInline, ParticipationInline, EventDocumentInline, EventDecisionInline]


@admin.register(SharedResource)
class SharedResourceAdmin(AuditedAdminMixin, InstitutionScopedAdmin):
    institution_path = "offered_by"
    list_display = ("code", "__str__", "kind", "offered_by", "access")
    list_filter = ("kind", "access", "alliance")
    search_fields = ("code", "titles", "description")

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "offered_by":
            from caravan.accounts.permissions import institution_id_of, is_secretariat
            from caravan.institutions.models import Institution

            if not is_secretariat(request.user):
                kwargs["queryset"] = Institution.objects.filter(
                    pk=institution_id_of(request.user) or 0
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ResourceRequest)
class ResourceRequestAdmin(SecretariatOnlyAdmin):
    list_display = ("resource", "institution", "status", "requested_at", "decided_at")
    list_filter = ("status",)
    readonly_fields = ("requested_by", "decided_by", "decided_at")


@admin.register(ResourceDownload)
class ResourceDownloadAdmin(SecretariatOnlyAdmin):
    list_display = ("resource", "institution", "user", "at")
    list_filter = ("institution",)

    def has_add_permission(self, request: Any, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
