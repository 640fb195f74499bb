"""From dated ties to a weighted graph: edges, metrics and a layout.

An edge joins two institutions that share at least one record; it keeps how many records of
each kind tie them, the date of the latest one, and a *weight* that favours recent work:

    weight = Σ over the pair's records of 0.5 ** (age in years / half-life)

where a record's age is counted from the day the network is computed (a record dated in the
future counts as new, 1.0). With the default half-life of three years an agreement signed
today adds 1.0, one signed three years ago 0.5, six years ago 0.25. Counts are never decayed.

The metrics come from networkx: degree (how many partners), weighted degree (the sum of the
weights of a member's edges), betweenness (how often a member lies on the shortest paths
between others: the brokers), connected groups, and the isolated members (no edge at all).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from caravan.insight.network.links import Kind, Link

DEFAULT_HALF_LIFE_YEARS = 3.0
DAYS_PER_YEAR = 365.25
LAYOUT_SEED = 20240518  # any fixed number: the same data always draws the same picture


@dataclass(frozen=True)
class NetworkFilters:
    """Which ties count: their kinds and the years of their dates (both ends included)."""

    kinds: frozenset[str] = frozenset(Kind.values)
    year_from: int | None = None
    year_to: int | None = None
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS

    def keeps(self, link: Link) -> bool:
        if link.kind not in self.kinds:
            return False
        if self.year_from is not None and link.on.year < self.year_from:
            return False
        return self.year_to is None or link.on.year <= self.year_to

    @property
    def cache_key(self) -> str:
        kinds = ",".join(sorted(self.kinds))
        return f"{kinds}|{self.year_from}|{self.year_to}|{self.half_life_years}"


def decayed(on: datetime.date, *, today: datetime.date, half_life_years: float) -> float:
    """One record's contribution to a weight (see the module's docstring)."""
    age_years = max(0, (today - on).days) / DAYS_PER_YEAR
    return float(0.5 ** (age_years / half_life_years))


@dataclass
class Edge:
    a: int
    b: int
    counts: dict[str, int] = field(default_factory=dict)
    last: datetime.date | None = None
    weight: float = 0.0
    records: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def edges_from(
    links: Iterable[Link], *, today: datetime.date, half_life_years: float
) -> list[Edge]:
    """Fold ties into one edge per pair, ordered by weight (heaviest first), then by ids."""
    edges: dict[tuple[int, int], Edge] = {}
    for link in links:
        edge = edges.setdefault((link.a, link.b), Edge(a=link.a, b=link.b))
        edge.counts[link.kind] = edge.counts.get(link.kind, 0) + 1
        edge.last = link.on if edge.last is None else max(edge.last, link.on)
        edge.weight += decayed(link.on, today=today, half_life_years=half_life_years)
        edge.records.append(link.record)
    return sorted(edges.values(), key=lambda e: (-e.weight, e.a, e.b))


@dataclass
class NodeMetrics:
    degree: int = 0
    weighted_degree: float = 0.0
    betweenness: float = 0.0
    group: int = 0  # 1, 2, … by size for connected groups; 0 for the isolated
    counts: dict[str, int] = field(default_factory=dict)
    x: float = 0.0
    y: float = 0.0


def graph_of(node_ids: Sequence[int], edges: Sequence[Edge]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(node_ids))
    for edge in edges:
        graph.add_edge(edge.a, edge.b, weight=edge.weight)
    return graph


def node_metrics(graph: nx.Graph, edges: Sequence[Edge]) -> dict[int, NodeMetrics]:
    """Degree, weighted degree, betweenness, group and counts per kind of every node."""
    betweenness = nx.betweenness_centrality(graph, normalized=True) if len(graph) > 2 else {}
    metrics = {
        node: NodeMetrics(
            degree=graph.degree(node),
            weighted_degree=float(graph.degree(node, weight="weight")),
            betweenness=float(betweenness.get(node, 0.0)),
        )
        for node in graph.nodes
    }
    groups = sorted(
        (sorted(component) for component in nx.connected_components(graph) if len(component) > 1),
        key=lambda members: (-len(members), members[0]),
    )
    for number, members in enumerate(groups, start=1):
        for node in members:
            metrics[node].group = number
    for edge in edges:
        for node in (edge.a, edge.b):
            for kind, count in edge.counts.items():
                metrics[node].counts[kind] = metrics[node].counts.get(kind, 0) + count
    return metrics


# The drawing's coordinate box (SVG user units): the connected members in the upper part,
# the isolated ones in rows along the bottom.
WIDTH = 960.0
MARGIN = 70.0
GRAPH_HEIGHT = 560.0
ISOLATE_ROW = 70.0
ISOLATES_PER_ROW = 8


def layout(graph: nx.Graph) -> tuple[dict[int, tuple[float, float]], float]:
    """Positions for every node and the drawing's height.

    Connected members are placed by a force-directed layout with a fixed seed (heavier edges
    pull harder), so the same data always gives the same picture; isolated members go in rows
    below, in the graph's node order, where a reader looks for them.
    """
    isolates = [node for node in graph.nodes if graph.degree(node) == 0]
    connected = graph.subgraph([node for node in graph.nodes if graph.degree(node) > 0])
    positions: dict[int, tuple[float, float]] = {}
    height = MARGIN
    if len(connected):
        spring = nx.spring_layout(
            connected, weight="weight", seed=LAYOUT_SEED, k=1.5 / math.sqrt(len(connected))
        )
        positions.update(_fit(spring, top=MARGIN, height=GRAPH_HEIGHT - 2 * MARGIN))
        height = GRAPH_HEIGHT
    rows = math.ceil(len(isolates) / ISOLATES_PER_ROW)
    step = (WIDTH - 2 * MARGIN) / max(1, min(len(isolates), ISOLATES_PER_ROW) - 1)
    for index, node in enumerate(isolates):
        row, column = divmod(index, ISOLATES_PER_ROW)
        x = WIDTH / 2 if len(isolates) == 1 else MARGIN + column * step
        positions[node] = (round(x, 1), round(height + ISOLATE_ROW * (row + 0.5), 1))
    return positions, height + ISOLATE_ROW * rows + (0 if rows else MARGIN / 2)


def _fit(
    spring: dict[int, Sequence[float]], *, top: float, height: float
) -> dict[int, tuple[float, float]]:
    xs = [float(p[0]) for p in spring.values()]
    ys = [float(p[1]) for p in spring.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    fitted = {}
    for node, (x, y) in spring.items():
        fx = MARGIN + (float(x) - min(xs)) / span_x * (WIDTH - 2 * MARGIN)
        fy = top + (float(y) - min(ys)) / span_y * height
        if len(spring) == 1 or (max(xs) == min(xs) and max(ys) == min(ys)):
            fx, fy = WIDTH / 2, top + height / 2
        fitted[node] = (round(fx, 1), round(fy, 1))
    return fitted
