"""Reading an object for export: its texts by language, terms, makers, years and images.

Every function reads what `selectors.object_page` prefetched (`.all()` on a prefetched
relation is served from memory), so building a page of records runs no further queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.urls import reverse

from caravan.api.oai.formats.base import RecordContext
from caravan.catalogue.models import (
    AgentKind,
    CatalogueObject,
    Concept,
    ObjectAgent,
    ObjectMedia,
    ObjectTerm,
    TermField,
)


def texts(language_map: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """(language, text) pairs of a language map, blank texts left out."""
    return [(lang, text) for lang, text in (language_map or {}).items() if text and text.strip()]


def terms(obj: CatalogueObject, field: TermField) -> list[ObjectTerm]:
    return [term for term in obj.terms.all() if term.field == field]


def makers(obj: CatalogueObject) -> list[ObjectAgent]:
    return [agent for agent in obj.agents.all() if agent.kind != AgentKind.CULTURE]


def cultures(obj: CatalogueObject) -> list[ObjectAgent]:
    return [agent for agent in obj.agents.all() if agent.kind == AgentKind.CULTURE]


def images(obj: CatalogueObject, context: RecordContext) -> list[ObjectMedia]:
    """The object's images with absolute addresses; an image Caravan hosts is given the
    addresses of its IIIF Image service (the whole image, a thumbnail, the service itself)."""
    shown = []
    for item in obj.media.all():
        if item.hosted_id and item.image_file:
            service = context.absolute(reverse("iiif:image_base", args=[item.hosted_id]))
            shown.append(
                ObjectMedia(
                    image_url=f"{service}/full/max/0/default.jpg",
                    thumbnail_url=f"{service}/full/400,/0/default.jpg",
                    iiif_service=service,
                    caption=item.caption,
                    rights=item.rights,
                    position=item.position,
                )
            )
        elif item.image_url or item.iiif_service:
            shown.append(item)
    return shown


def linked_concept(term: ObjectTerm) -> Concept | None:
    """The term's vocabulary concept, when it has a URI to point at."""
    concept = term.concept
    return concept if concept is not None and concept.uri else None


def year_text(year: int) -> str:
    """A year in ISO 8601 form with at least four digits: 1368, 0618, -0206 (206 BCE).

    Caravan counts years without a year zero (1 BCE is -1), the XML Schema 1.0 convention,
    which is also how Caravan's own LIDO import reads such dates back.
    """
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def year_span(earliest: int | None, latest: int | None) -> str:
    """'1368/1644' for a span, '1650' for one year, '' when nothing is known."""
    years = [year for year in (earliest, latest) if year is not None]
    if not years:
        return ""
    first, last = min(years), max(years)
    return year_text(first) if first == last else f"{year_text(first)}/{year_text(last)}"


def block_languages(obj: CatalogueObject) -> list[str]:
    """Every language the object's texts are written in: the cataloguing language first (when
    something is written in it), then the titles' languages, then the rest."""
    maps = (
        obj.titles,
        obj.descriptions,
        obj.production_place,
        obj.date_display,
        obj.dimensions,
        obj.inscriptions,
    )
    found = _unique([tag for language_map in maps for tag, _ in texts(language_map)])
    found += [term.lang for term in obj.terms.all() if term.lang not in found]
    found = _unique(found)
    ordered = [obj.language] if obj.language in found else []
    ordered += [tag for tag, _ in texts(obj.titles)]
    return _unique([*ordered, *found]) or [obj.language]


def _unique(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tags))
