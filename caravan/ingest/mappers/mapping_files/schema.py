"""What a mapping file may contain: its settings, its fields and the keys of a source."""

from __future__ import annotations

import re
from typing import Any


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the key that is wrong."""


LANGUAGE_MAP_FIELDS = (
    "titles",
    "descriptions",
    "date_display",
    "production_place",
    "dimensions",
    "inscriptions",
    "credit_line",
)
TERM_FIELDS = ("object_types", "materials", "techniques", "subjects")
SCALAR_FIELDS = (
    "local_id",
    "earliest_year",
    "latest_year",
    "rights",
    "web_page",
    "visibility",
    "production_place_uri",
)
# The parts of an agent or a media entry, each read as a language map or a single text
AGENT_PARTS = {"name": "langmap", "role": "langmap", "kind": "scalar", "uri": "scalar"}
MEDIA_PARTS = {
    "image_url": "scalar",
    "thumbnail_url": "scalar",
    "iiif_service": "scalar",
    "rights": "scalar",
    "caption": "langmap",
}
SETTINGS = {
    "format": str,
    "name": str,
    "description": str,
    "record_language": str,
    "parse_dates": bool,
    "csv": dict,
    "json": dict,
}
CSV_SETTINGS: dict[str, type] = {"delimiter": str, "encoding": str, "quotechar": str}
JSON_SETTINGS: dict[str, type] = {"lines": bool}
FORMATS = ("csv", "json")

SOURCE_KEYS = {
    "each",
    "from",
    "value",
    "template",
    "lang",
    "lang_from",
    "split",
    "transform",
    "map",
    "map_default",
    "index",
    "join",
    "when",
    "unless",
}
TERM_SOURCE_KEYS = {"concept_scheme", "concept_notation", "concept_uri"}

# A `{path}` in a source's template
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def as_list(value: Any) -> list[Any]:
    """TOML lets one value stand for a list of one."""
    return value if isinstance(value, list) else [value]


def source_list(value: Any) -> list[dict[str, Any]]:
    """A field's sources: "path" is short for {from = "path"}; one table is a list of one."""
    return [{"from": item} if isinstance(item, str) else item for item in as_list(value)]
