"""Reading a mapping file (a path, TOML text or parsed data) into a validated Mapping."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from collections.abc import Mapping as AbstractMapping
from pathlib import Path
from typing import Any

from caravan.ingest.mappers.mapping_files.schema import MappingError
from caravan.ingest.mappers.mapping_files.validation import validate_mapping


class Mapping(AbstractMapping[str, Any]):
    """A validated mapping file: read-only TOML data.

    It pickles as its data, so it can travel to worker processes inside a MappingContext.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"Mapping({self.data.get('name') or sorted(self.data)!r})"

    @property
    def record_language(self) -> str | None:
        language = self.data.get("record_language")
        return str(language) if language else None

    def setting(self, section: str, key: str, default: Any) -> Any:
        """A format option, e.g. setting("csv", "delimiter", ",")."""
        return (self.data.get(section) or {}).get(key, default)


def load_mapping(source: str | Path | AbstractMapping[str, Any]) -> Mapping:
    """Read and validate a mapping: a file path, TOML text, or already-parsed data.

    Raises MappingError naming the key at fault (`titles[2].lang: 'english' is not ...`).
    """
    if isinstance(source, Mapping):
        return source
    data = dict(source) if isinstance(source, AbstractMapping) else _read_toml(source)
    validate_mapping(data)
    return Mapping(data)


def _read_toml(source: str | Path) -> dict[str, Any]:
    text = source
    if isinstance(source, Path) or ("\n" not in source and source.endswith(".toml")):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise MappingError(f"the mapping file {source} cannot be read: {error}") from error
    try:
        return tomllib.loads(str(text))
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"the mapping file is not valid TOML: {error}") from error
