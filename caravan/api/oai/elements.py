"""Building XML with lxml: namespaces, and text that is always legal XML.

Stored text comes from many collection systems and may hold control characters that XML 1.0
forbids (a stray form feed, a NUL from a legacy export). lxml refuses such text outright, so
every text and attribute value goes through `legal` on its way into a tree: one bad character
must not break a harvest of thousands of records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lxml import etree

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = f"{{{XML_NS}}}lang"
SCHEMA_LOCATION = f"{{{XSI_NS}}}schemaLocation"

# Everything outside XML 1.0's Char production: C0 controls but tab, newline and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def legal(text: str) -> str:
    """The text without the characters XML 1.0 cannot carry."""
    return _ILLEGAL.sub("", text)


def qualified(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def child(
    parent: etree._Element,
    tag: str,
    text: str | None = None,
    attributes: Mapping[str, str] | None = None,
) -> etree._Element:
    """A new last child of `parent`, its text and attribute values made legal."""
    element = etree.SubElement(parent, tag)
    for name, value in (attributes or {}).items():
        element.set(name, legal(value))
    if text is not None:
        element.text = legal(text)
    return element


def text_child(
    parent: etree._Element,
    tag: str,
    text: str,
    lang: str | None = None,
    attributes: Mapping[str, str] | None = None,
) -> etree._Element | None:
    """A child with text (and xml:lang when given), or nothing when the text is blank."""
    cleaned = legal(text).strip()
    if not cleaned:
        return None
    element = child(parent, tag, cleaned, attributes)
    if lang:
        element.set(XML_LANG, lang)
    return element


# Prefix → namespace; the None prefix is the default namespace (lxml's convention).
NamespaceMap = Mapping[Any, str]


def root(tag: str, nsmap: NamespaceMap, schema_location: str | None = None) -> etree._Element:
    element = etree.Element(tag, nsmap=dict(nsmap))
    if schema_location:
        element.set(SCHEMA_LOCATION, schema_location)
    return element


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")
