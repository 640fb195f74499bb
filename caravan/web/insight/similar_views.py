"""Related objects in other members' collections: fragments loaded by htmx into the object page
and the checklist builder (the suggestions take an index query and a ranking, so the pages
themselves never wait for them)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import normalize_tag
from caravan.insight.similar.selectors import (
    checklist_suggestions,
    related_objects,
    similar_objects,
)
from caravan.web.exhibitions.common import editable_exhibition, signed_in


def _language() -> str:
    return normalize_tag(get_language() or settings.LANGUAGE_CODE)


def object_related(request: HttpRequest, pk: int) -> HttpResponse:
    """The object page's section of related objects held by other institutions."""
    if not objects_visible_to(request.user).filter(pk=pk).exists():
        raise Http404(_("No such object, or it is not public."))
    found = similar_objects(object_id=pk, user=request.user)
    context = {"related": related_objects(found, user=request.user, lang=_language())}
    return render(request, "web/insight/_related_objects.html", context)


@signed_in
def checklist_related(request: HttpRequest, code: str) -> HttpResponse:
    """Objects of other lenders like those on the checklist, each with an add button."""
    exhibition = editable_exhibition(request, code)
    listed = list(
        exhibition.checklist.order_by("position", "id").values_list("object_id", flat=True)
    )
    found = checklist_suggestions(object_ids=listed, user=request.user)
    context = {
        "exhibition": exhibition,
        "related": related_objects(found, user=request.user, lang=_language()),
        "has_checklist": bool(listed),
    }
    return render(request, "web/insight/_related_checklist.html", context)
