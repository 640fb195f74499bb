"""Who may see and change what. Every surface (web, admin, CLI, API) asks these functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:
    from caravan.accounts.models import User
    from caravan.institutions.models import Alliance


def is_secretariat(user: User | AnonymousUser) -> bool:
    """Secretariat staff (and superusers) manage everything."""
    return bool(
        user.is_authenticated and (user.is_superuser or getattr(user, "is_secretariat", False))
    )


def institution_id_of(user: User | AnonymousUser) -> int | None:
    return getattr(user, "institution_id", None) if user.is_authenticated else None


def can_edit_institution_records(user: User | AnonymousUser, institution_id: int) -> bool:
    """Secretariat staff edit any institution's records; editors only their own institution's."""
    if is_secretariat(user):
        return True
    return bool(
        user.is_authenticated and user.is_staff and institution_id_of(user) == institution_id
    )


def member_alliance_ids(institution_id: int | None) -> set[int]:
    """Alliances in which an institution is now a member (not an applicant, not withdrawn)."""
    if institution_id is None:
        return set()
    from caravan.institutions.models import Membership, MembershipStatus

    return set(
        Membership.objects.filter(
            institution_id=institution_id, end_date__isnull=True, status=MembershipStatus.MEMBER
        ).values_list("alliance_id", flat=True)
    )


def is_current_member(user: User | AnonymousUser, alliance_id: int) -> bool:
    """The user works for an institution that is now a member of the alliance."""
    return alliance_id in member_alliance_ids(institution_id_of(user))


def can_manage_alliance(user: User | AnonymousUser, alliance: Alliance) -> bool:
    """Platform secretariat staff, or staff of the alliance's own secretariat institution."""
    if is_secretariat(user):
        return True
    own = institution_id_of(user)
    return bool(
        user.is_authenticated
        and user.is_staff
        and own is not None
        and own == alliance.secretariat_id
    )
