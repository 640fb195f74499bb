"""What the OAI-PMH provider may hand out, and the queries that read it.

The harvestable items are exactly the objects an anonymous reader sees
(`objects_visible_to(AnonymousUser())`: public, not withdrawn), plus the public objects that
have been withdrawn, which are listed as deleted records for ever after (deletedRecord
`persistent`). Nothing members-only or private is ever read here.

A record's datestamp is its object's `updated_at`; a deleted record's is its `withdrawn_at`,
because withdrawing an object (catalogue.bulk.objects_withdraw, a queryset update) does not
touch `updated_at`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Min, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from caravan.catalogue.models import CatalogueObject, ObjectTerm, Visibility
from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import LanguageMap, pick
from caravan.institutions.models import Alliance, Institution, Membership, MembershipStatus

INSTITUTION_SETS = "institution"
ALLIANCE_SETS = "alliance"


def harvestable_objects() -> QuerySet[CatalogueObject]:
    """Public objects, and public objects since withdrawn (listed as deleted records)."""
    live = objects_visible_to(AnonymousUser())
    withdrawn = CatalogueObject.objects.filter(
        withdrawn_at__isnull=False, visibility=Visibility.PUBLIC
    )
    return live | withdrawn


def is_deleted(obj: CatalogueObject) -> bool:
    return obj.withdrawn_at is not None


def record_datestamp(obj: CatalogueObject) -> dt.datetime:
    return obj.withdrawn_at or obj.updated_at


def _current_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(status=MembershipStatus.MEMBER, end_date__isnull=True)


def objects_in_set(objects: QuerySet[CatalogueObject], set_spec: str) -> QuerySet[CatalogueObject]:
    """The objects of a set; an unknown set holds none."""
    kind, _, code = set_spec.partition(":")
    if kind == INSTITUTION_SETS:
        return objects.filter(institution__code=code) if code else objects
    if kind == ALLIANCE_SETS:
        members = _current_memberships()
        if code:
            members = members.filter(alliance__code=code)
        return objects.filter(institution_id__in=members.values("institution_id"))
    return objects.none()


def objects_in_range(
    objects: QuerySet[CatalogueObject], since: dt.datetime | None, before: dt.datetime | None
) -> QuerySet[CatalogueObject]:
    """Objects whose datestamp (updated_at, or withdrawn_at once withdrawn) is in the range."""
    if since is not None:
        objects = objects.filter(
            Q(withdrawn_at__isnull=True, updated_at__gte=since) | Q(withdrawn_at__gte=since)
        )
    if before is not None:
        objects = objects.filter(
            Q(withdrawn_at__isnull=True, updated_at__lt=before) | Q(withdrawn_at__lt=before)
        )
    return objects


def _with_parts(objects: QuerySet[CatalogueObject]) -> QuerySet[CatalogueObject]:
    """Everything a record shows, in a fixed number of queries; never the raw source."""
    return (
        objects.select_related("institution")
        .defer("raw_record")
        .prefetch_related(
            Prefetch("terms", queryset=ObjectTerm.objects.select_related("concept")),
            "agents",
            "media",
        )
    )


def object_page(
    objects: QuerySet[CatalogueObject], *, after_id: int, size: int
) -> tuple[list[CatalogueObject], bool]:
    """Up to `size` objects with ids above `after_id`, in id order, and whether more follow."""
    page = list(_with_parts(objects.filter(pk__gt=after_id).order_by("pk"))[: size + 1])
    return page[:size], len(page) > size


def header_page(
    objects: QuerySet[CatalogueObject], *, after_id: int, size: int
) -> tuple[list[CatalogueObject], bool]:
    """As object_page, with only what a header needs."""
    page = list(
        objects.filter(pk__gt=after_id)
        .order_by("pk")
        .select_related("institution")
        .only("pk", "local_id", "updated_at", "withdrawn_at", "institution__code")[: size + 1]
    )
    return page[:size], len(page) > size


def harvestable_object(institution_code: str, local_id: str) -> CatalogueObject | None:
    return (
        _with_parts(harvestable_objects())
        .filter(institution__code=institution_code, local_id=local_id)
        .first()
    )


def earliest_datestamp() -> dt.datetime | None:
    datestamp = Coalesce("withdrawn_at", "updated_at")
    found = harvestable_objects().aggregate(earliest=Min(datestamp))["earliest"]
    return found if isinstance(found, dt.datetime) else None


def set_specs_by_institution(institution_ids: Iterable[int]) -> dict[int, list[str]]:
    """The setSpecs of each institution's records: its own set and its current alliances'."""
    wanted = set(institution_ids)
    specs: dict[int, list[str]] = defaultdict(list)
    rows = (
        _current_memberships()
        .filter(institution_id__in=wanted)
        .order_by("alliance__code")
        .values_list("institution_id", "alliance__code")
    )
    for institution_id, alliance_code in rows:
        specs[institution_id].append(f"{ALLIANCE_SETS}:{alliance_code}")
    return specs


@dataclass(frozen=True)
class RepositorySet:
    spec: str
    name: str
    names: LanguageMap
    descriptions: LanguageMap


def repository_sets() -> Sequence[RepositorySet]:
    """Every set: all institutions, each institution, all alliance members, each alliance."""
    sets = [
        RepositorySet(INSTITUTION_SETS, "Institutions", {"en": "Institutions"}, {}),
        *(
            _named_set(f"{INSTITUTION_SETS}:{institution.code}", institution)
            for institution in Institution.objects.order_by("code")
        ),
        RepositorySet(
            ALLIANCE_SETS,
            "Alliance members",
            {"en": "Alliance members"},
            {"en": "Records of the institutions that are members of an alliance."},
        ),
        *(
            _named_set(f"{ALLIANCE_SETS}:{alliance.code}", alliance)
            for alliance in Alliance.objects.order_by("code")
        ),
    ]
    return sets


def _named_set(spec: str, holder: Institution | Alliance) -> RepositorySet:
    english_first = pick(holder.names, "en")
    description = holder.description
    return RepositorySet(
        spec=spec,
        name=english_first.text if english_first else holder.code,
        names=holder.names or {},
        descriptions=description or {},
    )


def live_or_deleted(objects: QuerySet[CatalogueObject], keep_live: Q) -> QuerySet[CatalogueObject]:
    """Deleted records stay in every format's lists; live ones only where `keep_live` holds."""
    if not keep_live:  # an empty Q keeps everything (and would vanish from the | below)
        return objects
    return objects.filter(Q(withdrawn_at__isnull=False) | keep_live)
