from typing import Any

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "caravan.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from caravan.catalogue.models import Concept

        # Concept labels are matched at query time; this process reads them again at once,
        # other processes within expansion.CHECK_SECONDS.
        for signal in (post_save, post_delete):
            signal.connect(_vocabulary_changed, sender=Concept, dispatch_uid=f"search-{signal}")
        m2m_changed.connect(
            _vocabulary_changed, sender=Concept.broader.through, dispatch_uid="search-broader"
        )
        from caravan.institutions.models import Alliance, Institution, Membership
        from caravan.search.facets import forget_directory

        for model in (Institution, Alliance, Membership):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_directory, sender=model, dispatch_uid=f"search-{model}-{signal}"
                )


def _vocabulary_changed(**_: Any) -> None:
    from caravan.search.expansion import forget_concept_labels

    forget_concept_labels()
