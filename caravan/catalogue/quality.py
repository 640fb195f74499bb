"""How complete a catalogue record is: ten criteria, each a question a registrar can act on, and
a tier in the spirit of Europeana's metadata tiers (0, A, B, C).

The criteria are judged from plain facts about a record (`RecordFacts`), gathered wherever the
record is read in bulk — the search index stores the result, so that dashboards count it for a
million records in milliseconds, and a test recounts it from the database row by row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Criterion:
    code: str
    label: Promise
    why: Promise


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "title", _("Title"), _("Without a title a record cannot be listed or found by name.")
    ),
    Criterion(
        "description",
        _("Description"),
        _("A description is what most readers search and what a curator reads first."),
    ),
    Criterion(
        "date",
        _("Date as years"),
        _("Only a date read as years places the object on the timeline and in period searches."),
    ),
    Criterion(
        "object_type",
        _("Object type from a vocabulary"),
        _("A type linked to a vocabulary is found in every language the vocabulary speaks."),
    ),
    Criterion(
        "material",
        _("Material"),
        _("Materials are the second thing loan and exhibition staff filter on."),
    ),
    Criterion(
        "maker",
        _("Maker or culture"),
        _("Makers and cultures link an object to others by the same hand or people."),
    ),
    Criterion(
        "place",
        _("Place of production"),
        _("A place or country puts the object on the map and in the country figures."),
    ),
    Criterion(
        "rights",
        _("Rights statement"),
        _("Without a rights statement nobody knows if the record and its images may be reused."),
    ),
    Criterion(
        "image", _("Image"), _("Records with images are the ones readers open and curators borrow.")
    ),
    Criterion(
        "multilingual",
        _("Title in two or more languages"),
        _("A second language opens the record to the alliance's other readers."),
    ),
)
CRITERION_CODES = tuple(criterion.code for criterion in CRITERIA)
# Tiers: 0 below the minimum, then A, B and C; each tier requires the one below it.
TIER_MINIMUM = ("title", "rights")
TIER_B = ("date", "object_type")
TIER_C = ("description", "image", "multilingual")
TIER_LABELS = {0: "0", 1: "A", 2: "B", 3: "C"}


@dataclass(frozen=True)
class RecordFacts:
    title_languages: int
    has_description: bool
    has_year_range: bool
    has_type_concept: bool
    has_material: bool
    has_maker: bool
    has_place: bool
    has_rights: bool
    has_image: bool


def missing_criteria(facts: RecordFacts) -> tuple[str, ...]:
    """The codes of the criteria a record fails, in CRITERIA order."""
    met = {
        "title": facts.title_languages > 0,
        "description": facts.has_description,
        "date": facts.has_year_range,
        "object_type": facts.has_type_concept,
        "material": facts.has_material,
        "maker": facts.has_maker,
        "place": facts.has_place,
        "rights": facts.has_rights,
        "image": facts.has_image,
        "multilingual": facts.title_languages > 1,
    }
    return tuple(code for code in CRITERION_CODES if not met[code])


def tier(missing: tuple[str, ...] | set[str]) -> int:
    """0 when a title or rights statement is missing; A has both; B adds a year range, a typed
    object and a maker or a place; C adds a description, an image and a second language."""
    gaps = set(missing)
    if gaps & set(TIER_MINIMUM):
        return 0
    if gaps & set(TIER_B) or {"maker", "place"} <= gaps:
        return 1
    if gaps & set(TIER_C):
        return 2
    return 3


def score(missing: tuple[str, ...] | set[str]) -> int:
    """The share of criteria met, 0–100."""
    return round(100 * (len(CRITERIA) - len(set(missing))) / len(CRITERIA))


def criterion(code: str) -> Criterion | None:
    return next((each for each in CRITERIA if each.code == code), None)
