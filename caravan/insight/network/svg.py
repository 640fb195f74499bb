"""The network as SVG: inline on the page (interactive with network.js) or as a file.

Built with lxml elements, never by joining strings, so no name can break out of its text.
Each member is a link to its page, focusable, with its name as live text (shaped by the
browser, so Chinese and Arabic names render) tagged with its own language and direction;
edges are lines as thick as their weight. The picture's geometry does not depend on the
page's direction: an Arabic page shows the same drawing with right-to-left labels.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.utils.translation import gettext as _
from lxml import etree

from caravan.insight.network.links import Kind
from caravan.insight.network.present import node_label, node_name
from caravan.insight.network.selectors import Network, NetworkNode

SVG = "http://www.w3.org/2000/svg"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WIDTH = 960
LABEL_CHARACTERS = 22
# Colour-blind-safe (Okabe–Ito), one per connected group; isolated members are grey.
GROUP_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d1f")
ISOLATE_COLOUR = "#8a8a8a"
EDGE_COLOUR = "#6b7b83"
LABEL_COLOUR = "#1d2a30"
# For the downloaded file only: the page styles the inline picture from network.css. No
# white halo around labels here (paint-order): viewers and WeasyPrint that ignore paint-order
# would paint the halo over the letters.
FILE_STYLE = """
.edge { stroke-opacity: 0.7; }
.node text { font: 12px sans-serif; }
.node circle { stroke: #fff; stroke-width: 1.5px; }
"""


def _el(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{SVG}}}{tag}", dict(attributes))


def _kinds_text(counts: dict[str, int]) -> str:
    return ", ".join(
        f"{label}: {counts[kind]}"
        for kind, label in zip(Kind.values, Kind.labels, strict=True)
        if counts.get(kind)
    )


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def node_summary(node: NetworkNode, language: str) -> str:
    m = node.metrics
    if not m.degree:
        return _("%(name)s: no cooperation recorded.") % {"name": node_name(node, language)}
    return _("%(name)s: %(partners)s partners, weighted degree %(weight)s; %(kinds)s.") % {
        "name": node_name(node, language),
        "partners": m.degree,
        "weight": f"{m.weighted_degree:.2f}",
        "kinds": _kinds_text(m.counts),
    }


def network_svg(
    network: Network, *, language: str, href: Callable[[str], str], standalone: bool = False
) -> etree._Element:
    """The drawing; ``href(code)`` gives each member's link (absolute ones for the file)."""
    height = math.ceil(network.height)
    svg = etree.Element(
        f"{{{SVG}}}svg",
        nsmap={None: SVG},  # type: ignore[dict-item]
        attrib={
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": str(WIDTH),
            "height": str(height),
            "class": "network-graph",
            "role": "group",
            "aria-labelledby": "network-svg-title",
            "aria-describedby": "network-svg-desc",
        },
    )
    svg.set(XML_LANG, language)
    _el(svg, "title", id="network-svg-title").text = _("Cooperation network")
    _el(svg, "desc", id="network-svg-desc").text = _(
        "Members are circles linked to their pages; a line joins two members that share "
        "agreements, loans, joint exhibitions or exchanges, thicker for more and more recent work."
    )
    if standalone:
        _el(svg, "style").text = FILE_STYLE
    _draw_edges(svg, network, language)
    _draw_nodes(svg, network, language, href)
    return svg


def _draw_edges(svg: etree._Element, network: Network, language: str) -> None:
    group = _el(svg, "g", **{"class": "edges"})
    heaviest = max((edge.weight for edge in network.edges), default=1.0) or 1.0
    # Light edges first, so heavy ones are drawn on top.
    for edge in reversed(network.edges):
        a, b = network.by_id[edge.a], network.by_id[edge.b]
        line = _el(
            group,
            "line",
            x1=f"{a.metrics.x}",
            y1=f"{a.metrics.y}",
            x2=f"{b.metrics.x}",
            y2=f"{b.metrics.y}",
            stroke=EDGE_COLOUR,
            **{
                "class": "edge",
                "stroke-width": f"{1.2 + 7 * edge.weight / heaviest:.1f}",
                "data-a": a.code,
                "data-b": b.code,
            },
        )
        _el(
            line, "title"
        ).text = f"{node_name(a, language)} – {node_name(b, language)}: {_kinds_text(edge.counts)}"


def _draw_nodes(
    svg: etree._Element, network: Network, language: str, href: Callable[[str], str]
) -> None:
    group = _el(svg, "g", **{"class": "nodes"})
    strongest = max((n.metrics.weighted_degree for n in network.nodes), default=0.0) or 1.0
    for node in network.nodes:
        m = node.metrics
        summary = node_summary(node, language)
        link = _el(
            group,
            "a",
            href=href(node.code),
            **{
                "class": "node" if m.degree else "node isolate",
                "data-code": node.code,
                "data-neighbours": " ".join(
                    network.by_id[pk].code for pk in network.neighbours(node.id)
                ),
                "data-summary": summary,
                "aria-label": summary,
            },
        )
        _el(link, "title").text = summary
        radius = 7 + 11 * math.sqrt(m.weighted_degree / strongest)
        colour = GROUP_COLOURS[(m.group - 1) % len(GROUP_COLOURS)] if m.group else ISOLATE_COLOUR
        _el(link, "circle", cx=f"{m.x}", cy=f"{m.y}", r=f"{radius:.1f}", fill=colour)
        label = node_label(node, language)
        text = _el(
            link,
            "text",
            x=f"{m.x}",
            y=f"{m.y + radius + 14:.1f}",
            direction=label.direction,
            fill=LABEL_COLOUR,
            **{"text-anchor": "middle", "font-size": "12"},
        )
        text.set(XML_LANG, label.lang)
        text.text = _shorten(label.text)


def svg_document(svg: etree._Element) -> bytes:
    """The drawing as a standalone SVG file (UTF-8, with an XML declaration)."""
    return bytes(etree.tostring(svg, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def svg_inline(svg: etree._Element) -> str:
    return str(etree.tostring(svg, encoding="unicode"))
