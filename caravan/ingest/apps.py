from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "caravan.ingest"
    verbose_name = _("Ingest")
    default_auto_field = "django.db.models.BigAutoField"
