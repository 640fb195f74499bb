"""Similar objects for a reader: the entry points of the object page, the checklist builder,
the benchmark and the warm-up task.

Suggestions are computed once per object, reader's scope (what they may see) and index
position, and kept in Django's cache: a write to the catalogue moves the index position, so
the next reader computes them again. The suggested objects are read back through
`objects_visible_to`, so a cached list never shows what the reader may no longer see.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import tantivy
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from caravan.accounts.models import User
from caravan.catalogue.selectors import VisibilityScope, objects_visible_to, visibility_scope
from caravan.core.langmap import pick
from caravan.institutions.models import Institution
from caravan.search.expansion import concept_labels
from caravan.search.hits import hit_rows
from caravan.search.index import IndexState, current_generation, reader
from caravan.search.services import index_catch_up, index_ready

from .candidates import candidate_ids
from .model import SubjectModel, current_model
from .profiles import Profile, profiles_of
from .ranking import MAX_REASON_ITEMS, Scored, rank
from .reasons import Reason, ReasonItem, ReasonKind, ShownReason, shown_reasons
from .statistics import Statistics

SUGGESTIONS = 10
CACHE_SECONDS = 24 * 3600
CACHE_VERSION = 2
# The checklist's objects each bring this many suggestions before they are merged.
PER_CHECKLIST_OBJECT = 12
MAX_CHECKLIST_OBJECTS = 30


@dataclass(frozen=True)
class RelatedObject:
    """A suggestion as a page shows it."""

    object_id: int
    title: str
    title_lang: str
    institution_name: str
    institution_lang: str
    thumbnail_url: str
    score: float
    reasons: tuple[ShownReason, ...]


def similar_objects(
    *,
    object_id: int,
    user: User | AnonymousUser,
    limit: int = SUGGESTIONS,
    without_subjects: bool = False,
    use_model: bool = True,
) -> list[Scored]:
    """The objects of other institutions most like this one that the reader may see, best
    first, with their reasons (empty when the object is unknown, withdrawn or not visible to
    the reader, or before the index exists).

    `without_subjects` ranks as if the object had no subject indexing (the benchmark's honest
    measure); it is not cached. Records with no subjects are given those the learned model
    infers when one was built (`use_model=False` leaves it out, for the benchmark).
    """
    if not objects_visible_to(user).filter(pk=object_id).exists():
        return []
    scope = visibility_scope(user)
    version = _index_version()
    if version is None:
        return []
    model = current_model() if use_model else None
    key = _cache_key(object_id, scope, version, limit, model)
    if not without_subjects:
        cached = cache.get(key)
        if cached is not None:
            return _still_visible(cached, user)
    found = _compute(object_id, scope, limit, without_subjects, model)
    if not without_subjects:
        cache.set(key, found, CACHE_SECONDS)
    return _still_visible(found, user)


def checklist_suggestions(
    *, object_ids: Sequence[int], user: User | AnonymousUser, limit: int = SUGGESTIONS
) -> list[Scored]:
    """Objects like those of a checklist, from institutions other than each one's own, that
    are not on it yet: each object's suggestions, merged by their summed scores."""
    listed = set(object_ids)
    merged: dict[int, Scored] = {}
    for object_id in list(object_ids)[:MAX_CHECKLIST_OBJECTS]:
        for found in similar_objects(object_id=object_id, user=user, limit=PER_CHECKLIST_OBJECT):
            if found.object_id in listed:
                continue
            before = merged.get(found.object_id)
            if before is None:
                merged[found.object_id] = found
            else:
                merged[found.object_id] = Scored(
                    found.object_id,
                    before.score + found.score,
                    merged_reasons(before.reasons, found.reasons),
                )
    ranked = sorted(merged.values(), key=lambda item: (-item.score, item.object_id))
    return ranked[:limit]


def merged_reasons(first: Sequence[Reason], second: Sequence[Reason]) -> tuple[Reason, ...]:
    """One reason per kind: the values of a kind that both lists give are joined, in order and
    once each, up to MAX_REASON_ITEMS (a suggestion like two checklist objects says so once)."""
    by_kind: dict[ReasonKind, list[ReasonItem]] = {}
    for reason in (*first, *second):
        items = by_kind.setdefault(reason.kind, [])
        items.extend(item for item in reason.items if item not in items)
    return tuple(Reason(kind, tuple(items[:MAX_REASON_ITEMS])) for kind, items in by_kind.items())


def related_objects(
    scored: Sequence[Scored], *, user: User | AnonymousUser, lang: str
) -> list[RelatedObject]:
    """The suggestions as a page shows them, in the reader's language (visible ones only)."""
    rows = hit_rows(user, [item.object_id for item in scored], with_concepts=False)
    names = dict(
        Institution.objects.filter(
            pk__in={row.institution_id for row in rows.values()}
        ).values_list("pk", "names")
    )
    labels = concept_labels()
    shown: list[RelatedObject] = []
    for item in scored:
        row = rows.get(item.object_id)
        if row is None:
            continue
        title = pick(row.titles, lang, row.language)
        institution = pick(names.get(row.institution_id) or {}, lang)
        shown.append(
            RelatedObject(
                object_id=row.id,
                title=title.text if title else row.local_id,
                title_lang=title.lang if title else "",
                institution_name=institution.text if institution else "",
                institution_lang=institution.lang if institution else "",
                thumbnail_url=row.thumbnail,
                score=item.score,
                reasons=tuple(shown_reasons(item.reasons, lang=lang, labels=labels)),
            )
        )
    return shown


def _compute(
    object_id: int,
    scope: VisibilityScope,
    limit: int,
    without_subjects: bool,
    model: SubjectModel | None,
) -> list[Scored]:
    searcher = reader()
    if searcher is None:
        return []
    statistics = _statistics(searcher)
    hidden = [object_id] if without_subjects else []
    query = profiles_of([object_id], without_subjects=hidden, model=model).get(object_id)
    if query is None:
        return []
    ids = candidate_ids(query, scope=scope, statistics=statistics)
    candidates = [
        profile
        for profile in profiles_of(ids, model=model).values()
        if profile.institution_id != query.institution_id
    ]
    return rank(query, candidates, statistics, limit=limit)


def _still_visible(scored: list[Scored], user: User | AnonymousUser) -> list[Scored]:
    ids = [item.object_id for item in scored]
    visible = set(objects_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [item for item in scored if item.object_id in visible]


def _index_version() -> tuple[str, int, int] | None:
    """Which index, and how far it has read the change log: a re-index changes it."""
    index_catch_up()
    generation = current_generation() if index_ready() else None
    if generation is None:
        return None
    state = IndexState.read(generation)
    return (generation.name, state.position, len(state.gaps))


def _cache_key(
    object_id: int,
    scope: VisibilityScope,
    version: tuple[str, int, int],
    limit: int,
    model: SubjectModel | None,
) -> str:
    scope_text = f"{scope.everything}:{scope.own_institution}:{sorted(scope.partner_institutions)}"
    built = model.built_at if model is not None else 0.0  # a new model, new suggestions
    digest = hashlib.sha256(f"{scope_text}|{version}|{limit}|{built}".encode()).hexdigest()[:24]
    return f"caravan:similar:{CACHE_VERSION}:{object_id}:{digest}"


class _StatisticsCache:
    def __init__(self) -> None:
        self.key: tuple[object, ...] = ()
        self.statistics: Statistics | None = None


_statistics_cache = _StatisticsCache()


def _statistics(searcher: tantivy.Searcher) -> Statistics:
    """IDF tables kept while the index and the vocabulary stay the same."""
    labels = concept_labels()
    key = (_index_version(), id(labels))
    if _statistics_cache.statistics is None or _statistics_cache.key != key:
        _statistics_cache.statistics = Statistics(searcher, labels)
        _statistics_cache.key = key
    statistics = _statistics_cache.statistics
    statistics.searcher = searcher  # the same generation and position: same frequencies
    return statistics


def profile_of(
    object_id: int, *, without_subjects: bool = False, use_model: bool = True
) -> Profile | None:
    """One object's profile (the benchmark and tests look at what the ranking compares)."""
    hidden = [object_id] if without_subjects else []
    model = current_model() if use_model else None
    return profiles_of([object_id], without_subjects=hidden, model=model).get(object_id)


def index_version_text() -> str | None:
    """The index version as text (the learned model records the one it was built at)."""
    version = _index_version()
    return None if version is None else ":".join(str(part) for part in version)
