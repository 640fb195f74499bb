"""The cooperation network a reader sees, for the whole platform or one alliance's members.

The ties are read fresh on every call (a handful of grouped queries through the visibility
selectors), so the network never shows a record the reader may no longer see nor misses a new
one. What costs time — the metrics, the layout, the collection profiles and the partner
scores — is cached in Django's cache under a hash of everything it is computed from: the
members (with their last change), the ties, the filters, the day, and a fingerprint of the
catalogue the reader sees (count, latest change and highest id of the visible objects). Equal
inputs give equal output, so a cached network is never stale; the key simply moves on.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from caravan.catalogue.selectors import visibility_scope
from caravan.cooperation.selectors import Viewer
from caravan.insight.network.graph import (
    Edge,
    NetworkFilters,
    NodeMetrics,
    edges_from,
    graph_of,
    layout,
    node_metrics,
)
from caravan.insight.network.links import Link, cooperation_links
from caravan.insight.network.partners import (
    Feature,
    Suggestion,
    collection_profiles,
    suggest_partners,
)
from caravan.institutions.models import Alliance, Institution, Membership, MembershipStatus
from caravan.search.selectors import index_version
from caravan.search.services import index_catch_up

CACHE_SECONDS = 6 * 60 * 60
CACHE_VERSION = "network-1"


@dataclass(frozen=True)
class NetworkNode:
    id: int
    code: str
    names: Mapping[str, str]
    short_name: Mapping[str, str]
    country: str
    metrics: NodeMetrics


@dataclass
class Network:
    nodes: list[NetworkNode]  # by code
    edges: list[Edge]  # heaviest first
    height: float
    groups: int
    suggestions: list[Suggestion]
    features: dict[str, Feature]
    filters: NetworkFilters
    today: datetime.date
    by_id: dict[int, NetworkNode] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {node.id: node for node in self.nodes}

    @property
    def isolates(self) -> list[NetworkNode]:
        return [node for node in self.nodes if node.metrics.degree == 0]

    def neighbours(self, node_id: int) -> list[int]:
        ends = [(edge.a, edge.b) for edge in self.edges]
        return sorted({b for a, b in ends if a == node_id} | {a for a, b in ends if b == node_id})


def network_members(
    alliance: Alliance | None = None, on: datetime.date | None = None
) -> list[Institution]:
    """Every institution, or the institutions that were members of the alliance on a day."""
    institutions = Institution.objects.order_by("code")
    if alliance is None:
        return list(institutions)
    day = on or timezone.localdate()
    members = Membership.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=day),
        alliance=alliance,
        status=MembershipStatus.MEMBER,
        start_date__lte=day,
    )
    return list(institutions.filter(pk__in=members.values("institution_id")))


def cooperation_network(
    *,
    user: Viewer,
    alliance: Alliance | None = None,
    on: datetime.date | None = None,
    filters: NetworkFilters | None = None,
    today: datetime.date | None = None,
) -> Network:
    """The network of the members' cooperation that this user may see (cached, see above)."""
    filters = filters or NetworkFilters()
    today = today or timezone.localdate()
    members = network_members(alliance, on)
    ids = {institution.pk for institution in members}
    links = [link for link in cooperation_links(user) if link.a in ids and link.b in ids]
    catalogue = _catalogue_fingerprint(user, ids)
    key = _cache_key(members, links, filters, today, catalogue)
    network: Network | None = cache.get(key)
    if network is None:
        network = _compute(user, members, links, filters, today)
        cache.set(key, network, CACHE_SECONDS)
    return network


def _compute(
    user: Viewer,
    members: Sequence[Institution],
    links: Sequence[Link],
    filters: NetworkFilters,
    today: datetime.date,
) -> Network:
    kept = [link for link in links if filters.keeps(link)]
    edges = edges_from(kept, today=today, half_life_years=filters.half_life_years)
    ids = [institution.pk for institution in members]
    graph = graph_of(ids, edges)
    metrics = node_metrics(graph, edges)
    positions, height = layout(graph)
    for node, (x, y) in positions.items():
        metrics[node].x, metrics[node].y = x, y
    profiles, features = collection_profiles(user, ids)
    ever_tied = {(link.a, link.b) for link in links}  # of any kind, in any year
    suggestions = suggest_partners(profiles, ever_tied)
    nodes = [
        NetworkNode(
            id=institution.pk,
            code=institution.code,
            names=dict(institution.names),
            short_name=dict(institution.short_name),
            country=institution.country,
            metrics=metrics[institution.pk],
        )
        for institution in members
    ]
    return Network(
        nodes=nodes,
        edges=edges,
        height=height,
        groups=max((m.group for m in metrics.values()), default=0),
        suggestions=suggestions,
        features=features,
        filters=filters,
        today=today,
    )


def _catalogue_fingerprint(user: Viewer, ids: set[int]) -> tuple[object, ...]:
    """What the collection profiles were counted from: the index as it stands (any catalogue
    change moves its version) and what this reader may see of it."""
    index_catch_up()
    return (index_version(), visibility_scope(user))


def _cache_key(
    members: Sequence[Institution],
    links: Sequence[Link],
    filters: NetworkFilters,
    today: datetime.date,
    catalogue: tuple[object, ...],
) -> str:
    digest = hashlib.sha256()
    for institution in members:
        digest.update(f"{institution.pk}:{institution.updated_at.isoformat()};".encode())
    digest.update(b"|")
    for link in links:
        digest.update(f"{link.a},{link.b},{link.kind},{link.on},{link.record};".encode())
    digest.update(f"|{filters.cache_key}|{today}|{catalogue}".encode())
    return f"insight:{CACHE_VERSION}:{digest.hexdigest()}"
