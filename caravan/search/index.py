"""The Tantivy index on disk: its schema, its generations and how far it has read the change log.

Layout under CARAVAN_SEARCH_INDEX_DIR:

    current -> gen-20261122T041500-1234    (a symlink; replaced atomically by a rebuild)
    gen-…/                                 (a Tantivy index, plus caravan-state.json)

A rebuild writes a new generation beside the one being served and then swaps the symlink, so
search never goes dark; readers notice the swap on their next query. Text reaches Tantivy already
analysed (caravan/search/analyzer.py) and joined with spaces: Tantivy's whitespace tokenizer only
splits it again, so the analyzer stays ours and testable.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import tantivy
from django.conf import settings

# Text fields by role, with the weight a match in each carries.
FIELD_BOOSTS: dict[str, float] = {
    "title": 3.0,
    "maker": 2.0,
    "type": 1.6,
    "material": 1.6,
    "subject": 1.4,
    "place": 1.4,
    "description": 1.0,
    "other": 0.6,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
# Every single CJK character of every role, so one-character queries find their documents.
CHARS_FIELD = "chars"
# Keyword fields: facets and filters, one raw term per value.
# `period` holds the periods a record's dates name (with their parents), for the facet;
# `era` every gazetteer period whose years contain the record's, for queries naming a period.
# `missing` the completeness criteria a record fails (caravan.catalogue.quality), `tier` its tier.
KEYWORD_FIELDS = ("country", "type_key", "material_key", "period", "era", "rights", "missing")
VISIBILITY_CODES = {"public": 0, "members": 1, "private": 2}

# Raised whenever the schema or the analyzer changes what is indexed: older generations rebuild.
SCHEMA_VERSION = 4
STATE_FILE = "caravan-state.json"
CURRENT = "current"
WRITER_HEAP_BYTES = 64_000_000


@cache
def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("institution", indexed=True, fast=True)
    builder.add_unsigned_field("visibility", indexed=True, fast=True)
    builder.add_unsigned_field("concept", indexed=True, fast=True)
    builder.add_integer_field("year_min", indexed=True, fast=True)
    builder.add_integer_field("year_max", indexed=True, fast=True)
    builder.add_integer_field("century", indexed=True, fast=True)
    builder.add_integer_field("added", fast=True)
    builder.add_boolean_field("has_image", indexed=True, fast=True)
    builder.add_unsigned_field("tier", indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    # Single characters are looked up one at a time, never as phrases: no positions needed.
    builder.add_text_field(CHARS_FIELD, tokenizer_name="whitespace", index_option="freq")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    return builder.build()


@dataclass
class IndexState:
    """How far a generation has applied the change log.

    `gaps` are change ids below `position` not yet seen: on PostgreSQL a transaction may commit
    after a later one, so its change appears late. They are looked for again until they are
    older than GAP_PATIENCE_SECONDS.
    """

    position: int = 0
    gaps: dict[int, float] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    @classmethod
    def read(cls, directory: Path) -> IndexState:
        try:
            data = json.loads((directory / STATE_FILE).read_text())
        except FileNotFoundError:
            return cls()
        return cls(
            position=int(data["position"]),
            gaps={int(change): float(seen) for change, seen in data.get("gaps", {}).items()},
            schema_version=int(data.get("schema_version", 0)),
        )

    def write(self, directory: Path) -> None:
        temporary = directory / f".{STATE_FILE}.{os.getpid()}"
        payload = {
            "position": self.position,
            "gaps": {str(change): seen for change, seen in self.gaps.items()},
            "schema_version": self.schema_version,
        }
        temporary.write_text(json.dumps(payload))
        os.replace(temporary, directory / STATE_FILE)


def index_root() -> Path:
    return Path(settings.CARAVAN_SEARCH_INDEX_DIR)


def current_generation() -> Path | None:
    """The generation being served, or None before the first build."""
    link = index_root() / CURRENT
    try:
        return link.parent / os.readlink(link)
    except FileNotFoundError:
        return None


def new_generation() -> Path:
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    directory = root / f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 100000}"
    directory.mkdir()
    return directory


def open_generation(directory: Path) -> tantivy.Index:
    return tantivy.Index(schema(), path=str(directory), reuse=True)


def serve_generation(directory: Path) -> None:
    """Make a built generation the current one, atomically, and remove older ones."""
    root = index_root()
    temporary = root / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(directory.name)
    os.replace(temporary, root / CURRENT)
    _remove_old_generations(keep=directory)


def _remove_old_generations(*, keep: Path) -> None:
    # A reader that opened an old generation keeps its open files on POSIX; only the names go.
    for candidate in index_root().glob("gen-*"):
        if candidate != keep and candidate.is_dir() and _older_than(candidate, seconds=60):
            shutil.rmtree(candidate, ignore_errors=True)


def _older_than(directory: Path, *, seconds: float) -> bool:
    try:
        return time.time() - directory.stat().st_mtime > seconds
    except FileNotFoundError:
        return False


class _Readers(threading.local):
    generation: Path | None = None
    index: tantivy.Index | None = None


_readers = _Readers()


def reader() -> tantivy.Searcher | None:
    """A searcher over the latest commit of the current generation (None before the first build).

    Cheap to call on every query: a readlink, and a reload that costs microseconds when nothing
    was committed.
    """
    generation = current_generation()
    if generation is None:
        return None
    if generation != _readers.generation or _readers.index is None:
        _readers.index = open_generation(generation)
        _readers.generation = generation
    _readers.index.reload()
    return _readers.index.searcher()


def forget_readers() -> None:
    """Drop this thread's open index (tests switch index directories between tests)."""
    _readers.generation = None
    _readers.index = None
