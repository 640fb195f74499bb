"""From a parsed query to a Tantivy query: words through the analyzer, concepts and periods
through their expansions, the reader's visibility as a required clause."""

from __future__ import annotations

from dataclasses import dataclass, field

import tantivy

from caravan.catalogue.selectors import VisibilityScope
from caravan.search.analyzer import QueryUnit, query_units
from caravan.search.expansion import Expansion, expansion_for
from caravan.search.index import CHARS_FIELD, FIELD_BOOSTS, VISIBILITY_CODES, schema
from caravan.search.query import Clause, ParsedQuery

Occur = tantivy.Occur
Query = tantivy.Query
# Consecutive plain words tried together as a concept or period label ("bronze mirror").
MAX_LABEL_WORDS = 4
# Below a typical text match: a record's own words rank above a match through a vocabulary.
CONCEPT_BOOST = 1.0
PERIOD_BOOST = 0.8
SCOPE_FIELDS = {
    "title": ("title",),
    "maker": ("maker",),
    "place": ("place",),
    "type": ("type",),
    "material": ("material",),
    "subject": ("subject",),
    "description": ("description",),
}


@dataclass
class QueryPlan:
    query: Query
    # Every analysed term a match may show, for highlighting.
    terms: set[str] = field(default_factory=set)
    expansions: list[Expansion] = field(default_factory=list)
    has_text: bool = False


def plan_query(parsed: ParsedQuery) -> QueryPlan:
    groups = merge_labels(parsed.groups)
    plan = QueryPlan(query=Query.all_query())
    musts: list[tuple[tantivy.Occur, Query]] = []
    for group in groups:
        usable = [query for clause in group if (query := _clause_query(clause, plan)) is not None]
        if usable:  # a group of punctuation alone has nothing to look for
            musts.append((Occur.Must, _any(usable)))
    plan.has_text = bool(musts)
    for clause in parsed.excluded:
        excluded = _text_query(clause, set())
        if excluded is not None:
            musts.append((Occur.MustNot, excluded))
    if parsed.years is not None:
        musts.append((Occur.Must, years_overlap(*parsed.years)))
    if musts:
        if all(occur == Occur.MustNot for occur, _ in musts):
            musts.append((Occur.Must, Query.all_query()))
        plan.query = Query.boolean_query(musts)
    return plan


def merge_labels(groups: list[list[Clause]]) -> list[list[Clause]]:
    """Join runs of plain words that together name a concept or period into one clause."""
    merged: list[list[Clause]] = []
    index = 0
    while index < len(groups):
        run_end = index
        while run_end < len(groups) and _plain_word(groups[run_end]):
            run_end += 1
        if run_end == index:
            merged.append(groups[index])
            index += 1
            continue
        words = [group[0].text for group in groups[index:run_end]]
        merged.extend([[clause] for clause in _joined_labels(words)])
        index = run_end
    return merged


def _plain_word(group: list[Clause]) -> bool:
    return len(group) == 1 and group[0].scope is None and not group[0].phrase


def _joined_labels(words: list[str]) -> list[Clause]:
    clauses: list[Clause] = []
    start = 0
    while start < len(words):
        for length in range(min(MAX_LABEL_WORDS, len(words) - start), 1, -1):
            candidate = " ".join(words[start : start + length])
            if expansion_for(candidate):
                clauses.append(Clause(text=candidate))
                start += length
                break
        else:
            clauses.append(Clause(text=words[start]))
            start += 1
    return clauses


def _clause_query(clause: Clause, plan: QueryPlan) -> Query | None:
    text = _text_query(clause, plan.terms)
    alternatives = [text] if text is not None else []
    if clause.scope in (None, "type", "material", "subject"):
        expansion = expansion_for(clause.text)
        if expansion:
            plan.expansions.append(expansion)
            alternatives.extend(_expansion_queries(expansion))
    return _any(alternatives) if alternatives else None


def _text_query(clause: Clause, terms: set[str]) -> Query | None:
    units = query_units(clause.text)
    if not units:
        return None
    fields = SCOPE_FIELDS.get(clause.scope or "", tuple(FIELD_BOOSTS))
    for unit in units:
        terms.update(unit.terms)
    if clause.phrase:
        words = [term for unit in units for term in unit.terms]
        single = len(units) == 1 and units[0].single_cjk
        return _unit_query(QueryUnit(tuple(words), single_cjk=single), fields)
    return _all([_unit_query(unit, fields) for unit in units])


def _unit_query(unit: QueryUnit, fields: tuple[str, ...]) -> Query:
    per_field: list[Query] = []
    for name in fields:
        if len(unit.terms) == 1:
            matcher = Query.term_query(schema(), name, unit.terms[0])
        else:
            matcher = Query.phrase_query(schema(), name, list(unit.terms))
        per_field.append(Query.boost_query(matcher, FIELD_BOOSTS[name]))
    if unit.single_cjk:
        per_field.append(Query.term_query(schema(), CHARS_FIELD, unit.terms[0]))
    return _any(per_field)


def _expansion_queries(expansion: Expansion) -> list[Query]:
    queries: list[Query] = []
    if expansion.concept_ids:
        linked = Query.term_set_query(schema(), "concept", sorted(expansion.concept_ids))
        queries.append(Query.const_score_query(linked, CONCEPT_BOOST))
    if expansion.period is not None:
        period = expansion.period
        named = Query.term_query(schema(), "period", period.id)
        within = Query.term_query(schema(), "era", period.id)
        queries.append(Query.const_score_query(_any([named, within]), PERIOD_BOOST))
    return queries


def years_overlap(earliest: int | None, latest: int | None) -> Query:
    """Objects whose dates reach into the years (a reader's year range)."""
    parts: list[Query] = []
    if latest is not None:
        parts.append(
            Query.range_query(schema(), "year_min", tantivy.FieldType.Integer, None, latest)
        )
    if earliest is not None:
        parts.append(
            Query.range_query(schema(), "year_max", tantivy.FieldType.Integer, earliest, None)
        )
    return _all(parts) if parts else Query.all_query()


def visibility_clauses(scope: VisibilityScope) -> list[tuple[tantivy.Occur, Query]]:
    """The reader's visibility as clauses to add to a query: what the reader may not see, excluded.

    Excluding the few records that are not public costs far less than intersecting every query
    with the long list of public ones.
    """
    if scope.everything:
        return []
    private = Query.term_query(schema(), "visibility", VISIBILITY_CODES["private"])
    members = Query.term_query(schema(), "visibility", VISIBILITY_CODES["members"])
    if scope.own_institution is None:
        return [(Occur.MustNot, private), (Occur.MustNot, members)]
    own = {scope.own_institution}
    others_private = Query.boolean_query(
        [(Occur.Must, private), (Occur.MustNot, _institutions(own))]
    )
    strangers_members = Query.boolean_query(
        [(Occur.Must, members), (Occur.MustNot, _institutions(own | scope.partner_institutions))]
    )
    return [(Occur.MustNot, others_private), (Occur.MustNot, strangers_members)]


def visibility_query(scope: VisibilityScope) -> Query | None:
    """The reader's visibility as a query of its own (None: everything is visible)."""
    clauses = visibility_clauses(scope)
    if not clauses:
        return None
    return Query.boolean_query([(Occur.Must, Query.all_query()), *clauses])


def _institutions(ids: set[int] | frozenset[int]) -> Query:
    return Query.term_set_query(schema(), "institution", sorted(ids))


def _any(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, query) for query in queries])


def _all(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, query) for query in queries])
