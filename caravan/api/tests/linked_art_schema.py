"""Validation of Linked Art records against the Linked Art JSON Schemas kept in fixtures/.

A `referencing` registry built from the local files resolves `core.json#…` with no network.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "linked_art_schema"
SCHEMA_SETS = ("api_1.0", "json_validator")


@cache
def validator(schema_set: str) -> Draft202012Validator:
    folder = SCHEMAS / schema_set
    resources = []
    for name in ("object.json", "core.json"):
        contents = json.loads((folder / name).read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    schema = json.loads((folder / "object.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry)


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every way a record breaks either schema set, as readable lines (empty when valid)."""
    errors = []
    for schema_set in SCHEMA_SETS:
        for error in validator(schema_set).iter_errors(document):
            where = "/".join(str(part) for part in error.absolute_path)
            errors.append(f"{schema_set}: {where}: {error.message}")
    return errors
