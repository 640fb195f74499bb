"""Validators for loan terms."""

from __future__ import annotations

import re

import pycountry
from django.core.exceptions import ValidationError


def validate_currency_code(code: str) -> None:
    """Refuse anything but an ISO 4217 alphabetic code in upper case (CNY, EUR, USD…)."""
    if not re.fullmatch(r"[A-Z]{3}", code or "") or pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(
            f"'{code}' is not an ISO 4217 currency code (e.g. CNY, EUR, USD)",
            code="invalid_currency",
        )
