"""The inbox count in the header of every page, for signed-in staff.

Given as a callable (templates call it) that counts once: the query runs only on pages that
show the count, at most once per page, and never for anonymous readers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from caravan.exhibitions.selectors import notification_unread_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not (user.is_authenticated and user.is_staff):
        return {}

    @cache
    def unread() -> int:
        return notification_unread_count(user)

    return {"inbox_unread": unread}
