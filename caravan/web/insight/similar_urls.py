"""The similar pages' addresses, included in caravan/web/urls.py (namespace ``web``)."""

from django.urls import URLPattern, path

from caravan.web.insight import similar_views

urlpatterns: list[URLPattern] = [
    path("objects/<int:pk>/related/", similar_views.object_related, name="object_related"),
    path(
        "exhibitions/<slug:code>/checklist/related/",
        similar_views.checklist_related,
        name="checklist_related",
    ),
]
