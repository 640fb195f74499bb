"""Refusals of the loan and exhibition workflows, each with a sentence a person can act on.

Every refusal is raised before anything is written, inside the service's transaction, so a
refused move changes nothing. The API maps them to HTTP statuses: ``NotALoanParty`` and
``WrongSide`` to 403, ``IllegalTransition`` (and ``RequirementMissing``) to 409.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class WorkflowError(Exception):
    """A move the workflow refuses; ``str(error)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotALoanParty(WorkflowError, PermissionDenied):
    """The user works for neither the lender nor the borrower of the loan."""


class WrongSide(WorkflowError, PermissionDenied):
    """The move belongs to the other side (a borrower approving, a lender marking on display)."""


class IllegalTransition(WorkflowError):
    """The workflow has no such move from the current state (skipping a step, going back)."""


class RequirementMissing(IllegalTransition):
    """The move exists but something must be done first (a condition report, a decision)."""
