"""Reads from the catalogue, always through the visibility rules."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from caravan.accounts.models import User
from caravan.accounts.permissions import institution_id_of, is_secretariat
from caravan.catalogue.models import CatalogueObject, Visibility
from caravan.institutions.models import Membership, MembershipStatus


def objects_visible_to(user: User | AnonymousUser) -> QuerySet[CatalogueObject]:
    """The objects a user may see.

    Public objects for everyone; members-only objects for staff of an institution that is a
    current member of an alliance the owning institution belongs to; private objects for the
    owning institution's staff; everything for secretariat staff. Objects withdrawn at their
    source are seen by nobody here; the admin shows them with their history.
    """
    objects = CatalogueObject.objects.filter(withdrawn_at__isnull=True)
    if is_secretariat(user):
        return objects
    own_institution = institution_id_of(user)
    if own_institution is None:
        return objects.filter(visibility=Visibility.PUBLIC)
    partners = _alliance_partner_ids(own_institution)
    return objects.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(visibility=Visibility.MEMBERS, institution_id__in=partners)
        | Q(institution_id=own_institution)
    )


def _alliance_partner_ids(institution_id: int) -> set[int]:
    """Institutions sharing a current alliance membership with this one (itself included)."""
    current = Membership.objects.filter(end_date__isnull=True, status=MembershipStatus.MEMBER)
    alliances = current.filter(institution_id=institution_id).values("alliance_id")
    return set(current.filter(alliance_id__in=alliances).values_list("institution_id", flat=True))


def object_list(
    *, user: User | AnonymousUser, institution_code: str | None = None
) -> QuerySet[CatalogueObject]:
    objects = objects_visible_to(user).select_related("institution")
    if institution_code:
        objects = objects.filter(institution__code=institution_code)
    return (
        objects.prefetch_related("media")
        .defer("raw_record")  # lists never show the source record; it can be large
        .order_by("-has_image", "-updated_at", "-id")
    )


def object_detail(*, user: User | AnonymousUser, pk: int) -> CatalogueObject | None:
    return (
        objects_visible_to(user)
        .select_related("institution")
        .prefetch_related("terms__concept", "agents", "media")
        .filter(pk=pk)
        .first()
    )


def object_counts_by_institution(user: User | AnonymousUser) -> dict[int, int]:
    rows = objects_visible_to(user).values("institution_id").annotate(count=Count("id"))
    return {row["institution_id"]: row["count"] for row in rows}


def catalogue_statistics() -> dict[str, Any]:
    """Objects per institution and per language of their titles (all visibilities), and how
    many were withdrawn at their source (kept, counted apart)."""
    current = CatalogueObject.objects.filter(withdrawn_at__isnull=True)
    by_institution = dict(
        current.values_list("institution__code")
        .annotate(count=Count("id"))
        .order_by("institution__code")
    )
    by_language: Counter[str] = Counter()
    for titles in current.values_list("titles", flat=True).iterator():
        by_language.update((titles or {}).keys())
    return {
        "total": sum(by_institution.values()),
        "withdrawn": CatalogueObject.objects.filter(withdrawn_at__isnull=False).count(),
        "by_institution": by_institution,
        "by_title_language": dict(by_language.most_common()),
    }


def object_showcase(
    *, user: User | AnonymousUser, per_institution: int = 1, limit: int = 10
) -> list[CatalogueObject]:
    """A few objects from each institution (those with images first), for a front page."""
    ranked = (
        objects_visible_to(user)
        .annotate(
            rank_in_institution=Window(
                RowNumber(),
                partition_by=[F("institution_id")],
                order_by=[F("has_image").desc(), F("updated_at").desc(), F("id").desc()],
            )
        )
        .filter(rank_in_institution__lte=per_institution)
        .order_by("rank_in_institution", "institution_id")
        .values_list("id", flat=True)[:limit]
    )
    chosen = list(ranked)  # ids only: the window runs over narrow rows, not whole records
    by_id = {obj.pk: obj for obj in object_list(user=user).filter(pk__in=chosen)}
    return [by_id[pk] for pk in chosen]
