"""Reads from the audit log."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from caravan.audit.models import AuditEntry


def audit_trail(target: models.Model) -> QuerySet[AuditEntry]:
    """Every entry about one record, oldest first."""
    return AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("at", "id")
