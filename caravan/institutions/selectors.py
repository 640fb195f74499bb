"""Reads for institutions, alliances and memberships."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from caravan.institutions.models import (
    Alliance,
    Institution,
    Membership,
    MembershipStatus,
)


def current_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(end_date__isnull=True)


def alliance_members(alliance: Alliance) -> QuerySet[Membership]:
    """The alliance's current members and applicants, institutions loaded."""
    return (
        current_memberships()
        .filter(alliance=alliance)
        .exclude(status=MembershipStatus.WITHDRAWN)
        .select_related("institution")
        .order_by("institution__country", "institution__code")
    )


@dataclass(frozen=True)
class MemberCounts:
    total: int
    by_country: list[tuple[str, int]]
    by_type: list[tuple[str, int]]
    countries: int


def alliance_member_counts(alliance: Alliance) -> MemberCounts:
    members = [
        m.institution for m in alliance_members(alliance) if m.status == MembershipStatus.MEMBER
    ]
    by_country = Counter(institution.country for institution in members)
    by_type = Counter(institution.type for institution in members)
    return MemberCounts(
        total=len(members),
        by_country=by_country.most_common(),
        by_type=by_type.most_common(),
        countries=len(by_country),
    )


def alliances_with_member_counts() -> QuerySet[Alliance]:
    return Alliance.objects.annotate(
        member_count=Count(
            "memberships",
            filter=Q(
                memberships__end_date__isnull=True, memberships__status=MembershipStatus.MEMBER
            ),
        )
    ).order_by("code")


def institution_alliances(institution: Institution) -> QuerySet[Membership]:
    return current_memberships().filter(institution=institution).select_related("alliance")


def institutions_with_alliances() -> QuerySet[Institution]:
    return Institution.objects.prefetch_related(
        Prefetch("memberships", queryset=current_memberships().select_related("alliance"))
    ).order_by("country", "code")


def membership_history(institution: Institution, alliance: Alliance) -> QuerySet[Membership]:
    return Membership.objects.filter(institution=institution, alliance=alliance).order_by(
        "start_date", "id"
    )


def institution_by_code(code: str) -> Institution:
    """The institution with this code; Institution.DoesNotExist names the code when absent."""
    found = Institution.objects.filter(code=code).first()
    if found is None:
        raise Institution.DoesNotExist(f"there is no institution '{code}'")
    return found
