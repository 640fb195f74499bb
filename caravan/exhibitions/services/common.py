"""What every exhibition and loan service shares: the actor, language maps, checked saves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from caravan.accounts.models import User
from caravan.audit.services import audit_record
from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map

# ``None`` is the platform itself: the command line or the demo loader.
Actor = User | AnonymousUser | None
# A comment or note given as plain text is stored under this tag ("undetermined" in BCP 47):
# a person's words are not guessed to be in their interface language.
UNDETERMINED = "und"


def language_map(value: Any, name: str) -> LanguageMap:
    """A cleaned language map; plain text becomes the text of an undetermined language."""
    if isinstance(value, str):
        value = {UNDETERMINED: value}
    try:
        cleaned = clean_language_map(value)
    except LanguageMapError as error:
        raise ValidationError({name: str(error)}) from error
    # PostgreSQL's JSON cannot hold a NUL character; no human text needs one.
    if any("\x00" in text for text in cleaned.values()):
        raise ValidationError({name: "the text contains a NUL character"})
    return cleaned


def apply_changes(
    instance: models.Model,
    changes: Mapping[str, Any],
    allowed: Iterable[str],
    language_maps: Iterable[str] = (),
) -> list[str]:
    """Set the allowed fields on the instance; refuse unknown ones. Returns the changed names."""
    allowed_set, maps = set(allowed), set(language_maps)
    unknown = sorted(set(changes) - allowed_set)
    if unknown:
        raise ValidationError(f"these fields cannot be changed here: {', '.join(unknown)}")
    changed = []
    for name, value in changes.items():
        new = language_map(value, name) if name in maps else value
        if getattr(instance, name) != new:
            setattr(instance, name, new)
            changed.append(name)
    return changed


def save_checked(
    instance: models.Model,
    *,
    actor: Actor,
    action: str,
    details: dict[str, Any] | None = None,
    audit_target: models.Model | None = None,
) -> Any:
    """Validate, save and audit in one go (the caller holds the transaction)."""
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action=action, target=audit_target or instance, details=details)
    return instance


def refuse(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def user_or_none(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None
