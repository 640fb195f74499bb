"""Recording state-changing actions. Services call `audit_record` inside their own transaction,
so an action and its audit entry are stored together or not at all."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models

from caravan.accounts.models import User
from caravan.audit.models import AuditEntry


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry: ``actor`` did ``action`` (e.g. ``application.accept``) to ``target``.

    Anonymous actors (a public form) are recorded without a user. Entries are never updated.
    """
    user = actor if isinstance(actor, User) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        details=details or {},
    )
