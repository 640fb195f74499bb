"""Limits and safe parsing for everything that comes from outside.

XML is parsed with entity expansion, DTD loading and network access switched off, so an XXE file
reference or a billion-laughs document is reported, never expanded.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

# A record larger than this is refused whole; a single text value larger than this is refused.
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_FIELD_CHARS = 100_000

XML_PARSER_OPTIONS = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_blank_text": False,
}


class UnsafeInput(ValueError):
    """Input refused for safety: a DTD with entities, a private address, an oversized record."""


def xml_parser() -> etree.XMLParser:
    """A parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes | str) -> etree._Element:
    """Parse one XML record safely; a DOCTYPE with entity declarations is refused outright."""
    encoded = data.encode("utf-8") if isinstance(data, str) else data
    if len(encoded) > MAX_RECORD_BYTES:
        raise UnsafeInput(
            f"the record is {len(encoded):,} bytes, over the {MAX_RECORD_BYTES:,} limit"
        )
    root = etree.fromstring(encoded, xml_parser())
    refuse_entity_declarations(root.getroottree())
    return root


def refuse_entity_declarations(tree: etree._ElementTree) -> None:
    docinfo: Any = tree.docinfo  # lxml-stubs lack DocInfo.system_url and DTD.iterentities
    internal = docinfo.internalDTD
    if internal is not None and any(True for _ in internal.iterentities()):
        raise UnsafeInput("the document declares XML entities, which are not allowed")
    if docinfo.system_url or docinfo.public_id:
        raise UnsafeInput("the document refers to an external DTD, which is not loaded")


def check_field_sizes(values: Iterable[str], identifier: str) -> None:
    for value in values:
        if len(value) > MAX_FIELD_CHARS:
            raise UnsafeInput(
                f"a field of record {identifier} holds {len(value):,} characters, "
                f"over the {MAX_FIELD_CHARS:,} limit"
            )


def check_public_url(url: str, *, allow_private: bool) -> None:
    """Refuse URLs whose host resolves to loopback, link-local or private addresses.

    `allow_private` (the setting CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES) lifts the refusal, for
    members whose repository sits on the same private network as Caravan, and for tests.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeInput(f"'{url}' is not an http or https URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise UnsafeInput(f"the host '{parts.hostname}' cannot be resolved: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise UnsafeInput(
                f"'{parts.hostname}' resolves to {address}, a loopback, link-local or private "
                "address; harvesting it needs CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES"
            )
