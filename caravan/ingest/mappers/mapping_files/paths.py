"""Where a value is read from: a dotted JSON path or a CSV column, and a JSON leaf as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Getter = Callable[[Any], list[Any]]
Step = Callable[[list[Any]], list[Any]]

_PATH = re.compile(r"(?:[^.\[\]]+|\[\d*\])(?:\.[^.\[\]]+|\[\d*\])*")
_PATH_STEP = re.compile(r"([^.\[\]]+)|\[(\d*)\]")
_KEYS_ONLY = re.compile(r"[^.\[\]]+(?:\.[^.\[\]]+)*")


def compile_json_path(path: str) -> Getter:
    """A function giving the values at a dotted path: `a.b`, `a[]` (every item), `a[0]`.

    A path that ends on a list gives its items; missing keys give no values; `.` is the node
    itself (an item of `each` that is a plain value).
    """
    if path == ".":
        return lambda node: _flatten_end([node])
    if not _PATH.fullmatch(path):
        raise ValueError(f"'{path}' is not a path like a.b[].c")
    if _KEYS_ONLY.fullmatch(path):
        return _key_path(path.split("."))
    steps: list[Step] = []
    for match in _PATH_STEP.finditer(path):
        key, index = match.group(1), match.group(2)
        if key is not None:
            steps.append(_key_step(key))
        else:
            steps.append(_index_step(int(index)) if index else _every_item)

    def get(node: Any) -> list[Any]:
        current = [node]
        for step in steps:
            current = step(current)
            if not current:
                return current
        return _flatten_end(current)

    return get


def _key_path(keys: list[str]) -> Getter:
    """`a.b`: the common path, walked without the list of nodes a path with `[]` needs."""

    def get(node: Any) -> list[Any]:
        for key in keys:
            if not isinstance(node, dict):
                return []
            node = node.get(key)
            if node is None:
                return []
        return list(node) if isinstance(node, list) else [node]

    return get


def _key_step(key: str) -> Step:
    def step(nodes: list[Any]) -> list[Any]:
        return [node[key] for node in nodes if isinstance(node, dict) and node.get(key) is not None]

    return step


def _index_step(index: int) -> Step:
    def step(nodes: list[Any]) -> list[Any]:
        return [node[index] for node in nodes if isinstance(node, list) and len(node) > index]

    return step


def _every_item(nodes: list[Any]) -> list[Any]:
    return [item for node in nodes if isinstance(node, list) for item in node]


def _flatten_end(nodes: list[Any]) -> list[Any]:
    if any(isinstance(node, list) for node in nodes):
        return [item for node in nodes for item in (node if isinstance(node, list) else [node])]
    return nodes


def compile_column(name: str) -> Getter:
    """A CSV column: the row is a dict of header → text, and a column name is never a path."""

    def get(row: Any) -> list[Any]:
        value = row.get(name)
        return [value] if value else []

    return get


def text_of(value: Any) -> str:
    """A JSON leaf as text; objects and lists have no text of their own."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return ""
