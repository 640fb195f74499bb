"""Similar objects: precision@10 of the suggestions, judged by the CIT catalogue's experts.

The CIT catalogue of Chinese art (../shared/corpus/cit_chinese_art_catalog, 6,373 records of
five holders: the National Palace Museum, the Met, the V&A, the Harvard-Yenching Library and the
Cleveland Museum of Art) indexes every record with about fifteen concepts of the CIT thesaurus.
Both are loaded through the real importers, each holder as one institution, and indexed.

The judged set. A subject concept is *specific* when at most SPECIFIC_SHARE of the indexed
records carry it (this leaves out "tree", "landscape", "robe" …). An object of another
institution is *relevant* to a query object when the two share at least MIN_SHARED specific
subject concepts. Query objects are drawn (seeded) among those with at least MIN_RELEVANT
relevant objects, so that a perfect list of ten is possible for each.

Measured, precision@10 averaged over the queries (a list shorter than ten counts its blanks as
misses):
  (a) full      — the suggestions as readers get them (they see the subject indexing the
                  judgement is made from, so this figure is optimistic);
  (b) hidden    — the query object's own subject indexing hidden: it must find related objects
                  through its titles (Chinese or English), maker, dates and the concepts its
                  words name in any language — the honest figure; measured without and with
                  the learned subject model (caravan/insight/similar/model.py), which infers
                  concepts from words, makers and types counted over the other indexed
                  records. The model is built once over the whole catalogue, and the hidden
                  query record's own contribution is subtracted from its counts before it
                  infers (leave-one-out: exactly a model counted without that record, as the
                  tests check), so it never sees the subjects it is judged by;
  (c) baselines — ten random objects of other institutions with the same object type, and
                  plain BM25 search for the query's title words in other institutions' titles.
The median time of one uncached suggestion list (a) is reported too, and the model's build
time and size. (a) is measured with the model present, as readers get it: it only serves the
records that have no subjects (here the candidates the catalogue left unindexed).
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

NAME = "similar"
CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
CATALOGUE = CORPUS / "cit_chinese_art_catalog" / "CATALOG.dmp"
THESAURUS = CORPUS / "vocabularies" / "cit_chinese_iconography" / "CIT.dmp"
# The catalogue's holders (its COL codes) as the institutions of one alliance.
HOLDERS = {
    "NPM": ("npm", "National Palace Museum", "TW"),
    "MET": ("met", "The Metropolitan Museum of Art", "US"),
    "VANDA": ("vam", "Victoria and Albert Museum", "GB"),
    "HYL": ("hyl", "Harvard-Yenching Library", "US"),
    "CMA": ("cma", "The Cleveland Museum of Art", "US"),
}
SPECIFIC_SHARE = 0.01
MIN_SHARED = 2
MIN_RELEVANT = 10
QUERIES = 300
K = 10
SEED = 8


def run(**_: Any) -> dict[str, Any]:
    from django.core.management import call_command

    from caravan.search.services import index_rebuild

    if not CATALOGUE.exists() or not THESAURUS.exists():
        return {"skipped": f"the CIT corpus is not at {CORPUS.resolve()}"}
    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    stored = load_catalogue()
    load_seconds = time.perf_counter() - started
    index_rebuild()
    return {"objects": stored, "load_seconds": round(load_seconds, 1), **measure()}


def build_subject_model() -> dict[str, Any]:
    """The learned subject model, built by its task and stored, with its figures."""
    from caravan.insight.similar.model import current_model, model_path
    from caravan.insight.similar.tasks import similar_subject_model_task

    started = time.perf_counter()
    similar_subject_model_task.call(force=True)
    seconds = time.perf_counter() - started
    model = current_model()
    if model is None:
        return {"skipped": "no model was built"}
    return {
        "build_seconds": round(seconds, 1),
        "records_counted": model.records,
        "features": len(model.feature_index),
        "associations": len(model.concepts),
        "file_kb": round(model_path().stat().st_size / 1024),
    }


def load_catalogue() -> dict[str, int]:
    """The thesaurus, then each holder's records through the real importer (cit mapper)."""
    from caravan.ingest.services import ingest
    from caravan.ingest.vocab.cit import read_cit_file
    from caravan.ingest.vocab.services import vocabulary_import
    from caravan.institutions.services import institution_create

    vocabulary_import(vocabulary=read_cit_file(THESAURUS))
    stored: dict[str, int] = {}
    for holder, (code, name, country) in HOLDERS.items():
        institution = institution_create(code=code, names={"en": name}, country=country)
        options = f'holder = "{holder}"\nvocabulary = "{THESAURUS.resolve()}"\n'
        run = ingest(
            str(CATALOGUE), institution=institution, format_name="cit", mapping_text=options
        )
        stored[code] = run.created + run.updated + run.unchanged
    return stored


def judged_set() -> tuple[dict[int, set[int]], dict[int, int], dict[str, Any]]:
    """Relevant objects per query object, each object's institution, and the set's figures."""
    from caravan.catalogue.models import CatalogueObject, ObjectTerm, TermField

    institution = dict(
        CatalogueObject.objects.filter(withdrawn_at__isnull=True).values_list("pk", "institution")
    )
    subjects: dict[int, set[int]] = defaultdict(set)
    rows = ObjectTerm.objects.filter(field=TermField.SUBJECT, concept__isnull=False)
    for object_id, concept_id in rows.values_list("object_id", "concept_id"):
        if object_id in institution:
            subjects[object_id].add(concept_id)
    frequency = Counter(concept for concepts in subjects.values() for concept in concepts)
    ceiling = SPECIFIC_SHARE * len(subjects)
    specific = {
        object_id: {concept for concept in concepts if frequency[concept] <= ceiling}
        for object_id, concepts in subjects.items()
    }
    holders: dict[int, set[int]] = defaultdict(set)  # concept → objects
    for object_id, concepts in specific.items():
        for concept in concepts:
            holders[concept].add(object_id)
    relevant: dict[int, set[int]] = {}
    for object_id, concepts in specific.items():
        shared: Counter[int] = Counter()
        for concept in concepts:
            shared.update(holders[concept])
        relevant[object_id] = {
            other
            for other, count in shared.items()
            if count >= MIN_SHARED and institution[other] != institution[object_id]
        }
    eligible = sorted(pk for pk, found in relevant.items() if len(found) >= MIN_RELEVANT)
    chosen = random.Random(SEED).sample(eligible, min(QUERIES, len(eligible)))
    by_institution = Counter(institution[pk] for pk in chosen)
    figures = {
        "indexed_objects": len(subjects),
        "specific_concept_max_objects": int(ceiling),
        "eligible_queries": len(eligible),
        "queries": len(chosen),
        "queries_by_institution": {str(key): value for key, value in by_institution.items()},
        "median_relevant_per_query": statistics.median(len(relevant[pk]) for pk in chosen),
    }
    return {pk: relevant[pk] for pk in chosen}, institution, figures


def measure() -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    from caravan.insight.similar.selectors import similar_objects

    queries, institution, figures = judged_set()
    model_figures = build_subject_model()
    anonymous = AnonymousUser()
    full: list[float] = []
    hidden: list[float] = []
    hidden_learned: list[float] = []
    timings: list[float] = []
    cached: list[float] = []
    for object_id, relevant in queries.items():
        cache.clear()
        started = time.perf_counter()
        found = similar_objects(object_id=object_id, user=anonymous, limit=K)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        similar_objects(object_id=object_id, user=anonymous, limit=K)
        cached.append(time.perf_counter() - started)
        full.append(_precision([item.object_id for item in found], relevant))
        found = similar_objects(
            object_id=object_id, user=anonymous, limit=K, without_subjects=True, use_model=False
        )
        hidden.append(_precision([item.object_id for item in found], relevant))
        found = similar_objects(object_id=object_id, user=anonymous, limit=K, without_subjects=True)
        hidden_learned.append(_precision([item.object_id for item in found], relevant))
    return {
        "judged_set": figures,
        "subject_model": model_figures,
        "precision_at_10": {
            "full": _mean(full),
            "subjects_hidden": _mean(hidden),
            "subjects_hidden_learned_model": _mean(hidden_learned),
            "baseline_same_type_random": _mean(_same_type_baseline(queries, institution)),
            "baseline_title_bm25": _mean(_title_baseline(queries)),
        },
        "median_latency_ms": round(statistics.median(timings) * 1000, 1),
        "p95_latency_ms": round(sorted(timings)[int(0.95 * (len(timings) - 1))] * 1000, 1),
        "cached_latency_ms": round(statistics.median(cached) * 1000, 2),
    }


def _precision(found: list[int], relevant: set[int]) -> float:
    return sum(1 for pk in found[:K] if pk in relevant) / K


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else math.nan


def _same_type_baseline(queries: dict[int, set[int]], institution: dict[int, int]) -> list[float]:
    """Ten random objects of other institutions with the same object type (its text)."""
    from caravan.catalogue.models import ObjectTerm, TermField

    types: dict[int, str] = {}
    rows = ObjectTerm.objects.filter(field=TermField.OBJECT_TYPE)
    for object_id, text in rows.values_list("object_id", "text"):
        types.setdefault(object_id, text.strip().casefold())
    by_type: dict[str, list[int]] = defaultdict(list)
    for object_id, text in sorted(types.items()):
        by_type[text].append(object_id)
    chooser = random.Random(SEED)
    scores = []
    for object_id, relevant in queries.items():
        pool = [
            other
            for other in by_type.get(types.get(object_id, ""), [])
            if institution.get(other) != institution[object_id]
        ]
        scores.append(_precision(chooser.sample(pool, min(K, len(pool))), relevant))
    return scores


def _title_baseline(queries: dict[int, set[int]]) -> list[float]:
    """The query's title words (every language) searched in other institutions' titles."""
    import tantivy

    from caravan.catalogue.models import CatalogueObject
    from caravan.search.analyzer import tokens
    from caravan.search.index import reader, schema

    searcher = reader()
    if searcher is None:
        return []
    scores = []
    for object_id, relevant in queries.items():
        obj = CatalogueObject.objects.get(pk=object_id)
        words = sorted({word for text in obj.titles.values() for word in tokens(text)})
        if not words:
            scores.append(0.0)
            continue
        query = tantivy.Query.boolean_query(
            [
                *(
                    (tantivy.Occur.Should, tantivy.Query.term_query(schema(), "title", word))
                    for word in words
                ),
                (
                    tantivy.Occur.MustNot,
                    tantivy.Query.term_query(schema(), "institution", obj.institution_id),
                ),
            ]
        )
        result = searcher.search(query, K, count=False)
        ids = [int(pk or 0) for pk in searcher.fast_field_values("id", [a for _, a in result.hits])]
        scores.append(_precision(ids, relevant))
    return scores


def report(figures: dict[str, Any]) -> None:
    if "skipped" in figures:
        print(f"skipped: {figures['skipped']}")
        return
    judged = figures["judged_set"]
    precision = figures["precision_at_10"]
    print(
        f"CIT catalogue: {sum(figures['objects'].values())} objects {figures['objects']}, "
        f"loaded in {figures['load_seconds']} s\n"
        f"judged set: {judged['queries']} query objects (of {judged['eligible_queries']} "
        f"eligible), median {judged['median_relevant_per_query']} relevant each; relevant = "
        f"another institution's object sharing ≥{MIN_SHARED} subject concepts each on "
        f"≤{judged['specific_concept_max_objects']} records\n"
        f"precision@10  (a) full {precision['full']:.3f}\n"
        f"              (b) subjects hidden, without the learned model "
        f"{precision['subjects_hidden']:.3f}\n"
        f"              (b) subjects hidden, with the learned model (leave-one-out) "
        f"{precision['subjects_hidden_learned_model']:.3f}\n"
        f"              (c) baselines: same type at random "
        f"{precision['baseline_same_type_random']:.3f}, title BM25 "
        f"{precision['baseline_title_bm25']:.3f}\n"
        f"latency: median {figures['median_latency_ms']} ms, p95 {figures['p95_latency_ms']} ms "
        f"uncached; {figures['cached_latency_ms']} ms cached"
    )
    model = figures.get("subject_model", {})
    if "build_seconds" in model:
        print(
            f"learned subject model: {model['records_counted']} indexed records counted, "
            f"{model['features']} features, {model['associations']} feature–concept "
            f"associations, {model['file_kb']} KB, built in {model['build_seconds']} s"
        )
