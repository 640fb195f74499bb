"""The XML Schemas of the LIDO and EDM records, bundled so that validation never goes online.

Every import and include in them is a relative path inside this folder; the parser is told
never to use the network, and a resolver refuses any remote address a schema might name, so a
schema that wanted one fails to load instead of fetching it. See README.md for the sources and
licences.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, cast

from lxml import etree

HERE = Path(__file__).resolve().parent
LIDO_SCHEMA = HERE / "lido" / "lido-v1.1.xsd"
EDM_SCHEMA = HERE / "edm" / "EDM.xsd"


class RemoteSchemaRefused(Exception):
    """A schema named something to fetch from the network."""


class _OfflineResolver(etree.Resolver):
    # lxml calls resolve with the parser context too; lxml-stubs leaves it out.
    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:  # type: ignore[override]
        if system_url and "://" in system_url and not system_url.startswith("file:"):
            raise RemoteSchemaRefused(system_url)
        return None  # a local file: the parser reads it as usual


def _offline_parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_OfflineResolver())
    return parser


@cache
def schema(path: Path) -> etree.XMLSchema:
    """The compiled schema at `path` (compiled once per process: LIDO's takes a moment)."""
    return etree.XMLSchema(etree.parse(str(path), _offline_parser()))


def schema_errors(element: etree._Element, path: Path) -> list[str]:
    """Why the element does not validate against the schema; empty when it does."""
    checker = schema(path)
    if checker.validate(etree.ElementTree(element)):
        return []
    entries = cast(Iterable[Any], checker.error_log)  # lxml-stubs does not know it iterates
    return [f"line {entry.line}: {entry.message}" for entry in entries]
