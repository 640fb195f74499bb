"""Reads for institutions, alliances and memberships."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from caravan.institutions.models import (
    Alliance,
    ApplicationStatus,
    CouncilDecision,
    Institution,
    Membership,
    MembershipApplication,
    MembershipStatus,
    Office,
    OfficeTerm,
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
    # Domestic: in the country of the alliance's secretariat; international: elsewhere.
    home_country: str = ""
    domestic: int = 0
    international: int = 0


def alliance_member_counts(alliance: Alliance) -> MemberCounts:
    members = [
        m.institution for m in alliance_members(alliance) if m.status == MembershipStatus.MEMBER
    ]
    by_country = Counter(institution.country for institution in members)
    by_type = Counter(institution.type for institution in members)
    home = alliance.secretariat.country if alliance.secretariat else ""
    domestic = by_country.get(home, 0) if home else 0
    return MemberCounts(
        total=len(members),
        by_country=by_country.most_common(),
        by_type=by_type.most_common(),
        countries=len(by_country),
        home_country=home,
        domestic=domestic,
        international=len(members) - domestic if home else 0,
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


# --- Admission and governance -------------------------------------------------------------------


def alliance_applications(
    alliance: Alliance, *, open_only: bool = False
) -> QuerySet[MembershipApplication]:
    applications = MembershipApplication.objects.filter(alliance=alliance).select_related(
        "institution", "decision"
    )
    if open_only:
        applications = applications.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED]
        )
    return applications.prefetch_related("documents")


def council_decisions(alliance: Alliance) -> QuerySet[CouncilDecision]:
    return CouncilDecision.objects.filter(alliance=alliance).prefetch_related(
        Prefetch(
            "applications",
            queryset=MembershipApplication.objects.select_related("institution", "membership"),
        ),
        Prefetch("office_terms", queryset=OfficeTerm.objects.select_related("institution")),
    )


def office_terms(alliance: Alliance) -> QuerySet[OfficeTerm]:
    """Every term of office, the dated history, grouped by office."""
    return OfficeTerm.objects.filter(alliance=alliance).select_related(
        "institution", "person", "decision"
    )


def office_holders_on(alliance: Alliance, day: datetime.date) -> list[OfficeTerm]:
    """Who holds which office on a day, in the order of the offices' importance."""
    order = {office: position for position, office in enumerate(Office.values)}
    holders = [term for term in office_terms(alliance) if term.covers(day)]
    return sorted(holders, key=lambda term: (order.get(term.office, 99), term.start_date))


def convener_schedule(alliance: Alliance) -> QuerySet[OfficeTerm]:
    return office_terms(alliance).filter(office=Office.CONVENER).order_by("start_date", "id")


def convener_on(alliance: Alliance, day: datetime.date) -> OfficeTerm | None:
    """The rotating convener's term that covers a day: it began on or before the day and ends
    after it (the handover day belongs to the next convener)."""
    return (
        convener_schedule(alliance)
        .filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .first()
    )
