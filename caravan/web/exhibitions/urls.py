"""The addresses of the exhibition and loan pages, included in caravan/web/urls.py (namespace
``web``). ``exhibitions/new/`` comes before ``exhibitions/<code>/`` so that it is never read as
an exhibition's code."""

from django.urls import path

from caravan.web.exhibitions import checklist, inbox, itinerary, loans, projects

urlpatterns = [
    path("exhibitions/", projects.exhibition_list, name="exhibition_list"),
    path("exhibitions/new/", projects.exhibition_create, name="exhibition_create"),
    path("exhibitions/<slug:code>/", projects.exhibition_workspace, name="exhibition_workspace"),
    path("exhibitions/<slug:code>/edit/", projects.exhibition_edit, name="exhibition_edit"),
    path("exhibitions/<slug:code>/team/", projects.exhibition_team, name="exhibition_team"),
    path("exhibitions/<slug:code>/status/", projects.exhibition_status, name="exhibition_status"),
    path("exhibitions/<slug:code>/venues/add/", itinerary.venue_add, name="venue_add"),
    path("exhibitions/<slug:code>/venues/<int:pk>/", itinerary.venue_edit, name="venue_edit"),
    path(
        "exhibitions/<slug:code>/venues/<int:pk>/remove/",
        itinerary.venue_remove,
        name="venue_remove",
    ),
    path(
        "exhibitions/<slug:code>/venues/<int:pk>/reports/",
        itinerary.venue_reports,
        name="venue_reports",
    ),
    path(
        "exhibitions/<slug:code>/venues/<int:pk>/attendance/",
        itinerary.venue_attendance,
        name="venue_attendance",
    ),
    path(
        "exhibitions/<slug:code>/checklist/",
        checklist.checklist_builder,
        name="checklist_builder",
    ),
    path("exhibitions/<slug:code>/checklist/add/", checklist.checklist_add, name="checklist_add"),
    path(
        "exhibitions/<slug:code>/checklist/<int:pk>/",
        checklist.checklist_item_edit,
        name="checklist_item_edit",
    ),
    path(
        "exhibitions/<slug:code>/checklist/<int:pk>/remove/",
        checklist.checklist_item_remove,
        name="checklist_item_remove",
    ),
    path(
        "exhibitions/<slug:code>/checklist/<int:pk>/move/",
        checklist.checklist_item_move,
        name="checklist_item_move",
    ),
    path(
        "exhibitions/<slug:code>/loan-requests/",
        loans.loan_requests_create,
        name="loan_requests_create",
    ),
    path("loans/", loans.loan_queue, name="loan_queue"),
    path("loans/<int:pk>/", loans.loan_detail, name="loan_detail"),
    path("loans/<int:pk>/move/", loans.loan_move, name="loan_move"),
    path("loans/<int:pk>/venues/", loans.loan_venues, name="loan_venues"),
    path("loans/<int:pk>/objects/<int:object_pk>/terms/", loans.loan_terms, name="loan_terms"),
    path(
        "loans/<int:pk>/objects/<int:object_pk>/condition/",
        loans.condition_report_create,
        name="condition_report_create",
    ),
    path("loans/<int:pk>/photos/<int:photo_pk>/", loans.condition_photo, name="condition_photo"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", inbox.notification_read, name="notification_read"),
    path("inbox/read-all/", inbox.notifications_read_all, name="notifications_read_all"),
]
