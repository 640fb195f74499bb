"""Admin for exhibitions and loans: for looking, and for the secretariat's corrections.

Loans move only through their workflow (services.loans.loan_transition), which checks sides,
records the history and notifies people; so the admin shows a loan, its objects, reports and
history, and changes none of them. Exhibitions' texts may be corrected by the secretariat;
their status moves through the services too.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from caravan.accounts.admin_scoping import SecretariatOnlyAdmin
from caravan.accounts.permissions import is_secretariat
from caravan.audit.admin import AuditedAdminMixin
from caravan.exhibitions.models import (
    ChecklistItem,
    ConditionPhoto,
    ConditionReport,
    Exhibition,
    FacilityReport,
    LoanObject,
    LoanRequest,
    LoanTransition,
    Notification,
    Venue,
)


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VenueInline(ReadOnlyInline):
    model = Venue
    fields = ("institution", "place_name", "country", "opens_on", "closes_on", "attendance")


class ChecklistInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ("position", "catalogue_number", "object", "section")
    raw_id_fields = ("object",)


@admin.register(Exhibition)
class ExhibitionAdmin(AuditedAdminMixin, SecretariatOnlyAdmin):
    list_display = ("code", "__str__", "status", "lead_organiser", "updated_at")
    list_filter = ("status", "alliance")
    search_fields = ("code", "titles", "subtitles", "theme")
    readonly_fields = ("status", "lead_organiser", "created_at", "updated_at")
    filter_horizontal = ("co_organisers", "curators", "curator_people")
    inlines = [VenueInline, ChecklistInline]


class ReadOnlyAdmin(SecretariatOnlyAdmin):
    """Staff may look; nobody changes these rows here (the workflow does)."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LoanObjectInline(ReadOnlyInline):
    model = LoanObject
    fields = ("object", "decision", "insurance_value", "insurance_currency", "courier_required")
    raw_id_fields = ("object", "item")


class TransitionInline(ReadOnlyInline):
    model = LoanTransition
    fields = ("at", "from_status", "to_status", "side", "by_name", "comment")
    readonly_fields = fields
    show_change_link = False


class SecretariatReadOnlyAdmin(ReadOnlyAdmin):
    """Loans are the two sides' business; in the admin only the secretariat looks."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)


@admin.register(LoanRequest)
class LoanRequestAdmin(SecretariatReadOnlyAdmin):
    list_display = ("reference", "exhibition", "lender", "borrower", "status", "status_changed_at")
    list_filter = ("status", "lender", "borrower")
    search_fields = ("exhibition__code", "exhibition__titles", "lender__code", "borrower__code")
    inlines = [LoanObjectInline, TransitionInline]


class ConditionPhotoInline(ReadOnlyInline):
    model = ConditionPhoto
    fields = ("image", "caption")


@admin.register(ConditionReport)
class ConditionReportAdmin(SecretariatReadOnlyAdmin):
    list_display = ("loan_object", "checkpoint", "grade", "reported_on", "reporter")
    list_filter = ("checkpoint", "grade")
    search_fields = ("loan_object__object__local_id",)
    inlines = [ConditionPhotoInline]


@admin.register(FacilityReport)
class FacilityReportAdmin(ReadOnlyAdmin):
    list_display = ("venue", "fire_suppression", "light_max_lux", "submitted_at")


@admin.register(Notification)
class NotificationAdmin(SecretariatReadOnlyAdmin):
    list_display = ("recipient", "verb", "created_at", "read_at", "emailed_at")
    list_filter = ("verb",)
    search_fields = ("recipient__username", "verb")
