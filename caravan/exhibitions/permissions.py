"""Who may change an exhibition and who acts for which side of a loan.

Built on the platform's rule (caravan.accounts.permissions.can_edit_institution_records): an
institution's staff act for their institution, the secretariat for everyone — except on a
loan's workflow, where only the two sides' own staff act (see workflow.py for why).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from caravan.accounts.models import User
from caravan.accounts.permissions import (
    can_edit_institution_records,
    institution_id_of,
    is_secretariat,
)
from caravan.exhibitions.models import Exhibition, LoanRequest, Venue
from caravan.exhibitions.workflow import Side

Viewer = User | AnonymousUser


def can_edit_exhibition(user: Viewer | None, exhibition: Exhibition) -> bool:
    """The exhibition's curators: staff of the lead or a co-organiser, its curator users, or the
    secretariat. ``None`` is the platform itself (the command line, the demo loader)."""
    if user is None or is_secretariat(user):
        return True
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if any(can_edit_institution_records(user, pk) for pk in exhibition.organiser_ids()):
        return True
    return exhibition.curators.filter(pk=user.pk).exists()


def loan_side(user: Viewer | None, loan: LoanRequest) -> str | None:
    """The side the user acts for on this loan (``Side.LENDER`` or ``Side.BORROWER``), or None.

    Staff of the lender act for the lender (once the loan has been submitted), staff of the
    borrower for the borrower; the two are never the same institution. The secretariat acts
    for no side.
    """
    if user is None or not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    own = institution_id_of(user)
    if own is None:
        return None
    if own == loan.lender_id:
        # A draft is the borrower's working copy: the lender has no part in it yet.
        return Side.LENDER if loan.submitted_at is not None else None
    if own == loan.borrower_id:
        return Side.BORROWER
    return None


def can_see_loan(user: Viewer, loan: LoanRequest) -> bool:
    """The two sides (the lender once the loan was first submitted) and the secretariat."""
    if is_secretariat(user):
        return True
    own = institution_id_of(user)
    if own is None:
        return False
    if own == loan.borrower_id:
        return True
    return own == loan.lender_id and loan.submitted_at is not None


def can_file_facility_report(user: Viewer | None, venue: Venue) -> bool:
    """The exhibition's curators, or the staff of the venue's own institution."""
    if can_edit_exhibition(user, venue.exhibition):
        return True
    return bool(
        user is not None
        and venue.institution_id is not None
        and can_edit_institution_records(user, venue.institution_id)
    )
