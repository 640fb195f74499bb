from django.urls import path

from caravan.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("objects/", views.object_list, name="object_list"),
    path("objects/<int:pk>/", views.object_detail, name="object_detail"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/<slug:code>/", views.institution_detail, name="institution_detail"),
    path("alliances/<slug:code>/", views.alliance_detail, name="alliance_detail"),
]
