from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from caravan.accounts.admin_scoping import InstitutionScopedAdmin, SecretariatOnlyAdmin
from caravan.audit.admin import AuditedAdminMixin
from caravan.institutions.models import (
    Alliance,
    ApplicationDocument,
    CouncilDecision,
    Institution,
    Membership,
    MembershipApplication,
    OfficeTerm,
    Person,
)


@admin.register(Institution)
class InstitutionAdmin(InstitutionScopedAdmin):
    institution_path = "pk"
    list_display = ("code", "__str__", "country", "type", "website")
    list_filter = ("type", "country")
    search_fields = ("code", "names", "short_name", "isil", "wikidata")

    def has_add_permission(self, request, *args):  # type: ignore[no-untyped-def]
        from caravan.accounts.permissions import is_secretariat

        return is_secretariat(request.user)


class MembershipInline(admin.TabularInline[Any, Any]):
    model = Membership
    extra = 0
    fields = ("institution", "role", "status", "start_date", "end_date", "note")
    readonly_fields = ("start_date", "end_date")
    show_change_link = True


@admin.register(Alliance)
class AllianceAdmin(SecretariatOnlyAdmin):
    list_display = ("code", "__str__", "acronym", "founded", "secretariat", "is_sample")
    list_filter = ("is_sample",)
    search_fields = ("code", "names", "acronym")
    inlines = [MembershipInline]


class CurrentFilter(admin.SimpleListFilter):
    title = _("period")
    parameter_name = "period"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("current", _("Current")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() == "current":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "ended":
            return queryset.filter(end_date__isnull=False)
        return queryset


@admin.register(Membership)
class MembershipAdmin(SecretariatOnlyAdmin):
    list_display = ("institution", "alliance", "role", "status", "start_date", "end_date")
    list_filter = (CurrentFilter, "alliance", "role", "status")
    search_fields = ("institution__code", "institution__names", "alliance__code")
    list_select_related = ("institution", "alliance")
    date_hierarchy = "start_date"


@admin.register(Person)
class PersonAdmin(InstitutionScopedAdmin):
    institution_path = "affiliation"
    list_display = ("__str__", "affiliation", "email")
    list_filter = ("affiliation",)
    search_fields = ("names", "email")
    list_select_related = ("affiliation",)


class ApplicationDocumentInline(admin.TabularInline[Any, Any]):
    model = ApplicationDocument
    extra = 0


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(SecretariatOnlyAdmin):
    """Decisions are taken on the applications page (services keep the history whole); the
    admin shows the record and lets the secretariat correct contact details."""

    list_display = ("__str__", "alliance", "country", "status", "submitted_at")
    list_filter = ("status", "alliance")
    search_fields = ("institution_code", "institution_names", "contact_name", "contact_email")
    readonly_fields = ("status", "decision", "membership", "reviewed_by", "reviewed_at")
    inlines = [ApplicationDocumentInline]


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(AuditedAdminMixin, SecretariatOnlyAdmin):
    list_display = ("__str__", "alliance", "kind", "decided_on")
    list_filter = ("kind", "alliance")
    search_fields = ("text", "meeting")
    date_hierarchy = "decided_on"


@admin.register(OfficeTerm)
class OfficeTermAdmin(AuditedAdminMixin, SecretariatOnlyAdmin):
    list_display = ("alliance", "office", "institution", "person", "start_date", "end_date")
    list_filter = ("office", "alliance")
    search_fields = ("institution__code", "institution__names")
