from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "caravan.web"
    label = "web"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from django.contrib import admin

        admin.site.site_header = _("Caravan administration")
        admin.site.site_title = _("Caravan administration")
        admin.site.index_title = _("Alliance, members and catalogue")
