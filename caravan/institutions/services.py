"""Writes for institutions, alliances and memberships.

Every service validates the whole object before saving and raises django's ValidationError with
a message a secretariat officer can act on; nothing is written when validation fails.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map
from caravan.institutions.models import (
    Alliance,
    Institution,
    InstitutionType,
    Membership,
    MembershipRole,
    MembershipStatus,
)

INSTITUTION_FIELDS = (
    "short_name",
    "type",
    "city",
    "latitude",
    "longitude",
    "isil",
    "wikidata",
    "website",
    "description",
)
ALLIANCE_FIELDS = ("acronym", "founded", "description", "is_sample")


def _language_map(value: Any, field: str) -> LanguageMap:
    try:
        return clean_language_map(value)
    except LanguageMapError as error:
        raise ValidationError({field: str(error)}) from error


def institution_create(
    *,
    code: str,
    names: LanguageMap,
    country: str,
    type: str = InstitutionType.OTHER,
    **details: Any,
) -> Institution:
    """Create an institution; refuses a taken code, an unknown country or type, a bad tag."""
    institution = Institution(
        code=code, names=_language_map(names, "names"), country=country, type=type
    )
    _apply(institution, details, INSTITUTION_FIELDS)
    _require_name(institution.names)
    institution.full_clean()
    institution.save()
    return institution


def institution_upsert(
    *, code: str, names: LanguageMap, country: str, **details: Any
) -> Institution:
    """Create the institution, or bring the existing one with this code up to date."""
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        return institution_create(code=code, names=names, country=country, **details)
    institution.names = _language_map(names, "names")
    institution.country = country
    _apply(institution, details, (*INSTITUTION_FIELDS, "type"))
    institution.full_clean()
    institution.save()
    return institution


def alliance_create(*, code: str, names: LanguageMap, **details: Any) -> Alliance:
    alliance = Alliance(code=code, names=_language_map(names, "names"))
    _apply(alliance, details, (*ALLIANCE_FIELDS, "secretariat"))
    _require_name(alliance.names)
    alliance.full_clean()
    alliance.save()
    return alliance


def alliance_upsert(*, code: str, names: LanguageMap, **details: Any) -> Alliance:
    alliance = Alliance.objects.filter(code=code).first()
    if alliance is None:
        return alliance_create(code=code, names=names, **details)
    alliance.names = _language_map(names, "names")
    _apply(alliance, details, (*ALLIANCE_FIELDS, "secretariat"))
    alliance.full_clean()
    alliance.save()
    return alliance


def _apply(instance: Any, details: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(details) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for field, value in details.items():
        field_object = instance._meta.get_field(field)
        if field_object.get_internal_type() == "JSONField":
            value = _language_map(value, field)
        setattr(instance, field, value)


def _require_name(names: LanguageMap) -> None:
    if not names:
        raise ValidationError({"names": "a name is needed in at least one language"})


@transaction.atomic
def membership_add(
    *,
    institution: Institution,
    alliance: Alliance,
    role: str = MembershipRole.MEMBER,
    status: str = MembershipStatus.MEMBER,
    start_date: datetime.date | None = None,
    note: str = "",
) -> Membership:
    """Open a membership period. Refused while the institution already has a current one there."""
    if Membership.objects.filter(
        institution=institution, alliance=alliance, end_date__isnull=True
    ).exists():
        raise ValidationError(
            f"{institution.code} already has a current membership of {alliance.code}; "
            "change it instead of adding another"
        )
    return _open_period(
        institution=institution,
        alliance=alliance,
        role=role,
        status=status,
        start_date=start_date or timezone.localdate(),
        note=note,
    )


def _open_period(
    *,
    institution: Institution,
    alliance: Alliance,
    role: str,
    status: str,
    start_date: datetime.date,
    note: str,
) -> Membership:
    period = Membership(
        institution=institution,
        alliance=alliance,
        role=role,
        status=status,
        start_date=start_date,
        note=note,
    )
    period.full_clean(validate_constraints=False)
    period.save()
    return period


@transaction.atomic
def membership_change(
    *,
    membership: Membership,
    role: str | None = None,
    status: str | None = None,
    on: datetime.date | None = None,
    note: str = "",
) -> Membership:
    """Record a change of role or status from a date: the current period ends, a new one opens.

    The earlier period is kept unchanged apart from its end date, so the history stays whole.
    """
    if not membership.is_current:
        raise ValidationError("only the current membership period can change")
    effective = on or timezone.localdate()
    if effective < membership.start_date:
        raise ValidationError("a change cannot take effect before the current period began")
    membership.end_date = effective
    membership.save(update_fields=["end_date"])
    return _open_period(
        institution=membership.institution,
        alliance=membership.alliance,
        role=role or membership.role,
        status=status or membership.status,
        start_date=effective,
        note=note,
    )


@transaction.atomic
def membership_end(
    *, membership: Membership, on: datetime.date | None = None, note: str = ""
) -> Membership:
    """Withdraw: the current period ends and a closed 'withdrawn' period records the departure."""
    withdrawn = membership_change(
        membership=membership, status=MembershipStatus.WITHDRAWN, on=on, note=note
    )
    withdrawn.end_date = withdrawn.start_date
    withdrawn.save(update_fields=["end_date"])
    return withdrawn
