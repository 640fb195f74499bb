"""The network in words and tables, in the reader's language: labels, reasons, figures.

The figures (``caravan.insight.charts.Figure``) are the one source of the tables on the page
and of the CSV downloads, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from caravan.core.langmap import LocalizedText, pick
from caravan.insight.charts import Cell, Figure
from caravan.insight.network.links import Kind
from caravan.insight.network.partners import Feature, Suggestion
from caravan.insight.network.selectors import Network, NetworkNode

TOP_MEMBERS = 10


def node_label(node: NetworkNode, language: str) -> LocalizedText:
    """The member's short name in the reader's language, else its name, else its code."""
    return (
        pick(node.short_name, language)
        or pick(node.names, language)
        or LocalizedText(node.code, "und")
    )


def node_name(node: NetworkNode, language: str) -> str:
    chosen = pick(node.names, language)
    return chosen.text if chosen else node.code


def year_text(year: int) -> str:
    return _("%(year)s BCE") % {"year": -year} if year < 0 else str(year)


def feature_label(feature: Feature, language: str) -> str:
    if feature.years is not None:
        start, end = feature.years
        return _("objects of %(start)s–%(end)s") % {
            "start": year_text(start),
            "end": year_text(end),
        }
    chosen = pick(feature.labels, language)
    return chosen.text if chosen else feature.key.split(":", 1)[-1][1:]


def suggestion_reasons(network: Network, suggestion: Suggestion, language: str) -> list[str]:
    """Why a pair is suggested, in words: what both hold, what each holds the other lacks."""
    a = node_name(network.by_id[suggestion.a], language)
    b = node_name(network.by_id[suggestion.b], language)

    def things(keys: tuple[str, ...]) -> str:
        # A semicolon, because term labels may hold commas ("on paper, print").
        return _("; ").join(feature_label(network.features[key], language) for key in keys)

    reasons = []
    if suggestion.shared:
        reasons.append(_("Both hold %(things)s.") % {"things": things(suggestion.shared)})
    if suggestion.a_lacks_b:
        reasons.append(
            _("%(holder)s has %(things)s, which %(other)s lacks.")
            % {"holder": a, "things": things(suggestion.a_lacks_b), "other": b}
        )
    if suggestion.b_lacks_a:
        reasons.append(
            _("%(holder)s has %(things)s, which %(other)s lacks.")
            % {"holder": b, "things": things(suggestion.b_lacks_a), "other": a}
        )
    return reasons


def kind_columns() -> tuple[str, ...]:
    return tuple(str(label) for label in Kind.labels)


def edges_figure(network: Network, language: str) -> Figure:
    """Who cooperates with whom: one row per pair, heaviest first."""
    rows: list[tuple[Cell, ...]] = []
    for edge in network.edges:
        a, b = network.by_id[edge.a], network.by_id[edge.b]
        rows.append(
            (
                node_name(a, language),
                node_name(b, language),
                round(edge.weight, 2),
                *(edge.counts.get(kind, 0) for kind in Kind.values),
                edge.total,
                edge.last.isoformat() if edge.last else "",
            )
        )
    return Figure(
        key="network-edges",
        title=_("Who cooperates with whom"),
        columns=(
            _("Institution"),
            _("Partner"),
            _("Weight"),
            *kind_columns(),
            _("Records"),
            _("Latest"),
        ),
        rows=tuple(rows),
        summary=_("%(pairs)s pairs of members share at least one record.") % {"pairs": len(rows)},
    )


def nodes_figure(network: Network, language: str) -> Figure:
    """Every member with its partners, weighted degree, brokerage and records per kind."""
    rows: list[tuple[Cell, ...]] = []
    for node in sorted(network.nodes, key=lambda n: (-n.metrics.weighted_degree, n.code)):
        m = node.metrics
        rows.append(
            (
                node_name(node, language),
                m.degree,
                round(m.weighted_degree, 2),
                round(m.betweenness, 3),
                m.group or "",
                *(m.counts.get(kind, 0) for kind in Kind.values),
                node.code,
                node.country,
            )
        )
    return Figure(
        key="network-members",
        title=_("Members and their partners"),
        columns=(
            _("Institution"),
            _("Partners"),
            _("Weighted degree"),
            _("Betweenness"),
            _("Group"),
            *kind_columns(),
            _("Code"),
            _("Country"),
        ),
        rows=tuple(rows),
        summary=_("%(members)s members, %(isolated)s without any cooperation.")
        % {"members": len(rows), "isolated": len(network.isolates)},
    )


def top_figure(network: Network, language: str, href: Callable[[str], str]) -> Figure:
    """The most connected members as ranked bars (weighted degree), linked to their pages."""
    connected = [node for node in network.nodes if node.metrics.degree]
    ranked = sorted(connected, key=lambda n: (-n.metrics.weighted_degree, n.code))[:TOP_MEMBERS]
    return Figure(
        key="network-top",
        title=_("Most connected members"),
        columns=(_("Institution"), _("Weighted degree"), _("Partners")),
        rows=tuple(
            (node_name(n, language), round(n.metrics.weighted_degree, 2), n.metrics.degree)
            for n in ranked
        ),
        summary=_(
            "Weighted degree: the sum of a member's edge weights, recent work counting more."
        ),
        links=tuple(href(n.code) for n in ranked),
    )


def suggestions_figure(network: Network, language: str) -> Figure:
    rows = tuple(
        (
            node_name(network.by_id[s.a], language),
            node_name(network.by_id[s.b], language),
            s.score,
            " ".join(suggestion_reasons(network, s, language)),
        )
        for s in network.suggestions
    )
    return Figure(
        key="network-partners",
        title=_("Suggested partners"),
        columns=(_("Institution"), _("Partner"), _("Score"), _("Why")),
        rows=rows,
    )
