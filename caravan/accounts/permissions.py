"""Who may see and change what. Every surface (web, admin, CLI, API) asks these functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:
    from caravan.accounts.models import User


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
