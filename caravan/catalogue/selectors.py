"""Reads from the catalogue, always through the visibility rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from caravan.accounts.models import User
from caravan.accounts.permissions import institution_id_of, is_secretariat
from caravan.catalogue.models import (
    CatalogueObject,
    ObjectAgent,
    ObjectMedia,
    ObjectTerm,
    Visibility,
)
from caravan.institutions.models import Membership, MembershipStatus


@dataclass(frozen=True)
class VisibilityScope:
    """Whose objects a reader may see, by visibility: the one rule behind every surface.

    Public objects for everyone; members-only objects of `partner_institutions` (institutions
    sharing a current alliance membership with the reader's own); every object of the reader's
    own institution; everything when `everything` (secretariat staff).
    """

    everything: bool = False
    own_institution: int | None = None
    partner_institutions: frozenset[int] = frozenset()


def visibility_scope(user: User | AnonymousUser) -> VisibilityScope:
    if is_secretariat(user):
        return VisibilityScope(everything=True)
    own_institution = institution_id_of(user)
    if own_institution is None:
        return VisibilityScope()
    return VisibilityScope(
        own_institution=own_institution,
        partner_institutions=frozenset(_alliance_partner_ids(own_institution)),
    )


def objects_visible_to(user: User | AnonymousUser) -> QuerySet[CatalogueObject]:
    """The objects a user may see (see VisibilityScope).

    Objects withdrawn at their source are seen by nobody here; the admin shows them with their
    history.
    """
    objects = CatalogueObject.objects.filter(withdrawn_at__isnull=True)
    scope = visibility_scope(user)
    if scope.everything:
        return objects
    if scope.own_institution is None:
        return objects.filter(visibility=Visibility.PUBLIC)
    return objects.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(visibility=Visibility.MEMBERS, institution_id__in=scope.partner_institutions)
        | Q(institution_id=scope.own_institution)
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
    # Explicit orders: the models' default ones go through their foreign keys and would join
    # the object and its institution again in every query.
    found = (
        objects_visible_to(user)
        .select_related("institution")
        .prefetch_related(
            Prefetch(
                "terms",
                queryset=ObjectTerm.objects.select_related("concept__scheme").order_by(
                    "field", "position", "pk"
                ),
            ),
            Prefetch("agents", queryset=ObjectAgent.objects.order_by("position", "pk")),
            Prefetch("media", queryset=ObjectMedia.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .order_by()
    )
    return next(iter(found), None)


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
