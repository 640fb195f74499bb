"""The checks named in workflow.py's ``requires``: what must be done before a move.

Each check reads the database and returns what is missing, in words, or "" when nothing is.
The services refuse a move while a check fails; the selectors show the same checks as the
"what is still missing" of each next step.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from caravan.exhibitions.models import (
    Checkpoint,
    ConditionReport,
    Exhibition,
    LoanRequest,
    ObjectDecision,
)
from caravan.exhibitions.workflow import FINISHED_EXHIBITION_STATUSES

LoanCheck = Callable[[LoanRequest], str]


def _has_objects(loan: LoanRequest) -> str:
    return "" if loan.loan_objects.exists() else _("the request lists no objects")


def _exhibition_active(loan: LoanRequest) -> str:
    if loan.exhibition.status in FINISHED_EXHIBITION_STATUSES:
        return _("the exhibition is %(status)s") % {
            "status": loan.exhibition.get_status_display().lower()
        }
    return ""


def _objects_decided(loan: LoanRequest) -> str:
    pending = loan.loan_objects.filter(decision=ObjectDecision.PENDING).count()
    if not pending:
        return ""
    return ngettext(
        "%(count)d object is neither approved nor declined yet",
        "%(count)d objects are neither approved nor declined yet",
        pending,
    ) % {"count": pending}


def _some_object_approved(loan: LoanRequest) -> str:
    if loan.loan_objects.filter(decision=ObjectDecision.APPROVED).exists():
        return ""
    return _("no object is approved: decline the loan instead")


def _reports(checkpoint: str) -> LoanCheck:
    def check(loan: LoanRequest) -> str:
        approved = loan.loan_objects.filter(decision=ObjectDecision.APPROVED)
        reported = ConditionReport.objects.filter(
            loan_object__loan=loan, checkpoint=checkpoint
        ).values("loan_object_id")
        missing = approved.exclude(pk__in=reported).count()
        if not missing:
            return ""
        return ngettext(
            "%(count)d approved object has no %(checkpoint)s condition report",
            "%(count)d approved objects have no %(checkpoint)s condition report",
            missing,
        ) % {"count": missing, "checkpoint": str(Checkpoint(checkpoint).label).lower()}

    return check


LOAN_CHECKS: dict[str, LoanCheck] = {
    "has_objects": _has_objects,
    "exhibition_active": _exhibition_active,
    "objects_decided": _objects_decided,
    "some_object_approved": _some_object_approved,
    "outgoing_reports": _reports(Checkpoint.OUTGOING),
    "arrival_reports": _reports(Checkpoint.ARRIVAL),
    "return_reports": _reports(Checkpoint.RETURN),
}


def loan_missing(loan: LoanRequest, requirements: tuple[str, ...]) -> list[str]:
    """What the named requirements still miss on this loan (empty when the move may go)."""
    return [problem for name in requirements if (problem := LOAN_CHECKS[name](loan))]


def _has_venue(exhibition: Exhibition) -> str:
    return "" if exhibition.venues.exists() else _("the exhibition has no venue yet")


EXHIBITION_CHECKS: dict[str, Callable[[Exhibition], str]] = {"has_venue": _has_venue}


def exhibition_missing(exhibition: Exhibition, requirements: tuple[str, ...]) -> list[str]:
    return [problem for name in requirements if (problem := EXHIBITION_CHECKS[name](exhibition))]
