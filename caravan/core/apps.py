from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "caravan.core"
    label = "core"
    verbose_name = "Caravan core"
