from django.urls import path

from caravan.web import (
    alliance_views,
    cooperation_views,
    exhibition_public_views,
    search_views,
    views,
)
from caravan.web.exhibitions import urls as exhibition_urls
from caravan.web.insight import dashboard_urls, network_urls, similar_urls

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search, name="search"),
    path("objects/", views.object_list, name="object_list"),
    path("objects/<int:pk>/", views.object_detail, name="object_detail"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/<slug:code>/", views.institution_detail, name="institution_detail"),
    path("alliances/<slug:code>/", views.alliance_detail, name="alliance_detail"),
    # Admission and governance
    path(
        "alliances/<slug:code>/apply/",
        alliance_views.application_create,
        name="application_create",
    ),
    path(
        "alliances/<slug:code>/apply/submitted/",
        alliance_views.application_submitted,
        name="application_submitted",
    ),
    path(
        "alliances/<slug:code>/applications/",
        alliance_views.application_list,
        name="application_list",
    ),
    path(
        "alliances/<slug:code>/applications/<int:pk>/",
        alliance_views.application_detail,
        name="application_detail",
    ),
    path(
        "alliances/<slug:code>/applications/<int:pk>/review/",
        alliance_views.application_review,
        name="application_review",
    ),
    path(
        "alliances/<slug:code>/applications/<int:pk>/decide/",
        alliance_views.application_decide,
        name="application_decide",
    ),
    path(
        "alliances/<slug:code>/applications/<int:pk>/documents/<int:document>/",
        alliance_views.application_document,
        name="application_document",
    ),
    path(
        "alliances/<slug:code>/governance/",
        alliance_views.alliance_governance,
        name="alliance_governance",
    ),
    # Cooperation
    path("agreements/", cooperation_views.agreement_list, name="agreement_list"),
    path("agreements/<slug:code>/", cooperation_views.agreement_detail, name="agreement_detail"),
    path(
        "agreements/<slug:code>/documents/<int:pk>/",
        cooperation_views.agreement_document,
        name="agreement_document",
    ),
    path("programmes/", cooperation_views.programme_list, name="programme_list"),
    path("programmes/<slug:code>/", cooperation_views.programme_detail, name="programme_detail"),
    path("events/", cooperation_views.event_list, name="event_list"),
    path("events/<slug:code>/", cooperation_views.event_detail, name="event_detail"),
    path(
        "events/<slug:code>/documents/<int:pk>/",
        cooperation_views.event_document,
        name="event_document",
    ),
    path("resources/", cooperation_views.resource_list, name="resource_list"),
    path("resources/ledger/", cooperation_views.sharing_ledger, name="sharing_ledger"),
    path("resources/<slug:code>/", cooperation_views.resource_detail, name="resource_detail"),
    path(
        "resources/<slug:code>/download/",
        cooperation_views.resource_download,
        name="resource_download",
    ),
    path(
        "resources/<slug:code>/request/",
        cooperation_views.resource_request,
        name="resource_request",
    ),
    path(
        "resources/<slug:code>/requests/<int:pk>/",
        cooperation_views.resource_request_answer,
        name="resource_request_answer",
    ),
    # exhibitions: staff pages (exhibition_views)
    *exhibition_urls.urlpatterns,
    *dashboard_urls.urlpatterns,
    *network_urls.urlpatterns,
    *similar_urls.urlpatterns,
    # exhibitions: public pages and documents (exhibition_public_views)
    path(
        "exhibitions/<slug:code>/public/",
        exhibition_public_views.exhibition_public,
        name="exhibition_public",
    ),
    path(
        "exhibitions/<slug:code>/catalogue.pdf",
        exhibition_public_views.exhibition_catalogue_pdf,
        name="exhibition_catalogue_pdf",
    ),
    path("loans/<int:pk>/document.pdf", exhibition_public_views.loan_pdf, name="loan_pdf"),
]
