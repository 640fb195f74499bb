from django.urls import path

from caravan.api.iiif import exhibitions, views

app_name = "iiif"
urlpatterns = [
    # Presentation API 3.0
    path("objects/<int:pk>/manifest", views.manifest, name="manifest"),
    path(
        "institutions/<slug:code>/collection",
        views.institution_collection_view,
        name="institution_collection",
    ),
    path(
        "institutions/<slug:code>/collection/<int:page>",
        views.institution_collection_view,
        name="institution_collection_page",
    ),
    path(
        "alliances/<slug:code>/collection",
        views.alliance_collection_view,
        name="alliance_collection",
    ),
    path(
        "exhibitions/<slug:code>/collection",
        exhibitions.exhibition_collection_view,
        name="exhibition_collection",
    ),
    # Image API 3.0 for hosted images
    path("image/<str:identifier>", views.image_base, name="image_base"),
    path("image/<str:identifier>/info.json", views.image_information, name="image_info"),
    path(
        "image/<str:identifier>/<str:region>/<str:size>/<str:rotation>/<str:quality>",
        views.image,
        name="image",
    ),
]
