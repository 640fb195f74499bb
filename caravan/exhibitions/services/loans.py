"""Writes for loans: requests from the checklist, the two-sided workflow, objects' terms.

One LoanRequest per lender and exhibition is the single record both sides work on. Its status
moves only through ``loan_transition``, which checks — before writing anything — that the user
acts for a side of the loan, that the move is that side's (workflow.LOAN_TRANSITIONS), that it
leaves the current state, and that what it requires is done. Each move is stored as a
LoanTransition, audited and notified, in one transaction: a refused move changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caravan.audit.services import audit_record
from caravan.exhibitions.errors import (
    IllegalTransition,
    NotALoanParty,
    RequirementMissing,
    WrongSide,
)
from caravan.exhibitions.models import (
    Exhibition,
    LoanObject,
    LoanRequest,
    LoanTransition,
    ObjectDecision,
    Venue,
)
from caravan.exhibitions.permissions import can_edit_exhibition, loan_side
from caravan.exhibitions.requirements import loan_missing
from caravan.exhibitions.services.common import (
    Actor,
    apply_changes,
    language_map,
    save_checked,
    user_or_none,
)
from caravan.exhibitions.services.notifications import notify_loan_transition
from caravan.exhibitions.workflow import (
    CANCELLABLE_LOAN_STATUSES,
    FINISHED_EXHIBITION_STATUSES,
    TERMS_OPEN_STATUSES,
    LoanStatus,
    Side,
    loan_actions_to,
    loan_rule,
    loan_rules_from,
)

TERMS_TEXTS = ("courier_notes", "credit_line")
TERMS_FIELDS = ("insurance_value", "insurance_currency", "courier_required", *TERMS_TEXTS)


# --- Requests from the checklist ---------------------------------------------------------------


@transaction.atomic
def loan_requests_create(*, exhibition: Exhibition, actor: Actor) -> list[LoanRequest]:
    """Group the checklist's borrowed objects into one draft loan request per lender.

    The borrower is the exhibition's lead organiser; its own objects need no loan. Objects
    already in a loan of this exhibition (unless that loan was cancelled) are left alone, so
    calling this again after adding objects puts only the new ones in each lender's draft
    (created when the lender has none). A draft covers every venue of the itinerary. Returns
    the drafts created or extended. The exhibition's curators may; refused for a closed or
    cancelled exhibition.
    """
    if not can_edit_exhibition(actor, exhibition):
        raise PermissionDenied(_("only the exhibition's curators prepare its loan requests"))
    if exhibition.status in FINISHED_EXHIBITION_STATUSES:
        raise ValidationError(_("the exhibition is over: no new loan requests"))
    asked = LoanObject.objects.filter(loan__exhibition=exhibition).exclude(
        loan__status=LoanStatus.CANCELLED
    )
    items = (
        exhibition.checklist.exclude(object__institution_id=exhibition.lead_organiser_id)
        .exclude(object_id__in=asked.values("object_id"))
        .filter(object__withdrawn_at__isnull=True)
        .select_related("object__institution")
        .order_by("position", "id")
    )
    by_lender = defaultdict(list)
    for item in items:
        by_lender[item.object.institution].append(item)
    touched = []
    for lender, lender_items in by_lender.items():
        loan = _draft_for(exhibition, lender, actor)
        LoanObject.objects.bulk_create(
            LoanObject(
                loan=loan, item=item, object=item.object, credit_line=item.object.credit_line
            )
            for item in lender_items
        )
        audit_record(
            actor=actor,
            action="loan.objects_add",
            target=loan,
            details={"objects": [item.object_id for item in lender_items]},
        )
        touched.append(loan)
    return touched


def _draft_for(exhibition: Exhibition, lender: Any, actor: Actor) -> LoanRequest:
    loan = LoanRequest.objects.filter(
        exhibition=exhibition, lender=lender, status=LoanStatus.DRAFT
    ).first()
    if loan is not None:
        return loan
    loan = LoanRequest(
        exhibition=exhibition,
        lender=lender,
        borrower_id=exhibition.lead_organiser_id,
        created_by=user_or_none(actor),
    )
    save_checked(loan, actor=actor, action="loan.create")
    loan.venues.set(exhibition.venues.all())
    LoanTransition.objects.create(
        loan=loan,
        from_status="",
        to_status=LoanStatus.DRAFT,
        side=Side.BORROWER,
        by=user_or_none(actor),
        by_name=_name(actor),
    )
    return loan


@transaction.atomic
def loan_venues_set(*, loan: LoanRequest, venues: Sequence[Venue], actor: Actor) -> LoanRequest:
    """Choose which stops of the itinerary a draft loan asks for (the borrower, in a draft)."""
    loan = _locked(loan.pk)
    _require_side(actor, loan, Side.BORROWER, _("choose a loan's venues"))
    if loan.status != LoanStatus.DRAFT:
        raise ValidationError(_("the venues of a submitted loan no longer change"))
    if not venues or any(venue.exhibition_id != loan.exhibition_id for venue in venues):
        raise ValidationError({"venues": _("choose at least one venue of this exhibition")})
    loan.venues.set(venues)
    audit_record(
        actor=actor, action="loan.venues", target=loan, details={"venues": [v.pk for v in venues]}
    )
    return loan


# --- The workflow -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectDecisionInput:
    """The lender's decision on one object of the loan (by LoanObject id)."""

    loan_object_id: int
    decision: str
    reason: Any = None


@transaction.atomic
def loan_transition(
    *,
    loan: LoanRequest,
    to: str,
    actor: Actor,
    comment: Any = "",
    conditions: Any = None,
    decisions: Sequence[ObjectDecisionInput] = (),
) -> LoanTransition:
    """Move a loan to ``to`` for the side the actor works for; returns the stored move.

    Refused, with nothing changed: a user of neither side (NotALoanParty); a move the other
    side makes (WrongSide — "the borrower cannot approve a loan; only the lender … can"); a
    move the workflow has not from the current state (IllegalTransition); a move whose
    requirements are not met (RequirementMissing). Approving or declining may carry the
    lender's per-object ``decisions`` and, for approval, the ``conditions`` of the loan;
    declining the loan declines every object still undecided. ``comment`` (text or a language
    map) is kept with the move. Both sides and the curators are notified.
    """
    fresh = _locked(loan.pk)
    side = _acting_side(actor, fresh, to)
    rule = loan_rule(fresh.status, to)
    if rule is None or rule.side != side:
        raise IllegalTransition(_illegal_message(fresh, to, side))
    notes = language_map(comment or {}, "comment")
    changes: dict[str, Any] = {}
    if conditions is not None:
        if to != LoanStatus.APPROVED:
            raise ValidationError({"conditions": _("conditions are set with the approval")})
        changes["conditions"] = language_map(conditions, "conditions")
    if decisions:
        if to not in (LoanStatus.APPROVED, LoanStatus.DECLINED):
            raise ValidationError({"decisions": _("objects are decided with approval or decline")})
        _apply_decisions(fresh, decisions)
    if to == LoanStatus.DECLINED:
        fresh.loan_objects.filter(decision=ObjectDecision.PENDING).update(
            decision=ObjectDecision.DECLINED
        )
    missing = loan_missing(fresh, rule.requires)
    if missing:
        raise RequirementMissing(
            _("the loan cannot become %(to)s yet: %(missing)s")
            % {"to": _label(to), "missing": "; ".join(missing)}
        )
    transition = _move(fresh, to, side, actor, notes, changes)
    for name in ("status", "status_changed_at", "submitted_at", "conditions"):
        setattr(loan, name, getattr(fresh, name))  # the caller's copy shows the move too
    return transition


def _locked(pk: int) -> LoanRequest:
    """The loan as stored, locked until the transaction ends (PostgreSQL; SQLite writes one at a
    time anyway), so two moves of one loan never interleave."""
    return (
        LoanRequest.objects.select_for_update()
        .select_related("exhibition", "lender", "borrower")
        .get(pk=pk)
    )


def _locked_object(loan_object: LoanObject) -> LoanObject:
    """The loan object as stored (not the caller's copy, which a refused change may have
    touched), with its loan locked."""
    loan = _locked(loan_object.loan_id)
    fresh = LoanObject.objects.select_related("object").get(pk=loan_object.pk)
    fresh.loan = loan
    return fresh


def _acting_side(actor: Actor, loan: LoanRequest, to: str) -> str:
    """The actor's side, if that side ever moves a loan into ``to`` (from whatever state)."""
    side = _party_side(actor, loan)
    rules = loan_actions_to(to)
    if rules and side not in {rule.side for rule in rules}:
        raise _wrong_side(loan, side, rules[0].side, rules[0].action)
    return side


def _party_side(actor: Actor, loan: LoanRequest) -> str:
    side = loan_side(actor, loan)
    if side is None:
        raise NotALoanParty(
            _("only the staff of %(lender)s (lender) and %(borrower)s (borrower) act on this loan")
            % {"lender": loan.lender, "borrower": loan.borrower}
        )
    return side


def _wrong_side(loan: LoanRequest, side: str, other: str, action: object) -> WrongSide:
    return WrongSide(
        _("the %(side)s cannot %(action)s; only the %(other)s (%(institution)s) can")
        % {
            "side": Side(side).label,
            "action": action,
            "other": Side(other).label,
            "institution": loan.side_institution(other),
        }
    )


def _illegal_message(loan: LoanRequest, to: str, side: str) -> str:
    nexts = [
        _("%(status)s (by the %(side)s)")
        % {"status": _label(rule.target), "side": Side(rule.side).label}
        for rule in loan_rules_from(loan.status)
    ]
    return _("this loan is %(current)s and cannot move to %(to)s from there; next: %(next)s") % {
        "current": _label(loan.status),
        "to": _label(to),
        "next": ", ".join(nexts) or _("nothing, it is finished"),
    }


def _label(status: str) -> str:
    if status in LoanStatus.values:
        return str(LoanStatus(status).label).lower()
    return repr(status)


def _move(
    loan: LoanRequest,
    to: str,
    side: str,
    actor: Actor,
    comment: Any,
    changes: dict[str, Any] | None = None,
) -> LoanTransition:
    """Store the move (status, history, audit, notifications); the caller has checked it."""
    now = timezone.now()
    current = loan.status
    fields: dict[str, Any] = {"status": to, "status_changed_at": now, **(changes or {})}
    if to == LoanStatus.REQUESTED and loan.submitted_at is None:
        fields["submitted_at"] = now
    # Compare-and-set: a concurrent move of the same loan makes this one fail, not both win.
    moved = LoanRequest.objects.filter(pk=loan.pk, status=current).update(**fields)
    if not moved:
        raise IllegalTransition(_("the loan was moved by someone else meanwhile; look again"))
    for name, value in fields.items():
        setattr(loan, name, value)
    transition = LoanTransition.objects.create(
        loan=loan,
        from_status=current,
        to_status=to,
        side=side,
        by=user_or_none(actor),
        by_name=_name(actor),
        comment=language_map(comment or {}, "comment"),
    )
    audit_record(
        actor=actor,
        action=f"loan.{to}",
        target=loan,
        details={"from": current, "to": to, "side": side, "transition": transition.pk},
    )
    notify_loan_transition(transition=transition, actor=actor)
    return transition


def _name(actor: Actor) -> str:
    user = user_or_none(actor)
    return user.get_username() if user else ""


def loans_cancel_with_exhibition(*, exhibition: Exhibition, actor: Actor) -> list[LoanRequest]:
    """Cancel the exhibition's loans whose objects have not left their lenders (called by
    exhibition_status_change, inside its transaction)."""
    cancelled = []
    for loan in exhibition.loans.filter(status__in=CANCELLABLE_LOAN_STATUSES):
        _move(
            loan,
            LoanStatus.CANCELLED,
            Side.SYSTEM,
            actor,
            {"en": "The exhibition was cancelled."},
        )
        cancelled.append(loan)
    return cancelled


# --- Objects: decisions and terms ---------------------------------------------------------------


def _require_side(actor: Actor, loan: LoanRequest, side: str, action: str) -> None:
    acting = _party_side(actor, loan)
    if acting != side:
        raise _wrong_side(loan, acting, side, action)


def _apply_decisions(loan: LoanRequest, decisions: Sequence[ObjectDecisionInput]) -> None:
    objects = {lo.pk: lo for lo in loan.loan_objects.all()}
    for decision in decisions:
        loan_object = objects.get(decision.loan_object_id)
        if loan_object is None:
            raise ValidationError(
                {
                    "decisions": _("object %(id)s is not in this loan")
                    % {"id": decision.loan_object_id}
                }
            )
        _decide(loan_object, decision.decision, decision.reason)


def _decide(loan_object: LoanObject, decision: str, reason: Any) -> None:
    if decision not in ObjectDecision.values:
        raise ValidationError({"decision": _("decide approved, declined or pending")})
    loan_object.decision = decision
    loan_object.decision_reason = language_map(reason or {}, "reason")
    if decision == ObjectDecision.DECLINED and not loan_object.decision_reason:
        raise ValidationError({"reason": _("say why an object is declined")})
    loan_object.save(update_fields=["decision", "decision_reason"])


@transaction.atomic
def loan_object_decide(
    *, loan_object: LoanObject, decision: str, actor: Actor, reason: Any = None
) -> LoanObject:
    """The lender approves or declines one object while reviewing (a reason is required to
    decline). Approving the loan later needs every object decided."""
    loan_object = _locked_object(loan_object)
    loan = loan_object.loan
    _require_side(actor, loan, Side.LENDER, _("decide on a loan's objects"))
    if loan.status != LoanStatus.UNDER_REVIEW:
        raise IllegalTransition(
            _("objects are decided while the loan is under review; it is %(status)s")
            % {"status": _label(loan.status)}
        )
    _decide(loan_object, decision, reason)
    audit_record(
        actor=actor,
        action="loan.object_decide",
        target=loan,
        details={"object": loan_object.object_id, "decision": decision},
    )
    return loan_object


@transaction.atomic
def loan_object_terms_set(*, loan_object: LoanObject, actor: Actor, **terms: Any) -> LoanObject:
    """Set an object's terms: ``insurance_value`` with ``insurance_currency`` (ISO 4217),
    ``courier_required`` and ``courier_notes``, ``credit_line``. Either side may, until the
    agreement is signed; afterwards the terms are what was signed."""
    loan_object = _locked_object(loan_object)
    loan = loan_object.loan
    _party_side(actor, loan)
    if loan.status not in TERMS_OPEN_STATUSES:
        raise IllegalTransition(
            _("the terms are fixed once the agreement is signed; the loan is %(status)s")
            % {"status": _label(loan.status)}
        )
    changed = apply_changes(loan_object, terms, TERMS_FIELDS, TERMS_TEXTS)
    if loan_object.insurance_value is not None and not loan_object.insurance_currency:
        raise ValidationError({"insurance_currency": _("give the insurance value's currency")})
    if changed:
        save_checked(
            loan_object,
            actor=actor,
            action="loan.object_terms",
            details={"object": loan_object.object_id, "fields": changed},
            audit_target=loan,
        )
    return loan_object
