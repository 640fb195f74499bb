"""Search tests over the shared corpus: where it is, loading it once per module, asking it.

A module loads its sources once through the real importers, inside a transaction that is rolled
back when the module is done, and builds one index for all its tests. Each test still runs in
its own savepoint (pytest-django), so the catalogue every test sees is exactly what the module
loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import override_settings

from caravan.ingest.models import HarvestRun, RunStatus
from caravan.ingest.services import ingest
from caravan.institutions.models import Institution
from caravan.institutions.services import institution_create
from caravan.search.expansion import forget_concept_labels
from caravan.search.facets import forget_directory
from caravan.search.index import forget_readers
from caravan.search.selectors import search
from caravan.search.services import index_rebuild
from caravan.search.types import Hit, Match, SearchRequest, SearchResult

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"
MAPPINGS = Path(__file__).resolve().parents[2] / "ingest" / "mappings"
ANONYMOUS = AnonymousUser()


def corpus_path(*parts: str) -> Path:
    """A path in the shared corpus; the tests are skipped when the corpus is not there."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return path


@contextmanager
def loaded_corpus(
    django_db_blocker: Any, index_dir: Path, load: Callable[[], None]
) -> Iterator[Path]:
    """Run `load`, index what it stored into `index_dir`, and undo it all afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        load()
        # Each test's teardown checks deferred constraints inside its savepoint, whose rollback
        # would leave the load's checks pending again for the next test: run them once here.
        connection.check_constraints()
        with override_settings(CARAVAN_SEARCH_INDEX_DIR=index_dir):
            index_rebuild(workers=1)  # workers would not see this open transaction
        _forget_caches()
        try:
            yield index_dir
        finally:
            transaction.set_rollback(True)
            _forget_caches()


def _forget_caches() -> None:
    forget_concept_labels()
    forget_readers()
    forget_directory()


def corpus_fixtures(name: str, load: Callable[[], None]) -> tuple[Any, Any]:
    """A test module's two fixtures: its corpus loaded and indexed once, and that index used by
    every test in place of conftest.py's empty one. Assign them to these names in the module:

        corpus_index, search_index_dir = corpus_fixtures("cit", load_cit)
    """

    @pytest.fixture(scope="module")
    def corpus_index(
        django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
    ) -> Iterator[Path]:
        directory = tmp_path_factory.mktemp(f"{name}-index")
        with loaded_corpus(django_db_blocker, directory, load) as path:
            yield path

    @pytest.fixture(autouse=True)
    def search_index_dir(corpus_index: Path, settings: Any) -> Path:
        settings.CARAVAN_SEARCH_INDEX_DIR = corpus_index
        return corpus_index

    return corpus_index, search_index_dir


def import_file(
    institution: Institution, path: Path, format_name: str, mapping: str = ""
) -> HarvestRun:
    """Import a corpus file or folder through the real importer; the run must succeed."""
    mapping_text = (MAPPINGS / mapping).read_text(encoding="utf-8") if mapping else ""
    run = ingest(
        str(path), institution=institution, format_name=format_name, mapping_text=mapping_text
    )
    assert run.status == RunStatus.SUCCEEDED, run.failure
    return run


def make_institution(code: str, name: str, country: str) -> Institution:
    return institution_create(code=code, names={"en": name}, country=country)


def ask(q: str, *, lang: str = "en", page_size: int = 20, **options: Any) -> SearchResult:
    return search(SearchRequest(q=q, lang=lang, page_size=page_size, **options), user=ANONYMOUS)


def local_ids(result: SearchResult) -> list[str]:
    return [hit.local_identifier for hit in result.hits]


def top(q: str, count: int = 5, **options: Any) -> list[str]:
    """The local identifiers of the best `count` hits."""
    return local_ids(ask(q, page_size=count, **options))


def hit_for(result: SearchResult, local_id: str) -> Hit:
    """The hit for the record, failing with the identifiers found when it is not there."""
    for hit in result.hits:
        if hit.local_identifier == local_id:
            return hit
    raise AssertionError(f"{local_id} is not among {local_ids(result)}")


def concept_matches(hit: Hit) -> Sequence[Match]:
    return [match for match in hit.matched if match.kind == "concept"]
