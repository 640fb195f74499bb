"""Candidate generation: one "more like this" query to the index per object.

The query is a disjunction of what the object is (its concepts weighted by rarity, the labels of
its rarest concepts in every language, its makers, its named period, its rarest words), so the
index's own scoring brings the few hundred nearest objects of a catalogue of any size. The
reader's visibility is a required part of the query, built by the search's own rule
(`caravan.search.plan.visibility_clauses`), and the object's own institution is excluded.
"""

from __future__ import annotations

import tantivy

from caravan.catalogue.selectors import VisibilityScope
from caravan.search.analyzer import tokens
from caravan.search.index import FIELD_BOOSTS, schema
from caravan.search.plan import visibility_clauses

from .profiles import Profile
from .statistics import Statistics

Occur = tantivy.Occur
Query = tantivy.Query
CANDIDATES = 300
MAX_CONCEPTS = 40
MAX_LABELLED_CONCEPTS = 12
MAX_WORDS = 30
WORD_FIELDS = ("title", "description", "subject")
MAKER_BOOST = 4.0
PERIOD_BOOST = 0.5
LABEL_BOOST = 0.5


def candidate_ids(
    profile: Profile,
    *,
    scope: VisibilityScope,
    statistics: Statistics,
    limit: int = CANDIDATES,
) -> list[int]:
    """The ids of up to `limit` objects of other institutions nearest to the profile."""
    clauses = _similar_clauses(profile, statistics)
    if not clauses:
        return []
    query = Query.boolean_query(
        [
            *((Occur.Should, clause) for clause in clauses),
            (Occur.MustNot, Query.term_query(schema(), "institution", profile.institution_id)),
            *visibility_clauses(scope),
        ]
    )
    searcher = statistics.searcher
    result = searcher.search(query, limit, count=False)
    addresses = [address for _, address in result.hits]
    return [int(pk or 0) for pk in searcher.fast_field_values("id", addresses)]


def _similar_clauses(profile: Profile, statistics: Statistics) -> list[Query]:
    clauses: list[Query] = []
    ranked = sorted(
        (
            (statistics.concept_idf(concept) * weight, concept)
            for concept, weight in profile.concepts.items()
            # Broader concepts only rank (they would bring too much); inferred ones bring.
            if weight >= 0.5 or concept in profile.inferred
        ),
        reverse=True,
    )[:MAX_CONCEPTS]
    for score, concept in ranked:
        if score > 0:
            term = Query.term_query(schema(), "concept", concept)
            clauses.append(Query.const_score_query(term, score))
    for _, concept in ranked[:MAX_LABELLED_CONCEPTS]:
        clauses.extend(_label_clauses(concept, statistics))
    for key in profile.makers:
        words = key.split()
        maker = (
            Query.term_query(schema(), "maker", words[0])
            if len(words) == 1
            else Query.phrase_query(schema(), "maker", list[str | tuple[int, str]](words))
        )
        clauses.append(Query.boost_query(maker, MAKER_BOOST))
    if profile.eras:
        named = Query.term_set_query(schema(), "era", sorted(profile.eras))
        clauses.append(Query.boost_query(named, PERIOD_BOOST))
    words = sorted(profile.words, key=statistics.word_idf, reverse=True)[:MAX_WORDS]
    for word in words:
        for field in WORD_FIELDS:
            term = Query.term_query(schema(), field, word)
            clauses.append(Query.boost_query(term, FIELD_BOOSTS[field] / 3))
    return clauses


def _label_clauses(concept: int, statistics: Statistics) -> list[Query]:
    """The concept's labels as words of titles, in every language: records not linked to the
    concept but whose titles name it in another language are found too."""
    clauses: list[Query] = []
    for text in set(statistics.labels.pref_labels.get(concept, {}).values()):
        words = [word for word in tokens(text) if word]
        if not words:
            continue
        if len(words) == 1:
            matcher = Query.term_query(schema(), "title", words[0])
        else:
            matcher = Query.phrase_query(schema(), "title", list[str | tuple[int, str]](words))
        clauses.append(Query.boost_query(matcher, LABEL_BOOST))
    return clauses
