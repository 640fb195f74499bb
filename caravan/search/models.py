"""The change log the search index follows: one row per object write, written by the database.

Triggers on the catalogue tables insert the rows (migrations/0001_initial.py), so every write —
the ORM, the importers' raw SQL, a bulk update in the admin — logs itself in the same
transaction as the change. A crash after the commit and before the index write loses nothing:
the index replays the log from its last position.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexChange(models.Model):
    id = models.BigAutoField(primary_key=True)
    # No foreign key: a deleted object's change must outlive the object.
    object_id = models.BigIntegerField(_("object"))
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")
        indexes = [models.Index(fields=["changed_at"], name="index_change_time")]

    def __str__(self) -> str:
        return f"#{self.id} object {self.object_id}"
