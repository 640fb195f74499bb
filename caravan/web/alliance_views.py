"""Pages of an alliance's own life: applying to join, the secretariat's review, governance."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from caravan.accounts.permissions import can_manage_alliance
from caravan.cooperation.models import Event
from caravan.institutions import selectors as institutions
from caravan.institutions import services
from caravan.institutions.models import (
    Alliance,
    ApplicationDocument,
    DecisionKind,
    MembershipApplication,
)
from caravan.web.forms import ApplicationForm, DecisionForm, ReviewForm, interface_language_tag


def _alliance(code: str) -> Alliance:
    return get_object_or_404(Alliance.objects.select_related("secretariat"), code=code)


def application_create(request: HttpRequest, code: str) -> HttpResponse:
    """The public application form; no account is needed."""
    alliance = _alliance(code)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        title_tag = interface_language_tag()
        try:
            services.application_submit(
                alliance=alliance,
                institution_code=data["institution_code"],
                institution_names=data["institution_names"],
                country=data["country"],
                institution_type=data["institution_type"],
                city=data["city"],
                website=data["website"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                motivation=data["motivation"],
                documents=[
                    services.SupportingDocument({title_tag: upload.name}, upload)
                    for upload in data["documents"]
                ],
                actor=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("web:application_submitted", code=alliance.code)
    return render(request, "web/alliance/apply.html", {"alliance": alliance, "form": form})


def _add_errors(form: ApplicationForm | DecisionForm | ReviewForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def application_submitted(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "web/alliance/apply_done.html", {"alliance": _alliance(code)})


def _managed_alliance(request: HttpRequest, code: str) -> Alliance | HttpResponseBase:
    alliance = _alliance(code)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_alliance(request.user, alliance):
        raise PermissionDenied("only the alliance's secretariat reviews applications")
    return alliance


def application_list(request: HttpRequest, code: str) -> HttpResponseBase:
    alliance = _managed_alliance(request, code)
    if not isinstance(alliance, Alliance):
        return alliance
    applications = list(institutions.alliance_applications(alliance))
    context = {
        "alliance": alliance,
        "open_applications": [a for a in applications if a.is_open],
        "decided_applications": [a for a in applications if not a.is_open],
    }
    return render(request, "web/alliance/application_list.html", context)


def application_detail(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    alliance = _managed_alliance(request, code)
    if not isinstance(alliance, Alliance):
        return alliance
    application = get_object_or_404(
        institutions.alliance_applications(alliance).select_related("membership"), pk=pk
    )
    return _render_application(request, alliance, application)


def _render_application(
    request: HttpRequest,
    alliance: Alliance,
    application: MembershipApplication,
    review_form: ReviewForm | None = None,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "alliance": alliance,
        "application": application,
        "review_form": review_form or ReviewForm(),
        "decision_form": decision_form or DecisionForm(),
    }
    return render(request, "web/alliance/application_detail.html", context, status=status)


@require_POST
def application_review(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    alliance = _managed_alliance(request, code)
    if not isinstance(alliance, Alliance):
        return alliance
    application = get_object_or_404(MembershipApplication, alliance=alliance, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.application_review(
                application=application, note=form.cleaned_data["note"], actor=request.user
            )
            return redirect("web:application_detail", code=code, pk=pk)
        except ValidationError as error:
            _add_errors(form, error)
    return _render_application(request, alliance, application, review_form=form, status=400)


@require_POST
def application_decide(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """Record the council's decision and apply it: a membership, or a refusal that adds none."""
    alliance = _managed_alliance(request, code)
    if not isinstance(alliance, Alliance):
        return alliance
    application = get_object_or_404(MembershipApplication, alliance=alliance, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        accept = data["outcome"] == "accept"
        try:
            _decide(request, alliance, application, accept=accept, data=data)
            return redirect("web:application_detail", code=code, pk=pk)
        except ValidationError as error:
            _add_errors(form, error)
    return _render_application(request, alliance, application, decision_form=form, status=400)


def _decide(
    request: HttpRequest,
    alliance: Alliance,
    application: MembershipApplication,
    *,
    accept: bool,
    data: dict[str, Any],
) -> None:
    with transaction.atomic():
        decision = services.council_decision_record(
            alliance=alliance,
            kind=DecisionKind.ADMISSION if accept else DecisionKind.REJECTION,
            decided_on=data["decided_on"],
            meeting=data["meeting"],
            text=data["text"] or {"en": str(application)},
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            abstentions=data["abstentions"],
            actor=request.user,
        )
        if accept:
            services.application_accept(
                application=application,
                decision=decision,
                start_date=data["start_date"],
                actor=request.user,
            )
        else:
            services.application_reject(
                application=application, decision=decision, actor=request.user
            )


def application_document(
    request: HttpRequest, code: str, pk: int, document: int
) -> HttpResponseBase:
    alliance = _managed_alliance(request, code)
    if not isinstance(alliance, Alliance):
        return alliance
    item = get_object_or_404(
        ApplicationDocument, pk=document, application__pk=pk, application__alliance=alliance
    )
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1]
    )


def alliance_governance(request: HttpRequest, code: str) -> HttpResponse:
    """Who holds which office, the dated history, the convener rotation and the decisions."""
    alliance = _alliance(code)
    today = timezone.localdate()
    convener = institutions.convener_on(alliance, today)
    context = {
        "alliance": alliance,
        "today": today,
        "holders": institutions.office_holders_on(alliance, today),
        "terms": [t for t in institutions.office_terms(alliance) if t.office != "convener"],
        "schedule": institutions.convener_schedule(alliance),
        "convener": convener,
        "decisions": institutions.council_decisions(alliance),
        "events": Event.objects.filter(alliance=alliance).order_by("-starts_on")[:5],
        "may_manage": can_manage_alliance(request.user, alliance),
    }
    return render(request, "web/alliance/governance.html", context)
