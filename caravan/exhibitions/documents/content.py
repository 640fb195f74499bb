"""What an exhibition shows a reader, shaped for the public page and the printed catalogue.

Built on the selectors: the checklist holds only the objects the reader may see
(`exhibition_checklist`), grouped into its sections in the order the curators gave. Each entry
carries what a label needs: the object's texts, one image address, who lends it and the credit
line to print.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import get_language

from caravan.api.iiif.viewer import thumbnail_src
from caravan.catalogue.models import CatalogueObject, ObjectMedia, ObjectTerm, TermField
from caravan.core.langmap import LocalizedText, pick
from caravan.exhibitions.models import (
    ChecklistItem,
    Exhibition,
    LoanObject,
    ObjectDecision,
    Venue,
)
from caravan.exhibitions.permissions import Viewer
from caravan.exhibitions.selectors import exhibition_checklist, exhibition_itinerary
from caravan.exhibitions.workflow import LoanStatus
from caravan.institutions.models import Institution

# A loan's credit line is the one to print once the lender has approved the loan; before that
# (or when the loan fell through) the catalogue record's own credit line is shown.
_AGREED_LOAN_STATUSES = frozenset(
    {
        LoanStatus.APPROVED,
        LoanStatus.AGREEMENT_SIGNED,
        LoanStatus.IN_TRANSIT,
        LoanStatus.ON_DISPLAY,
        LoanStatus.RETURNED,
        LoanStatus.CLOSED,
    }
)

ImageSource = Callable[[ObjectMedia], str]


def all_texts(language_map: Mapping[str, str] | None, language: str) -> list[LocalizedText]:
    """Every text of a language map, the reader's best first, each with its own language."""
    if not language_map:
        return []
    best = pick(language_map, language)
    texts = [LocalizedText(text=text, lang=tag) for tag, text in language_map.items() if text]
    if best is not None:
        texts.sort(key=lambda text: text.lang != best.lang)
    return texts


def print_image_src(media: ObjectMedia, side: int) -> str:
    """A picture sharp enough to print at about `side` pixels: a hosted image scaled by
    Caravan's Image service, a member's IIIF service asked for that size, else the record's
    image (or its thumbnail)."""
    if media.hosted_id and media.image_file and media.width and media.height:
        return thumbnail_src(media, side)
    if media.iiif_service:
        return f"{media.iiif_service.rstrip('/')}/full/!{side},{side}/0/default.jpg"
    return media.image_url or media.thumbnail_url


@dataclass(frozen=True)
class CatalogueEntry:
    """One object as a catalogue shows it."""

    item: ChecklistItem
    image: str
    lender: Institution
    is_loan: bool  # False for the lead organiser's own objects
    credit_line: dict[str, str]
    materials: list[ObjectTerm]
    titles: list[LocalizedText]  # every language, the reader's best first
    labels: list[LocalizedText]

    @property
    def object(self) -> CatalogueObject:
        return self.item.object


@dataclass(frozen=True)
class CatalogueSection:
    heading: dict[str, str]  # empty for objects the curators put in no section
    headings: list[LocalizedText]  # every language, the reader's best first
    anchor: str
    entries: list[CatalogueEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Lender:
    institution: Institution
    objects: int


@dataclass(frozen=True)
class ExhibitionContent:
    """The exhibition as the reader may see it: itinerary, sections, lenders, hidden count."""

    exhibition: Exhibition
    itinerary: list[Venue]
    sections: list[CatalogueSection]
    lenders: list[Lender]
    hidden: int

    @property
    def entries(self) -> list[CatalogueEntry]:
        return [entry for section in self.sections for entry in section.entries]


def exhibition_content(
    *,
    exhibition: Exhibition,
    user: Viewer,
    language: str = "",
    image_src: ImageSource = thumbnail_src,
) -> ExhibitionContent:
    """The reader's view of an exhibition; texts in every language are ordered for `language`
    (default: the active one), `image_src` chooses each media item's address (by default a
    page-sized picture: Caravan's IIIF thumbnail of a hosted image, else the record's)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    checklist = exhibition_checklist(exhibition=exhibition, user=user)
    items = checklist.items
    prefetch_related_objects(
        items,
        Prefetch(
            "loan_objects",
            queryset=LoanObject.objects.select_related("loan").order_by("-loan__created_at", "-id"),
        ),
        Prefetch(
            "object__terms",
            queryset=ObjectTerm.objects.filter(field=TermField.MATERIAL).select_related("concept"),
        ),
    )
    entries = [_entry(item, exhibition, image_src, language) for item in items]
    return ExhibitionContent(
        exhibition=exhibition,
        itinerary=exhibition_itinerary(exhibition),
        sections=_sections(entries, language),
        lenders=_lenders(entries),
        hidden=checklist.hidden,
    )


def _entry(
    item: ChecklistItem, exhibition: Exhibition, image_src: ImageSource, language: str
) -> CatalogueEntry:
    obj = item.object
    image = next((src for media in obj.media.all() if (src := image_src(media))), "")
    return CatalogueEntry(
        item=item,
        image=image,
        lender=obj.institution,
        is_loan=obj.institution_id != exhibition.lead_organiser_id,
        credit_line=_credit_line(item),
        materials=list(obj.terms.all()),
        titles=all_texts(obj.titles, language),
        labels=all_texts(item.label, language),
    )


def _credit_line(item: ChecklistItem) -> dict[str, str]:
    agreed = next(
        (
            loan_object.credit_line
            for loan_object in item.loan_objects.all()
            if loan_object.loan.status in _AGREED_LOAN_STATUSES
            and loan_object.decision == ObjectDecision.APPROVED
            and loan_object.credit_line
        ),
        None,
    )
    return dict(agreed or item.object.credit_line or {})


def _sections(entries: list[CatalogueEntry], language: str) -> list[CatalogueSection]:
    """Entries grouped by section, sections in the order their first object comes."""
    sections: dict[str, CatalogueSection] = {}
    for entry in entries:
        heading = dict(entry.item.section or {})
        key = json.dumps(heading, sort_keys=True, ensure_ascii=False)
        if key not in sections:
            sections[key] = CatalogueSection(
                heading=heading,
                headings=all_texts(heading, language),
                anchor=f"section-{len(sections) + 1}",
            )
        sections[key].entries.append(entry)
    return list(sections.values())


def _lenders(entries: list[CatalogueEntry]) -> list[Lender]:
    """The institutions lending the objects shown, in the order of their first object."""
    counts: dict[int, Lender] = {}
    for entry in entries:
        if not entry.is_loan:
            continue
        known = counts.get(entry.lender.pk)
        objects = known.objects + 1 if known else 1
        counts[entry.lender.pk] = Lender(institution=entry.lender, objects=objects)
    return list(counts.values())
