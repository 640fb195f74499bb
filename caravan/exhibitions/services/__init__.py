"""Writes for exhibitions, loans and notifications (see the modules for each service's rules)."""

from caravan.exhibitions.services.exhibitions import (
    checklist_item_add,
    checklist_item_remove,
    checklist_item_update,
    checklist_reorder,
    exhibition_create,
    exhibition_status_change,
    exhibition_team_set,
    exhibition_update,
    venue_add,
    venue_attendance_record,
    venue_remove,
    venue_update,
)
from caravan.exhibitions.services.loans import (
    ObjectDecisionInput,
    loan_object_decide,
    loan_object_terms_set,
    loan_requests_create,
    loan_transition,
    loan_venues_set,
    loans_cancel_with_exhibition,
)
from caravan.exhibitions.services.notifications import (
    notification_mark_read,
    notification_summary,
    notifications_email,
    notifications_mark_all_read,
)
from caravan.exhibitions.services.reports import (
    condition_photo_add,
    condition_report_add,
    facility_report_submit,
)

__all__ = [
    "ObjectDecisionInput",
    "checklist_item_add",
    "checklist_item_remove",
    "checklist_item_update",
    "checklist_reorder",
    "condition_photo_add",
    "condition_report_add",
    "exhibition_create",
    "exhibition_status_change",
    "exhibition_team_set",
    "exhibition_update",
    "facility_report_submit",
    "loan_object_decide",
    "loan_object_terms_set",
    "loan_requests_create",
    "loan_transition",
    "loan_venues_set",
    "loans_cancel_with_exhibition",
    "notification_mark_read",
    "notification_summary",
    "notifications_email",
    "notifications_mark_all_read",
    "venue_add",
    "venue_attendance_record",
    "venue_remove",
    "venue_update",
]
