"""The checklist builder (the pooled catalogue searched as the curator sees it, with an "Add to
checklist" button on each hit) and the editing of checklist items.

Adding is an htmx POST that answers the hit's row as it now is — on the checklist, with any
conflict — and a plain POST that comes back to the same search without script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caravan.api.iiif.viewer import thumbnail_src
from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import normalize_tag, pick
from caravan.exhibitions import selectors, services
from caravan.exhibitions.models import ChecklistItem, Exhibition
from caravan.search.params import ParamError
from caravan.web import exhibition_queries as queries
from caravan.web.exhibition_forms import ChecklistItemForm, checklist_initial
from caravan.web.exhibitions.common import (
    add_service_error,
    editable_exhibition,
    is_htmx,
    messages_of,
    signed_in,
)
from caravan.web.exhibitions.projects import render_workspace
from caravan.web.search_views import search_page_context


@dataclass(frozen=True)
class Candidate:
    """An object as the builder's row shows it, when it is not a fresh search hit."""

    object_id: int
    title: str
    title_lang: str
    institution_name: str
    date_display: str
    thumbnail_url: str
    snippet_html: str = ""
    matched: tuple[Any, ...] = ()


def _candidate(obj: CatalogueObject, language: str) -> Candidate:
    title = pick(obj.titles, language, obj.language)
    institution = pick(obj.institution.names, language)
    date = pick(obj.date_display, language, obj.language)
    return Candidate(
        object_id=obj.pk,
        title=title.text if title else obj.local_id,
        title_lang=title.lang if title else "",
        institution_name=institution.text if institution else obj.institution.code,
        date_display=date.text if date else "",
        thumbnail_url=thumbnail_src(obj.media.order_by("position", "id").first()),
    )


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _search_params(request: HttpRequest) -> dict[str, list[str]]:
    params = {name: request.GET.getlist(name) for name in request.GET}
    # Titles and facet labels in the interface language (the page's address does not choose).
    params["lang"] = [normalize_tag(_language())]
    return params


@signed_in
def checklist_builder(request: HttpRequest, code: str) -> HttpResponse:
    """Search the catalogue for the checklist; each hit says whether it is listed already and,
    once listed, whether another exhibition holds it over the same dates."""
    exhibition = editable_exhibition(request, code)
    context: dict[str, Any] = {"exhibition": exhibition, "searched": bool(request.GET)}
    status = 200
    if request.GET:
        try:
            found = selectors.checklist_candidates(
                user=request.user, params=_search_params(request), exhibition=exhibition
            )
        except ParamError as error:
            context["search_error"] = str(error)
            status = 400
        else:
            context.update(search_page_context(found.result))
            context["listed"] = found.already_listed
    context.update(_checklist_context(request, exhibition))
    return render(request, "web/exhibitions/builder.html", context, status=status)


def _checklist_context(request: HttpRequest, exhibition: Exhibition) -> dict[str, Any]:
    checklist = selectors.exhibition_checklist(exhibition=exhibition, user=request.user)
    conflicts = selectors.checklist_conflicts(exhibition=exhibition, user=request.user)
    return {
        "items": checklist.items,
        "hidden": checklist.hidden,
        "conflicts": queries.conflicts_by_item(conflicts),
        "conflicts_by_object": {c.item.object_id: c for c in conflicts},
        "query_string": request.GET.urlencode(),
        "awaiting_loan": queries.items_awaiting_a_loan(exhibition),
    }


@require_POST
@signed_in
def checklist_add(request: HttpRequest, code: str) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    obj = get_object_or_404(
        objects_visible_to(request.user).select_related("institution"),
        pk=request.POST.get("object") or 0,
    )
    back = reverse("web:checklist_builder", args=[exhibition.code])
    # The search to come back to, as a clean query string (never raw text in a header).
    query = QueryDict(request.POST.get("search", "")).urlencode()
    error: list[str] = []
    try:
        services.checklist_item_add(exhibition=exhibition, obj=obj, actor=request.user)
    except ValidationError as refused:
        error = messages_of(refused)
    if is_htmx(request):
        return _candidate_row(request, exhibition, obj, error)
    if error:
        for message in error:
            messages.error(request, message)
    return redirect(f"{back}?{query}" if query else back)


def _candidate_row(
    request: HttpRequest, exhibition: Exhibition, obj: CatalogueObject, error: list[str]
) -> HttpResponse:
    """The search hit's row as it is now (htmx swaps it in place of the old one), and the
    checklist beside the results, swapped out of band so that its count and conflicts follow."""
    listed = exhibition.checklist.filter(object=obj).exists()
    context = {
        **_checklist_context(request, exhibition),
        "exhibition": exhibition,
        "hit": _candidate(obj, _language()),
        "listed": {obj.pk} if listed else set(),
        "row_errors": error,
        "just_added": listed and not error,
        "query_string": QueryDict(request.POST.get("search", "")).urlencode(),
        "oob": True,
    }
    return render(request, "web/exhibitions/_candidate.html", context)


def _item(exhibition: Exhibition, pk: int) -> ChecklistItem:
    return get_object_or_404(exhibition.checklist.select_related("object__institution"), pk=pk)


@signed_in
def checklist_item_edit(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """An item's section, order, catalogue number, label and display requirements."""
    exhibition = editable_exhibition(request, code)
    item = _item(exhibition, pk)
    if not objects_visible_to(request.user).filter(pk=item.object_id).exists():
        # An item whose object the curator may not see is counted on the page, not shown.
        raise Http404(_("No such checklist item, or it is not shown to you."))
    form = ChecklistItemForm(request.POST or None, initial=checklist_initial(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_item_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(_checklist_url(exhibition))
    conflicts = selectors.checklist_conflicts(exhibition=exhibition, user=request.user)
    context = {
        "exhibition": exhibition,
        "item": item,
        "form": form,
        "item_conflicts": [c for c in conflicts if c.item.pk == item.pk],
    }
    return render(
        request, "web/exhibitions/item_form.html", context, status=400 if form.is_bound else 200
    )


def _checklist_url(exhibition: Exhibition) -> str:
    return reverse("web:exhibition_workspace", args=[exhibition.code]) + "#checklist"


@require_POST
@signed_in
def checklist_item_remove(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    item = _item(exhibition, pk)
    try:
        services.checklist_item_remove(item=item, actor=request.user)
    except ValidationError as error:
        return render_workspace(
            request, exhibition, status=400, checklist_errors=messages_of(error)
        )
    messages.success(request, _("The object was taken off the checklist."))
    return redirect(_checklist_url(exhibition))


@require_POST
@signed_in
def checklist_item_move(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """Move an item one place up or down the checklist."""
    exhibition = editable_exhibition(request, code)
    item = _item(exhibition, pk)
    order = list(exhibition.checklist.order_by("position", "id").values_list("pk", flat=True))
    here = order.index(item.pk)
    there = here - 1 if request.POST.get("direction") == "up" else here + 1
    if 0 <= there < len(order):
        order[here], order[there] = order[there], order[here]
        try:
            services.checklist_reorder(exhibition=exhibition, item_ids=order, actor=request.user)
        except ValidationError as error:
            return render_workspace(
                request, exhibition, status=400, checklist_errors=messages_of(error)
            )
    return redirect(_checklist_url(exhibition))
