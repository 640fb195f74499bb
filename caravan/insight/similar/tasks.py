"""Background work of similar objects (Django's tasks API): warming the suggestions cache, and
building the learned subject model.

A suggestion list costs one index query and a ranking (about 0.2 s on the CIT catalogue); the
page never waits for it because htmx loads it after the page. A curator's checklist asks for the
lists of all its objects at once, so the builder can queue this task to compute them ahead.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django_tasks import task

from .selectors import similar_objects
from .services import subject_model_refresh


@task()
def similar_objects_warm_task(object_ids: list[int], user_id: int | None = None) -> int:
    """Compute and cache the suggestions of the objects for one reader; returns how many."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    reader = user or AnonymousUser()
    return sum(1 for object_id in object_ids if similar_objects(object_id=object_id, user=reader))


@task()
def similar_subject_model_task(force: bool = False) -> int:
    """Build (or keep, when the index has not moved) the learned subject model; returns how
    many indexed records it was counted over (0 before the search index exists)."""
    model = subject_model_refresh(force=force)
    return model.records if model is not None else 0
