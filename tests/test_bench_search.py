"""The search benchmark: its synthetic records, how it loads them, and that its peer is fair.

No timing is asserted here: these tests check that the benchmark measures what it says.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bench import search_corpus
from bench.search_peer import fts_expression
from bench.search_queries import PLAN, choose_queries
from bench.search_timing import percentiles

pytestmark = pytest.mark.skipif(
    not search_corpus.CORPUS.exists(), reason="the shared corpus (../shared/corpus) is not here"
)


@pytest.fixture(scope="module")
def pools() -> search_corpus.Pools:
    return search_corpus.read_pools()


def _world(pools: search_corpus.Pools) -> search_corpus.World:
    object_types = [search_corpus.Concept(1, {"en": "bowl", "zh-Hant": "碗", "ru": "чаша"})]
    materials = [search_corpus.Concept(2, {"en": "bronze", "zh-Hans": "青铜"})]
    return search_corpus.World(pools, object_types, materials, [7, 8, 9], seed=11)


def test_the_same_chunk_is_made_the_same_way(pools: search_corpus.Pools) -> None:
    world = _world(pools)
    first = search_corpus.chunk_rows(world, 3, first_id=1, count=50)
    again = search_corpus.chunk_rows(world, 3, first_id=1, count=50)
    other = search_corpus.chunk_rows(world, 4, first_id=1, count=50)
    assert first == again
    assert first.objects != other.objects
    assert [row[0] for row in first.objects] == list(range(1, 51))
    assert {row[2] for row in first.objects} == {f"B.{n:07d}" for n in range(1, 51)}


def test_records_are_shaped_like_the_corpus(pools: search_corpus.Pools) -> None:
    rows = search_corpus.chunk_rows(_world(pools), 0, first_id=1, count=4000)
    columns = search_corpus.OBJECT_COLUMNS
    languages = Counter(row[columns.index("language")] for row in rows.objects)
    chinese = languages["zh-Hans"] + languages["zh-Hant"]
    assert 0.27 < chinese / 4000 < 0.33
    assert {"en", "zh-Hans", "zh-Hant", "ru", "ar", "hy"} <= set(languages)
    earliest = [row[columns.index("earliest_year")] for row in rows.objects]
    assert min(year for year in earliest if year is not None) < 0  # BCE periods
    assert {row[columns.index("institution_id")] for row in rows.objects} == {7, 8, 9}
    linked = [term for term in rows.terms if term[4] is not None]
    literal = [term for term in rows.terms if term[4] is None]
    assert linked and literal
    assert {term[1] for term in rows.terms} == {"object_type", "material", "subject"}


def test_language_maps_are_json(pools: search_corpus.Pools) -> None:
    import json

    rows = search_corpus.chunk_rows(_world(pools), 1, first_id=1, count=300)
    titles = [json.loads(row[4]) for row in rows.objects]
    assert all(isinstance(value, str) and value for title in titles for value in title.values())
    assert json.loads(search_corpus._dump({"zh-Hant": '山"水\n'})) == {"zh-Hant": '山"水\n'}


def test_fts_expression_asks_what_caravan_asks() -> None:
    assert fts_expression('bronze "Old Pine" 山水') == '"bronze" "old pine" "山水"'
    # A Chinese word is the phrase of its bigrams, folded to Simplified as the index holds it.
    assert fts_expression("山水人物") == '"山水 水人 人物"'
    assert fts_expression("圖畫") == '"图画"'
    assert fts_expression("Xi'an OR Tang") == '("xi" "an" OR "tang")'
    assert fts_expression("") == ""


def test_percentiles_are_nearest_rank() -> None:
    figures = percentiles([float(n) for n in range(100, 0, -1)])
    assert (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]) == (50.0, 95.0, 99.0)
    assert figures["samples"] == 100


def test_queries_follow_the_plan(pools: search_corpus.Pools) -> None:
    documents = 10_000
    letters = "abcdefghijklmnopqrstuvwxyz"
    frequencies = [(f"word{letters[n % 26]}{letters[n // 26]}", 50 + n) for n in range(400)]
    frequencies += [(f"rare{letters[n % 26]}{letters[n // 26]}", 2) for n in range(100)]
    frequencies += [("the", 6000), ("of", 4000), ("and", 2000), ("b", 10_000)]
    frequencies += [(f"山{chr(0x4E00 + n)}", 10) for n in range(60)]
    frequencies += [("город", 5), ("مدينة", 5), ("քաղաք", 5)]
    queries = choose_queries(frequencies, documents, pools, seed=11)
    kinds = Counter(query.kind for query in queries)
    assert {kind: kinds[kind] for kind in PLAN if kind != "ru/ar/hy"} == {
        kind: wanted for kind, wanted in PLAN.items() if kind != "ru/ar/hy"
    }
    assert kinds["ru/ar/hy"] == 3
    broad = [query.q for query in queries if query.broad]
    assert broad[:3] == ["", "the", "of"]  # "b" is a single letter, "and" below 30%
    assert "of the" in broad
    assert choose_queries(frequencies, documents, pools, seed=11) == queries


@pytest.mark.django_db(transaction=True)
def test_caravan_and_its_peer_find_the_same_documents(
    pools: search_corpus.Pools, make_institution: Any, tmp_path: Path
) -> None:
    from bench import search, search_peer
    from bench.search_timing import peer_runner, selector_runner
    from caravan.catalogue.models import CatalogueObject, ObjectTerm
    from caravan.ingest.vocab.services import starter_vocabulary_ensure
    from caravan.search.models import IndexChange
    from caravan.search.services import index_rebuild

    starter_vocabulary_ensure()
    object_types, materials = search.starter_concepts()
    assert len(object_types) > 20 and len(materials) > 10
    institutions = [make_institution(code).pk for code in ("one", "two")]
    world = search_corpus.World(pools, object_types, materials, institutions, seed=11)
    loaded = search.load_catalogue(world, 400)
    assert loaded["rows"]["objects"] == 400
    assert CatalogueObject.objects.count() == 400
    assert IndexChange.objects.count() == 400  # the triggers logged every write
    assert ObjectTerm.objects.filter(concept__isnull=False).exists()
    current = CatalogueObject.objects.filter(withdrawn_at__isnull=True).count()
    assert index_rebuild(progress=None, workers=1).documents == current
    build = search_peer.build(tmp_path, workers=1)
    public = CatalogueObject.objects.filter(visibility="public", withdrawn_at__isnull=True)
    assert build.rows == public.count()
    facets = ("institution", "material", "century")
    caravan = selector_runner(facets)
    peer = search_peer.Peer(build.path)
    try:
        datasette = peer_runner(peer, facets)
        for q in ("the", '"of the"', "图", "landscape river"):
            ours, theirs = caravan(q)[1], datasette(q)[1]
            assert ours.count == theirs.count, q
            assert ours.facets == theirs.facets, q
        assert caravan("the")[1].count > 20
    finally:
        peer.close()
