"""The peer in the search benchmark: Datasette over the same documents, with its FTS5 search.

The table holds exactly the documents Caravan indexes for an anonymous reader (public, not
withdrawn), made by the same code (caravan.search.documents): each text field as the analyzer's
tokens joined by spaces, so FTS5 finds Chinese words as Caravan does. FTS5 splits that text
again with `unicode61` told to keep marks inside words and not to strip diacritics (the analyzer
already folded what it folds), so both engines see the same tokens. Multi-valued facets (object
types, materials) are JSON arrays counted with `_facet_array`, Datasette's documented
way; the institution and the century (of the middle of the date range, as Caravan counts it)
are one value per row, counted with `_facet`.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import pickle
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from caravan.catalogue.models import CatalogueObject
from caravan.search.analyzer import query_units
from caravan.search.documents import analyse, id_chunks, source_documents
from caravan.search.index import CHARS_FIELD, TEXT_FIELDS, VISIBILITY_CODES
from caravan.search.query import parse_query

DATABASE = "peer"
TABLE = "objects"
TEXT_COLUMNS = (*TEXT_FIELDS, CHARS_FIELD)
# Facet name in Caravan -> column here, and whether it holds a JSON array.
FACET_COLUMNS = {
    "institution": ("institution", False),
    "object_type": ("type_key", True),
    "material": ("material_key", True),
    "century": ("century", False),
}
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
CHUNK = 2000
SETTINGS = {
    # Raised so that counts and facets of broad queries complete instead of timing out.
    "sql_time_limit_ms": 600_000,
    "facet_time_limit_ms": 600_000,
    "suggest_facets": False,  # asked-for facets only, as Caravan computes
    "default_facet_size": 100,  # Caravan returns up to 100 values per facet
}


@dataclass(frozen=True)
class PeerBuild:
    path: Path
    rows: int
    prepare_seconds: float  # reading the catalogue and analysing it (in a pool of workers)
    insert_seconds: float
    fts_seconds: float
    size_mb: float


def _rows(documents: list[Any], codes: dict[int, str]) -> list[dict[str, Any]]:
    rows = []
    public = VISIBILITY_CODES["public"]
    for document in documents:
        if document.visibility != public:
            continue
        analysed = analyse(document)
        row: dict[str, Any] = {"id": analysed.id, "institution": codes[analysed.institution_id]}
        row["type_key"] = json.dumps(list(analysed.keywords["type_key"]), ensure_ascii=False)
        row["material_key"] = json.dumps(
            list(analysed.keywords["material_key"]), ensure_ascii=False
        )
        row["century"] = None if analysed.century is None else str(analysed.century)
        for column in TEXT_COLUMNS:
            row[column] = analysed.fields.get(column, "")
        rows.append(row)
    return rows


_codes: dict[int, str] = {}


def _rows_in_worker(documents: list[Any]) -> list[dict[str, Any]]:
    return _rows(documents, _codes)


def _row_batches(workers: int) -> Iterator[list[dict[str, Any]]]:
    ids = list(
        CatalogueObject.objects.filter(withdrawn_at__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
    )
    chunks = (source_documents(chunk) for chunk in id_chunks(ids, CHUNK))
    if workers <= 1:
        yield from (_rows_in_worker(documents) for documents in chunks)
        return
    # fork: the workers inherit the loaded analyzer and the institution codes.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_rows_in_worker, chunks)


def build(folder: Path, *, workers: int = 2) -> PeerBuild:
    """Write the peer's database: the rows, then the FTS5 index, each timed.

    The rows are analysed first, into a scratch file, so that loading them is timed alone, as
    `sqlite-utils insert` of a prepared file would be.
    """
    import sqlite_utils

    from caravan.institutions.models import Institution

    _codes.clear()
    _codes.update(Institution.objects.values_list("id", "code"))
    scratch = folder / "peer-rows.pickle"
    started = time.perf_counter()
    with scratch.open("wb") as handle:
        for batch in _row_batches(workers):
            pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
    prepare_seconds = time.perf_counter() - started
    path = folder / f"{DATABASE}.db"
    path.unlink(missing_ok=True)
    database = sqlite_utils.Database(path)
    table = database.table(TABLE)
    started = time.perf_counter()
    rows = 0
    for batch in _read(scratch):
        table.insert_all(batch, pk="id")
        rows += len(batch)
    insert_seconds = time.perf_counter() - started
    scratch.unlink()
    started = time.perf_counter()
    table.enable_fts(list(TEXT_COLUMNS), fts_version="FTS5", tokenize=TOKENIZE)
    fts_seconds = time.perf_counter() - started
    database.close()
    size = sum(p.stat().st_size for p in folder.glob(f"{DATABASE}.db*")) / 1_048_576
    return PeerBuild(path, rows, prepare_seconds, insert_seconds, fts_seconds, size)


def _read(scratch: Path) -> Iterator[list[dict[str, Any]]]:
    with scratch.open("rb") as handle:
        while True:
            try:
                yield pickle.load(handle)  # noqa: S301 - our own scratch file
            except EOFError:
                return


def document_frequencies(path: Path) -> list[tuple[str, int]]:
    """Every token of the peer's index with the number of rows holding it."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, "
            f"'{TABLE}_fts', 'row')"
        )
        return connection.execute("SELECT term, doc FROM temp.vocabulary").fetchall()


def fts_expression(q: str) -> str:
    """The FTS5 search that asks what Caravan's query language asks, word for word.

    Each word is a term and each Chinese run the phrase of its bigrams, all required (FTS5's
    implicit AND); a quoted phrase stays one phrase. Caravan's concept and period expansions have
    no FTS5 equivalent.
    """
    parts: list[str] = []
    for group in parse_query(q).groups:
        alternatives = [_clause_expression(clause.text, clause.phrase) for clause in group]
        alternatives = [text for text in alternatives if text]
        if len(alternatives) == 1:
            parts.append(alternatives[0])
        elif alternatives:
            parts.append("(" + " OR ".join(alternatives) + ")")
    return " ".join(parts)


def _clause_expression(text: str, phrase: bool) -> str:
    units = [unit for unit in query_units(text) if unit.terms]
    if phrase:
        return '"' + " ".join(term for unit in units for term in unit.terms) + '"' if units else ""
    return " ".join('"' + " ".join(unit.terms) + '"' for unit in units)


def table_path(q: str, facets: Sequence[str], size: int = 20) -> str:
    params: list[tuple[str, str]] = [("_size", str(size))]
    expression = fts_expression(q)
    if expression:
        params.append(("_search", expression))
        if " OR " in expression:  # the escaped mode would quote the parentheses
            params.append(("_searchmode", "raw"))
    for name in facets:
        column, is_array = FACET_COLUMNS[name]
        params.append(("_facet_array" if is_array else "_facet", column))
    return f"/{DATABASE}/{TABLE}.json?{urlencode(params)}"


@dataclass(frozen=True)
class PeerAnswer:
    count: int
    facets: dict[str, dict[str, int]]


class Peer:
    """A Datasette instance over the peer database, called in-process through its client."""

    def __init__(self, path: Path) -> None:
        from datasette.app import Datasette  # type: ignore[import-untyped]

        self.datasette = Datasette([str(path)], settings=SETTINGS)
        self.loop = asyncio.new_event_loop()

    def close(self) -> None:
        self.loop.close()

    def timed(self, q: str, facets: Sequence[str]) -> tuple[float, PeerAnswer]:
        """Milliseconds for one table request (JSON rendered), and what it answered."""
        return self.loop.run_until_complete(self._timed(table_path(q, facets)))

    async def _timed(self, path: str) -> tuple[float, PeerAnswer]:
        started = time.perf_counter()
        response = await self.datasette.client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"Datasette answered {response.status_code} to {path}")
        data = response.json()
        facets = {
            name: {str(item["value"]): item["count"] for item in result["results"]}
            for name, result in (data.get("facet_results") or {}).items()
        }
        return elapsed, PeerAnswer(data["filtered_table_rows_count"], facets)
