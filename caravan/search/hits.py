"""A page of hits, read back from the database through the reader's visibility rule.

Plain rows, not model instances: a page of twenty hits costs three small queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext, override

from caravan.accounts.models import User
from caravan.api.iiif.viewer import thumbnail_src
from caravan.catalogue.models import ObjectMedia, ObjectTerm
from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import pick
from caravan.search.expansion import Expansion, concept_labels
from caravan.search.facets import Directory
from caravan.search.snippets import best_snippet, language_map_items
from caravan.search.types import Hit, Match

_COLUMNS = (
    "id",
    "institution_id",
    "local_id",
    "language",
    "titles",
    "descriptions",
    "inscriptions",
    "date_display",
    "earliest_year",
    "latest_year",
)


@dataclass
class HitRow:
    id: int
    institution_id: int
    local_id: str
    language: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    inscriptions: dict[str, str]
    date_display: dict[str, str]
    earliest_year: int | None
    latest_year: int | None
    thumbnail: str = ""
    concepts: set[int] = field(default_factory=set)


# What a thumbnail needs: the record's own addresses, or a hosted image's IIIF identifier and size.
_MEDIA_FIELDS = (
    "object_id",
    "position",
    "thumbnail_url",
    "image_url",
    "hosted_id",
    "image_file",
    "width",
    "height",
)


def hit_rows(
    user: User | AnonymousUser, ids: Sequence[int], *, with_concepts: bool
) -> dict[int, HitRow]:
    rows: dict[int, HitRow] = {
        values[0]: HitRow(*values)
        for values in objects_visible_to(user).filter(pk__in=ids).values_list(*_COLUMNS)
    }
    media = (
        ObjectMedia.objects.filter(object_id__in=list(rows))
        .order_by("object_id", "-position")
        .only(*_MEDIA_FIELDS)
    )
    for item in media:  # the lowest position is read last and wins
        row = rows[item.object_id]
        row.thumbnail = thumbnail_src(item) or row.thumbnail
    if with_concepts:
        linked = ObjectTerm.objects.filter(
            object_id__in=list(rows), concept_id__isnull=False
        ).values_list("object_id", "concept_id")
        for object_id, concept_id in linked:
            rows[object_id].concepts.add(concept_id)
    return rows


def make_hit(
    row: HitRow,
    *,
    score: float,
    lang: str,
    terms: set[str],
    expansions: list[Expansion],
    places: Directory,
) -> Hit:
    title = pick(row.titles, lang, row.language)
    description = pick(row.descriptions, lang, row.language)
    snippet = best_snippet(
        language_map_items(row.descriptions, row.titles, row.inscriptions, first=lang),
        terms,
        fallback=(description.lang, description.text) if description else None,
    )
    date = pick(row.date_display, lang, row.language)
    code = places.institution_codes.get(row.institution_id, "")
    institution_name = pick(places.institution_names.get(row.institution_id), lang)
    return Hit(
        object_id=row.id,
        institution_code=code,
        institution_name=institution_name.text if institution_name else code,
        local_identifier=row.local_id,
        title=title.text if title else row.local_id,
        title_lang=title.lang if title else "",
        snippet_html=snippet.html,
        snippet_lang=snippet.lang,
        date_display=date.text if date else "",
        thumbnail_url=row.thumbnail,
        matched=tuple(_matches(row, snippet.matched, expansions, lang)),
        score=score,
    )


def _matches(
    row: HitRow, words: Sequence[str], expansions: list[Expansion], lang: str
) -> list[Match]:
    found: list[Match] = []
    if words:
        found.append(Match(kind="text", label=" ".join(words)))
    for expansion in expansions:
        if expansion.concept_ids & row.concepts:
            found.append(concept_note(expansion, lang))
        period = expansion.period
        if (
            period is not None
            and row.earliest_year is not None
            and row.latest_year is not None
            and period.contains(row.earliest_year, row.latest_year)
        ):
            found.append(period_note(expansion, lang))
    return found


def concept_note(expansion: Expansion, lang: str) -> Match:
    hit = expansion.concepts[0]
    own = concept_labels().label(hit.concept_id, lang)
    label = own if own == hit.matched_label else f"{own} · {hit.matched_label}"
    return Match(kind="concept", label=label, term=expansion.words, concept_id=hit.concept_id)


def period_note(expansion: Expansion, lang: str) -> Match:
    period = expansion.period
    if period is None:
        raise ValueError("a period note needs a period")
    chosen = pick({tag: names[0] for tag, names in period.labels.items()}, lang)
    name = chosen.text if chosen else period.label()
    with override(lang):
        years = f"{_year(period.earliest)}–{_year(period.latest)}"
    return Match(
        kind="period", label=f"{name} ({years})", term=expansion.words, period_id=period.id
    )


def _year(year: int) -> str:
    # The same message as the pages' year filter, so it shares its translations.
    return gettext("%(year)s BCE") % {"year": -year} if year < 0 else str(year)


def expansion_notes(expansions: list[Expansion], lang: str) -> list[Match]:
    notes: list[Match] = []
    for expansion in expansions:
        if expansion.concepts:
            notes.append(concept_note(expansion, lang))
        if expansion.period is not None:
            notes.append(period_note(expansion, lang))
    return notes
