"""Pages of cooperation: agreements, programmes, events, the shared resource library."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from caravan.accounts.models import User
from caravan.accounts.permissions import institution_id_of
from caravan.cooperation import selectors, services
from caravan.cooperation.models import (
    Access,
    AgreementKind,
    EventKind,
    ProgrammeKind,
    ResourceKind,
    ResourceRequest,
)
from caravan.web.forms import ResourceRequestForm

EXPIRY_REMINDER_DAYS = 90


def _filters(request: HttpRequest, **choices: Any) -> dict[str, Any]:
    """The search box and the choice filters of a list page; unknown values are ignored."""
    values: dict[str, Any] = {"query": request.GET.get("q", "").strip()[:100]}
    for name, allowed in choices.items():
        value = request.GET.get(name, "")
        values[name] = value if value in allowed.values else ""
    return values


def _file_response(file: Any) -> FileResponse:
    storage: Storage = file.storage
    return FileResponse(
        storage.open(file.name, "rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1]
    )


# --- Agreements ---------------------------------------------------------------------------------


def agreement_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, kind=AgreementKind)
    agreements = selectors.agreement_list(
        user=request.user, query=filters["query"], kind=filters["kind"]
    )
    today = timezone.localdate()
    expiring = (
        selectors.agreements_expiring(today=today, within_days=EXPIRY_REMINDER_DAYS).filter(
            pk__in=selectors.agreements_visible_to(request.user).values("pk")
        )
        if request.user.is_authenticated
        else []
    )
    context = {
        "agreements": agreements,
        "filters": filters,
        "kinds": AgreementKind.choices,
        "expiring": expiring,
        "today": today,
    }
    return render(request, "web/cooperation/agreement_list.html", context)


def agreement_detail(request: HttpRequest, code: str) -> HttpResponse:
    agreement = selectors.agreement_detail(user=request.user, code=code)
    if agreement is None:
        raise Http404("No such agreement, or it is not shown to you.")
    return render(request, "web/cooperation/agreement_detail.html", {"agreement": agreement})


def agreement_document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    agreement = selectors.agreement_detail(user=request.user, code=code)
    if agreement is None:
        raise Http404("No such agreement, or it is not shown to you.")
    return _file_response(get_object_or_404(agreement.documents, pk=pk).file)


# --- Programmes ---------------------------------------------------------------------------------


def programme_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, kind=ProgrammeKind)
    context = {
        "programmes": selectors.programme_list(query=filters["query"], kind=filters["kind"]),
        "filters": filters,
        "kinds": ProgrammeKind.choices,
    }
    return render(request, "web/cooperation/programme_list.html", context)


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_detail(code)
    if programme is None:
        raise Http404("No such programme.")
    return render(request, "web/cooperation/programme_detail.html", {"programme": programme})


# --- Events -------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, kind=EventKind)
    context = {
        "events": selectors.event_list(query=filters["query"], kind=filters["kind"]),
        "filters": filters,
        "kinds": EventKind.choices,
    }
    return render(request, "web/cooperation/event_list.html", context)


def event_detail(request: HttpRequest, code: str) -> HttpResponse:
    event = selectors.event_detail(code)
    if event is None:
        raise Http404("No such event.")
    sessions = list(event.sessions.all())
    days = sorted({s.day for s in sessions if s.day}, key=lambda d: d)
    context = {
        "event": event,
        "sessions_by_day": [(day, [s for s in sessions if s.day == day]) for day in days]
        + (
            [(None, [s for s in sessions if not s.day])] if any(not s.day for s in sessions) else []
        ),
        "documents": selectors.event_documents_for(request.user, event),
        "delegates": sum(p.delegates for p in event.participations.all()),
        # private agreements signed at a public event stay private
        "agreements_signed": selectors.agreements_visible_to(request.user).filter(
            signed_at_event=event
        ),
    }
    return render(request, "web/cooperation/event_detail.html", context)


def event_document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    event = selectors.event_detail(code)
    if event is None:
        raise Http404("No such event.")
    document = next(
        (d for d in selectors.event_documents_for(request.user, event) if d.pk == pk), None
    )
    if document is None or not document.file:
        raise Http404("No such document, or it is for members only.")
    return _file_response(document.file)


# --- Shared resources ---------------------------------------------------------------------------


def resource_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, kind=ResourceKind, access=Access)
    context = {
        "resources": selectors.resource_list(
            query=filters["query"], kind=filters["kind"], access=filters["access"]
        ),
        "filters": filters,
        "kinds": ResourceKind.choices,
        "accesses": Access.choices,
    }
    return render(request, "web/cooperation/resource_list.html", context)


def resource_detail(request: HttpRequest, code: str) -> HttpResponse:
    resource = selectors.resource_detail(code)
    if resource is None:
        raise Http404("No such resource.")
    context = {
        "resource": resource,
        "access": selectors.resource_access(request.user, resource),
        "requests": selectors.resource_requests_to_answer(request.user, resource),
        "request_form": ResourceRequestForm(),
    }
    return render(request, "web/cooperation/resource_detail.html", context)


def resource_download(request: HttpRequest, code: str) -> HttpResponseBase:
    """Count the download in the ledger and hand out the file or the link; 403 when refused."""
    resource = selectors.resource_detail(code)
    if resource is None:
        raise Http404("No such resource.")
    services.resource_download_record(resource=resource, actor=request.user)
    if resource.file:
        return _file_response(resource.file)
    if resource.external_url:
        return redirect(resource.external_url)
    raise Http404("This resource has no file or link yet.")


@require_POST
def resource_request(request: HttpRequest, code: str) -> HttpResponseBase:
    resource = selectors.resource_detail(code)
    if resource is None:
        raise Http404("No such resource.")
    if not isinstance(request.user, User):
        return redirect_to_login(reverse("web:resource_detail", args=[code]))
    form = ResourceRequestForm(request.POST)
    if form.is_valid():
        try:
            services.resource_request_create(
                resource=resource, actor=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            raise PermissionDenied("; ".join(error.messages)) from error
    return redirect("web:resource_detail", code=code)


@require_POST
def resource_request_answer(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    item = get_object_or_404(
        ResourceRequest.objects.select_related("resource"), pk=pk, resource__code=code
    )
    grant = request.POST.get("answer") == "grant"
    try:
        services.resource_request_decide(request=item, grant=grant, actor=request.user)
    except ValidationError as error:
        raise PermissionDenied("; ".join(error.messages)) from error
    return redirect("web:resource_detail", code=code)


def sharing_ledger(request: HttpRequest) -> HttpResponse:
    """Sharing and reciprocation: public totals per member; a member sees its own row marked."""
    context = {
        "lines": selectors.sharing_ledger(),
        "own": institution_id_of(request.user),
    }
    return render(request, "web/cooperation/ledger.html", context)
