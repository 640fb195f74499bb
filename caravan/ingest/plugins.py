"""Mappers and harvesters are found through Python entry points.

Caravan's own are declared in its pyproject.toml under the groups `caravan.mappers` and
`caravan.harvesters`, exactly as a third-party package would declare its own; nothing here knows
any format by name.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from typing import Any

from caravan.ingest.mappers.base import Mapper

MAPPER_GROUP = "caravan.mappers"
HARVESTER_GROUP = "caravan.harvesters"


class UnknownPlugin(LookupError):
    pass


@cache
def _registry(group: str) -> dict[str, Any]:
    return {point.name: point for point in entry_points(group=group)}


def mapper_names() -> list[str]:
    return sorted(_registry(MAPPER_GROUP))


def mapper_for(name: str) -> Mapper:
    """A fresh instance of the mapper registered under `name`."""
    point = _registry(MAPPER_GROUP).get(name)
    if point is None:
        known = ", ".join(mapper_names()) or "none"
        raise UnknownPlugin(f"no mapper is registered for format '{name}' (known: {known})")
    mapper: Mapper = point.load()()
    return mapper


def harvester_names() -> list[str]:
    return sorted(_registry(HARVESTER_GROUP))


def harvester_class(name: str) -> Any:
    point = _registry(HARVESTER_GROUP).get(name)
    if point is None:
        known = ", ".join(harvester_names()) or "none"
        raise UnknownPlugin(f"no harvester is registered for '{name}' (known: {known})")
    return point.load()
