"""Loans: preparing the requests of an exhibition, the registrars' queue, and the one loan record
both sides work on — its objects, terms, venues, reports, history and the moves of the reader's
side (caravan.exhibitions.selectors.loan_next_steps), each with a comment.

A refused move is shown on the page with the workflow's sentence and changes nothing: the
service raises before it writes.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from caravan.accounts.permissions import institution_id_of, is_secretariat
from caravan.exhibitions import selectors, services
from caravan.exhibitions.errors import WorkflowError
from caravan.exhibitions.models import ConditionPhoto, LoanObject, LoanRequest
from caravan.exhibitions.permissions import loan_side
from caravan.exhibitions.workflow import TERMS_OPEN_STATUSES, LoanStatus, Side
from caravan.web import exhibition_queries as queries
from caravan.web.exhibition_forms import (
    ConditionReportForm,
    LoanMoveForm,
    LoanTermsForm,
    LoanVenuesForm,
    ObjectDecisionForm,
    terms_initial,
)
from caravan.web.exhibitions.common import (
    ServiceError,
    add_service_error,
    editable_exhibition,
    messages_of,
    signed_in,
    visible_loan,
)
from caravan.web.exhibitions.projects import render_workspace

DECIDED_WITH = (LoanStatus.APPROVED,)  # moves that carry the per-object decisions


# --- Preparing requests ---------------------------------------------------------------------------


@require_POST
@signed_in
def loan_requests_create(request: HttpRequest, code: str) -> HttpResponseBase:
    """Group the checklist's borrowed objects into one draft loan per lender."""
    exhibition = editable_exhibition(request, code)
    try:
        loans = services.loan_requests_create(exhibition=exhibition, actor=request.user)
    except ValidationError as error:
        return render_workspace(request, exhibition, status=400, loan_errors=messages_of(error))
    if loans:
        messages.success(
            request,
            ngettext(
                "%(count)d draft loan request is ready; submit it to its lender.",
                "%(count)d draft loan requests are ready; submit each to its lender.",
                len(loans),
            )
            % {"count": len(loans)},
        )
    else:
        messages.info(request, _("Every borrowed object is already in a loan request."))
    return redirect(reverse("web:exhibition_workspace", args=[exhibition.code]) + "#loans")


# --- The queue ------------------------------------------------------------------------------------


@signed_in
def loan_queue(request: HttpRequest) -> HttpResponse:
    """Loans asked of the reader's institution and asked by it, those awaiting its move first."""
    include_finished = request.GET.get("finished") == "1"
    queue = selectors.loan_queue(request.user, include_finished=include_finished)
    awaiting = {loan.pk for loan in queue.awaiting}
    context = {
        "queue": queue,
        "awaiting_ids": awaiting,
        "incoming": [loan for loan in queue.incoming if loan.pk not in awaiting],
        "outgoing": [loan for loan in queue.outgoing if loan.pk not in awaiting],
        "own_institution_id": institution_id_of(request.user),
        "include_finished": include_finished,
        # The secretariat has no desk of its own: it reads every loan and moves none.
        "all_loans": (
            list(selectors.loan_list(user=request.user))
            if is_secretariat(request.user) and institution_id_of(request.user) is None
            else []
        ),
    }
    return render(request, "web/exhibitions/loan_queue.html", context)


# --- One loan -------------------------------------------------------------------------------------


@signed_in
def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_loan(request, visible_loan(request, pk))


def render_loan(
    request: HttpRequest,
    loan: LoanRequest,
    *,
    status: int = 200,
    failed: tuple[str, LoanMoveForm, list[tuple[LoanObject, ObjectDecisionForm]]] | None = None,
    **extra: Any,
) -> HttpResponse:
    """The loan as both sides see it; ``failed`` is a refused move's bound forms, shown again."""
    user = request.user
    side = loan_side(user, loan)
    steps = selectors.loan_next_steps(loan=loan, user=user)
    visible = queries.visible_object_ids(user, loan)
    context = {
        "loan": loan,
        "side": side,
        "side_label": Side(side).label if side else "",
        "moves": [_move_forms(loan, step, failed) for step in steps],
        "visible_objects": visible,
        "reports": queries.reports_by_object(loan),
        "checkpoints": queries.checkpoints_open(user, loan),
        "terms_open": side is not None and loan.status in TERMS_OPEN_STATUSES,
        "history": selectors.loan_history(loan),
        "venues": queries.facility_reports_of(loan.venues.order_by("opens_on", "id")),
        "venues_form": (
            LoanVenuesForm(
                initial={"venues": list(loan.venues.all())},
                exhibition_venues=queries.exhibition_venues(loan),
            )
            if side == Side.BORROWER and loan.status == LoanStatus.DRAFT
            else None
        ),
        "may_see_photos": side is not None,
        **extra,
    }
    return render(request, "web/exhibitions/loan_detail.html", context, status=status)


def _move_forms(
    loan: LoanRequest,
    step: selectors.NextStep,
    failed: tuple[str, LoanMoveForm, list[tuple[LoanObject, ObjectDecisionForm]]] | None,
) -> dict[str, Any]:
    to = step.rule.target
    if failed is not None and failed[0] == to:
        form, decisions = failed[1], failed[2]
    else:
        form = LoanMoveForm(initial={"to": to}, with_conditions=to == LoanStatus.APPROVED)
        decisions = _decision_forms(loan) if to in DECIDED_WITH else []
    return {"step": step, "to": to, "form": form, "decisions": decisions}


def _decision_forms(
    loan: LoanRequest, data: Any = None
) -> list[tuple[LoanObject, ObjectDecisionForm]]:
    return [
        (
            loan_object,
            ObjectDecisionForm(
                data,
                prefix=f"object-{loan_object.pk}",
                initial={"decision": loan_object.decision, "reason": loan_object.decision_reason},
            ),
        )
        for loan_object in loan.loan_objects.all()
    ]


@require_POST
@signed_in
def loan_move(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Make one move of the reader's side, with its comment (and, approving, the decisions)."""
    loan = visible_loan(request, pk)
    to = request.POST.get("to", "")
    form = LoanMoveForm(request.POST, with_conditions=to == LoanStatus.APPROVED)
    decisions = _decision_forms(loan, request.POST) if to in DECIDED_WITH else []
    valid = form.is_valid() & all(decision.is_valid() for _, decision in decisions)
    if not valid:
        return render_loan(request, loan, status=400, failed=(to, form, decisions))
    try:
        services.loan_transition(
            loan=loan,
            to=to,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            conditions=form.cleaned_data.get("conditions") or None,
            decisions=[
                services.ObjectDecisionInput(
                    loan_object_id=loan_object.pk,
                    decision=decision.cleaned_data["decision"],
                    reason=decision.cleaned_data["reason"],
                )
                for loan_object, decision in decisions
                if decision.cleaned_data["decision"]
            ],
        )
    except (ValidationError, WorkflowError) as error:
        add_service_error(form, error)
        fresh = visible_loan(request, pk)  # as stored: the refused move changed nothing
        return render_loan(
            request,
            fresh,
            status=_refusal_status(error),
            failed=(to, form, decisions),
            move_errors=messages_of(error),
        )
    messages.success(
        request,
        _("Loan %(loan)s is now %(status)s.")
        % {"loan": loan.reference, "status": loan.get_status_display().lower()},
    )
    return redirect("web:loan_detail", pk=loan.pk)


def _refusal_status(error: ServiceError) -> int:
    if isinstance(error, PermissionDenied):
        return 403  # the other side's move, or no side at all
    if isinstance(error, WorkflowError):
        return 409  # not from this state, or something still missing
    return 400


@require_POST
@signed_in
def loan_venues(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The borrower narrows which venues a draft asks for."""
    loan = visible_loan(request, pk)
    form = LoanVenuesForm(request.POST, exhibition_venues=queries.exhibition_venues(loan))
    if form.is_valid():
        try:
            services.loan_venues_set(
                loan=loan, venues=list(form.cleaned_data["venues"]), actor=request.user
            )
        except (ValidationError, WorkflowError) as error:
            if isinstance(error, PermissionDenied):
                raise
            add_service_error(form, error)
        else:
            return redirect("web:loan_detail", pk=loan.pk)
    return render_loan(request, loan, status=400, venues_errors=form.errors)


# --- Objects: terms and condition reports --------------------------------------------------------


def _loan_object(loan: LoanRequest, pk: int) -> LoanObject:
    return get_object_or_404(loan.loan_objects.select_related("object__institution"), pk=pk)


@signed_in
def loan_terms(request: HttpRequest, pk: int, object_pk: int) -> HttpResponseBase:
    """Insurance value and currency, courier and credit line of one object (either side, until
    the agreement is signed)."""
    loan = visible_loan(request, pk)
    loan_object = _loan_object(loan, object_pk)
    if loan_side(request.user, loan) is None:
        raise PermissionDenied(_("Only the lender's and the borrower's staff set the terms."))
    form = LoanTermsForm(request.POST or None, initial=terms_initial(loan_object))
    if request.method == "POST" and form.is_valid():
        try:
            services.loan_object_terms_set(
                loan_object=loan_object, actor=request.user, **form.cleaned_data
            )
        except (ValidationError, WorkflowError) as error:
            add_service_error(form, error)
        else:
            return redirect(reverse("web:loan_detail", args=[loan.pk]) + "#objects")
    context = {
        "loan": loan,
        "loan_object": loan_object,
        "form": form,
        "visible_objects": queries.visible_object_ids(request.user, loan),
    }
    return render(
        request, "web/exhibitions/loan_terms.html", context, status=400 if form.is_bound else 200
    )


@signed_in
def condition_report_create(request: HttpRequest, pk: int, object_pk: int) -> HttpResponseBase:
    """File an approved object's condition at a checkpoint the reader's side examines now."""
    loan = visible_loan(request, pk)
    loan_object = _loan_object(loan, object_pk)
    checkpoints = queries.checkpoints_open(request.user, loan)
    if not checkpoints:
        raise PermissionDenied(_("No condition report of yours is due on this loan now."))
    form = ConditionReportForm(
        request.POST or None,
        request.FILES or None,
        checkpoints=checkpoints,
        loan_venues=loan.venues.select_related("institution").order_by("opens_on", "id"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.condition_report_add(
                loan_object=loan_object,
                checkpoint=data["checkpoint"],
                grade=data["grade"],
                notes=data["notes"],
                reported_on=data["reported_on"],
                venue=data["venue"],
                photos=data["photos"],
                actor=request.user,
            )
        except (ValidationError, WorkflowError) as error:
            add_service_error(form, error)
        else:
            return redirect(reverse("web:loan_detail", args=[loan.pk]) + "#reports")
    context = {
        "loan": loan,
        "loan_object": loan_object,
        "form": form,
        "visible_objects": queries.visible_object_ids(request.user, loan),
    }
    return render(
        request,
        "web/exhibitions/condition_report_form.html",
        context,
        status=400 if form.is_bound else 200,
    )


@signed_in
def condition_photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A condition photograph, from the protected storage, for the loan's two sides only."""
    loan = visible_loan(request, pk)
    if loan_side(request.user, loan) is None:
        raise PermissionDenied(_("Condition photographs are for the lender and the borrower."))
    photo = get_object_or_404(
        ConditionPhoto.objects.select_related("report__loan_object"),
        pk=photo_pk,
        report__loan_object__loan=loan,
    )
    name = photo.image.name
    if not photo.image.storage.exists(name):
        raise Http404(_("The photograph's file is missing."))
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        content_type = "application/octet-stream"
    response = FileResponse(photo.image.storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
