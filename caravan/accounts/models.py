"""Users: staff of a member institution, or of an alliance's secretariat."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("An institution's editors change only their own institution's records."),
    )
    is_secretariat = models.BooleanField(
        _("secretariat staff"),
        default=False,
        help_text=_("Secretariat staff manage every institution, alliance and record."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
