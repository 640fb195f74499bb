"""The two state machines of this app, written as data: an exhibition's and a loan's.

Services read these tables to decide what may happen; docs/exhibitions.md shows the same tables
(and a test keeps the two in step). A loan transition belongs to one side: the borrower (the
exhibition's lead organiser) or the lender (the institution that owns the objects). Nobody
performs the other side's moves — not even the secretariat, because approving or dispatching a
loan is a legal act of the institution concerned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# --- Exhibitions -------------------------------------------------------------------------------


class ExhibitionStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    CONFIRMED = "confirmed", _("Confirmed")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# Everyone sees an exhibition once it opens; before that only the people working on it.
PUBLIC_EXHIBITION_STATUSES = frozenset({ExhibitionStatus.OPEN, ExhibitionStatus.CLOSED})
# No more checklist changes or new loan requests once an exhibition is over.
FINISHED_EXHIBITION_STATUSES = frozenset({ExhibitionStatus.CLOSED, ExhibitionStatus.CANCELLED})

EXHIBITION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ExhibitionStatus.IDEA: (ExhibitionStatus.PLANNING, ExhibitionStatus.CANCELLED),
    ExhibitionStatus.PLANNING: (ExhibitionStatus.CONFIRMED, ExhibitionStatus.CANCELLED),
    ExhibitionStatus.CONFIRMED: (ExhibitionStatus.OPEN, ExhibitionStatus.CANCELLED),
    ExhibitionStatus.OPEN: (ExhibitionStatus.CLOSED, ExhibitionStatus.CANCELLED),
    ExhibitionStatus.CLOSED: (),
    ExhibitionStatus.CANCELLED: (),
}
# An exhibition is confirmed and opened only with somewhere to show it.
EXHIBITION_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    ExhibitionStatus.CONFIRMED: ("has_venue",),
    ExhibitionStatus.OPEN: ("has_venue",),
}


# --- Loans --------------------------------------------------------------------------------------


class LoanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REQUESTED = "requested", _("Requested")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    IN_TRANSIT = "in_transit", _("In transit")
    ON_DISPLAY = "on_display", _("On display")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Side(models.TextChoices):
    BORROWER = "borrower", _("borrower")
    LENDER = "lender", _("lender")
    # Moves the platform makes for someone: cancelling loans when their exhibition is cancelled.
    SYSTEM = "system", _("system")


# A loan in these states holds no promise of its objects (see selectors.checklist_conflicts).
LAPSED_LOAN_STATUSES = frozenset({LoanStatus.DECLINED, LoanStatus.CANCELLED})
FINAL_LOAN_STATUSES = frozenset({LoanStatus.DECLINED, LoanStatus.CLOSED, LoanStatus.CANCELLED})
# Until the agreement is signed, the terms of each object (insurance, courier) may change.
TERMS_OPEN_STATUSES = frozenset(
    {LoanStatus.DRAFT, LoanStatus.REQUESTED, LoanStatus.UNDER_REVIEW, LoanStatus.APPROVED}
)
# Before the objects leave the lender, a cancelled exhibition cancels its loans outright;
# objects already travelling come home through the normal steps.
CANCELLABLE_LOAN_STATUSES = frozenset(
    {
        LoanStatus.DRAFT,
        LoanStatus.REQUESTED,
        LoanStatus.UNDER_REVIEW,
        LoanStatus.APPROVED,
        LoanStatus.AGREEMENT_SIGNED,
    }
)


@dataclass(frozen=True)
class LoanTransitionRule:
    """One arrow of the loan workflow: who may move a loan from ``source`` to ``target``.

    ``action`` completes the sentence "the borrower cannot …", so that a refusal reads well;
    ``requires`` names the checks (services.loans.REQUIREMENTS) that must hold first.
    """

    source: str
    target: str
    side: str
    action: Promise
    requires: tuple[str, ...] = ()


LOAN_TRANSITIONS: tuple[LoanTransitionRule, ...] = (
    LoanTransitionRule(
        LoanStatus.DRAFT,
        LoanStatus.REQUESTED,
        Side.BORROWER,
        _("submit a loan request"),
        ("has_objects", "exhibition_active"),
    ),
    LoanTransitionRule(
        LoanStatus.REQUESTED, LoanStatus.UNDER_REVIEW, Side.LENDER, _("start reviewing a loan")
    ),
    LoanTransitionRule(
        LoanStatus.UNDER_REVIEW,
        LoanStatus.APPROVED,
        Side.LENDER,
        _("approve a loan"),
        ("objects_decided", "some_object_approved"),
    ),
    LoanTransitionRule(
        LoanStatus.UNDER_REVIEW, LoanStatus.DECLINED, Side.LENDER, _("decline a loan")
    ),
    LoanTransitionRule(
        LoanStatus.APPROVED,
        LoanStatus.AGREEMENT_SIGNED,
        Side.LENDER,
        _("record a loan's signed agreement"),
    ),
    LoanTransitionRule(
        LoanStatus.AGREEMENT_SIGNED,
        LoanStatus.IN_TRANSIT,
        Side.LENDER,
        _("dispatch a loan"),
        ("outgoing_reports",),
    ),
    LoanTransitionRule(
        LoanStatus.IN_TRANSIT,
        LoanStatus.ON_DISPLAY,
        Side.BORROWER,
        _("mark a loan on display"),
        ("arrival_reports",),
    ),
    LoanTransitionRule(
        LoanStatus.ON_DISPLAY,
        LoanStatus.RETURNED,
        Side.LENDER,
        _("confirm a loan's return"),
        ("return_reports",),
    ),
    LoanTransitionRule(LoanStatus.RETURNED, LoanStatus.CLOSED, Side.LENDER, _("close a loan")),
    *(
        LoanTransitionRule(
            status, LoanStatus.CANCELLED, Side.BORROWER, _("withdraw a loan request")
        )
        for status in (
            LoanStatus.DRAFT,
            LoanStatus.REQUESTED,
            LoanStatus.UNDER_REVIEW,
            LoanStatus.APPROVED,
            LoanStatus.AGREEMENT_SIGNED,
        )
    ),
)

# What each requirement asks, for the documentation and the refusal messages.
REQUIREMENT_DESCRIPTIONS: dict[str, Promise] = {
    "has_objects": _("the request lists at least one object"),
    "exhibition_active": _("the exhibition is neither closed nor cancelled"),
    "objects_decided": _("every object is approved or declined"),
    "some_object_approved": _("at least one object is approved (else decline the loan)"),
    "outgoing_reports": _("an outgoing condition report for every approved object"),
    "arrival_reports": _("an arrival condition report for every approved object"),
    "return_reports": _("a return condition report for every approved object"),
    "has_venue": _("the exhibition has at least one venue"),
}


def loan_rule(source: str, target: str) -> LoanTransitionRule | None:
    """The arrow from ``source`` to ``target``, or None when the workflow has no such arrow."""
    return next((r for r in LOAN_TRANSITIONS if r.source == source and r.target == target), None)


def loan_rules_from(source: str, side: str | None = None) -> list[LoanTransitionRule]:
    """The arrows leaving a state (for one side only, when given), in workflow order."""
    return [r for r in LOAN_TRANSITIONS if r.source == source and side in (None, r.side)]


def loan_sides_reaching(target: str) -> set[str]:
    """Which sides ever move a loan into ``target`` (from any state)."""
    return {r.side for r in LOAN_TRANSITIONS if r.target == target}


def loan_actions_to(target: str, side: str | None = None) -> list[LoanTransitionRule]:
    return [r for r in LOAN_TRANSITIONS if r.target == target and side in (None, r.side)]


def status_labels(statuses: Iterable[str], choices: type[models.TextChoices]) -> str:
    return ", ".join(str(choices(status).label).lower() for status in statuses)
