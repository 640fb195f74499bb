"""The exhibition list, starting an exhibition, and its workspace: overview, team, itinerary,
checklist by section, loans by lender and the status moves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caravan.accounts.permissions import is_secretariat
from caravan.exhibitions import selectors, services
from caravan.exhibitions.errors import WorkflowError
from caravan.exhibitions.models import Exhibition, ExhibitionStatus
from caravan.exhibitions.permissions import can_edit_exhibition
from caravan.web import exhibition_queries as queries
from caravan.web.exhibition_forms import (
    ExhibitionCreateForm,
    ExhibitionStatusForm,
    ExhibitionTextsForm,
    TeamForm,
    VenueForm,
)
from caravan.web.exhibitions.common import (
    add_service_error,
    editable_exhibition,
    messages_of,
    signed_in,
    user_of,
    visible_exhibition,
)


def exhibition_list(request: HttpRequest) -> HttpResponse:
    """Open and closed exhibitions for everyone; the ones people work on, for them."""
    status = request.GET.get("status", "")
    status = status if status in ExhibitionStatus.values else ""
    query = request.GET.get("q", "").strip()[:100]
    exhibitions = selectors.exhibition_list(user=request.user, status=status, query=query)
    context = {
        "exhibitions": exhibitions,
        "statuses": ExhibitionStatus.choices,
        "filters": {"status": status, "query": query},
        "may_start": _may_start(request),
    }
    return render(request, "web/exhibitions/list.html", context)


def _may_start(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and user.is_active
        and (is_secretariat(user) or (user.is_staff and getattr(user, "institution_id", None)))
    )


@signed_in
def exhibition_create(request: HttpRequest) -> HttpResponseBase:
    """Start an exhibition that one's own institution leads (the secretariat chooses the lead)."""
    if not _may_start(request):
        raise PermissionDenied(_("Only the staff of a member institution start exhibitions."))
    user = user_of(request)
    own = user.institution if not is_secretariat(user) or user.institution_id else None
    form = ExhibitionCreateForm(request.POST or None, own_institution=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exhibition = services.exhibition_create(
                code=data["code"],
                titles=data["titles"],
                lead_organiser=own or data["lead_organiser"],
                co_organisers=list(data["co_organisers"]),
                alliance=data["alliance"],
                subtitles=data["subtitles"],
                description=data["description"],
                theme=data["theme"],
                budget_notes=data["budget_notes"],
                curators=[user],
                actor=user,
            )
        except (ValidationError, WorkflowError) as error:
            add_service_error(form, error)
        else:
            return redirect("web:exhibition_workspace", code=exhibition.code)
    status = 400 if form.is_bound else 200
    return render(request, "web/exhibitions/create.html", {"form": form}, status=status)


@signed_in
def exhibition_workspace(request: HttpRequest, code: str) -> HttpResponse:
    return render_workspace(request, visible_exhibition(request, code))


def render_workspace(
    request: HttpRequest, exhibition: Exhibition, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The workspace; a refused form from it comes back in ``extra`` with its errors."""
    user = request.user
    language = get_language() or "en"
    checklist = selectors.exhibition_checklist(exhibition=exhibition, user=user)
    may_edit = can_edit_exhibition(user, exhibition)
    loans = list(selectors.loan_list(user=user, exhibition=exhibition))
    context = {
        "exhibition": exhibition,
        "may_edit": may_edit,
        "span": selectors.exhibition_span(exhibition),
        "stops": queries.itinerary(exhibition, user, timezone.localdate()),
        "sections": queries.checklist_sections(checklist.items, language),
        "item_count": len(checklist.items),
        "hidden": checklist.hidden,
        "conflicts": queries.conflicts_by_item(
            selectors.checklist_conflicts(exhibition=exhibition, user=user)
        ),
        "loan_of_object": queries.loans_by_object(loans),
        "lenders": queries.loans_by_lender(loans),
        "awaiting_loan": queries.items_awaiting_a_loan(exhibition) if may_edit else 0,
        "moves": queries.exhibition_moves(exhibition) if may_edit else [],
        "venue_form": VenueForm(),
        "finished": exhibition.status in (ExhibitionStatus.CLOSED, ExhibitionStatus.CANCELLED),
        **extra,
    }
    return render(request, "web/exhibitions/workspace.html", context, status=status)


@signed_in
def exhibition_edit(request: HttpRequest, code: str) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    initial = {
        "titles": exhibition.titles,
        "subtitles": exhibition.subtitles,
        "description": exhibition.description,
        "theme": exhibition.theme,
        "budget_notes": exhibition.budget_notes,
        "alliance": exhibition.alliance_id,
    }
    form = ExhibitionTextsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.exhibition_update(
                exhibition=exhibition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("web:exhibition_workspace", code=exhibition.code)
    context = {"exhibition": exhibition, "form": form}
    return render(
        request, "web/exhibitions/edit.html", context, status=400 if form.is_bound else 200
    )


@signed_in
def exhibition_team(request: HttpRequest, code: str) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    initial = {
        "co_organisers": list(exhibition.co_organisers.all()),
        "curators": list(exhibition.curators.all()),
        "curator_people": list(exhibition.curator_people.all()),
    }
    form = TeamForm(request.POST or None, initial=initial, lead=exhibition.lead_organiser)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.exhibition_team_set(
                exhibition=exhibition,
                co_organisers=list(data["co_organisers"]),
                curators=list(data["curators"]),
                curator_people=list(data["curator_people"]),
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("web:exhibition_workspace", code=exhibition.code)
    context = {"exhibition": exhibition, "form": form}
    return render(
        request, "web/exhibitions/team.html", context, status=400 if form.is_bound else 200
    )


@require_POST
@signed_in
def exhibition_status(request: HttpRequest, code: str) -> HttpResponseBase:
    """Move the exhibition (idea → planning → confirmed → open → closed, or cancelled)."""
    exhibition = editable_exhibition(request, code)
    form = ExhibitionStatusForm(request.POST)
    if not form.is_valid():
        return render_workspace(
            request, exhibition, status=400, status_errors=[_("Choose a status.")]
        )
    try:
        services.exhibition_status_change(
            exhibition=exhibition,
            to=form.cleaned_data["to"],
            comment=form.cleaned_data["comment"],
            actor=request.user,
        )
    except (ValidationError, WorkflowError) as error:
        status = 409 if isinstance(error, WorkflowError) else 400
        return render_workspace(
            request, exhibition, status=status, status_errors=messages_of(error)
        )
    messages.success(
        request,
        _("The exhibition is now %(status)s.")
        % {"status": exhibition.get_status_display().lower()},
    )
    return redirect("web:exhibition_workspace", code=exhibition.code)
