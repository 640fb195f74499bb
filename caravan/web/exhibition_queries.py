"""Small reads that shape the exhibition and loan pages: the itinerary with its date checks, the
checklist grouped by section, which loan holds each object, what a side may examine now.

Everything here reads through caravan.exhibitions (selectors, permissions, workflow); nothing
decides who may see what on its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet

from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import pick, text_direction
from caravan.exhibitions import selectors
from caravan.exhibitions.models import (
    CHECKPOINT_SIDES,
    ChecklistItem,
    ConditionReport,
    Exhibition,
    FacilityReport,
    LoanObject,
    LoanRequest,
    Venue,
)
from caravan.exhibitions.permissions import Viewer, can_file_facility_report, loan_side
from caravan.exhibitions.requirements import exhibition_missing
from caravan.exhibitions.selectors import ChecklistConflict
from caravan.exhibitions.services.reports import CHECKPOINT_STATUSES
from caravan.exhibitions.workflow import (
    EXHIBITION_REQUIREMENTS,
    EXHIBITION_TRANSITIONS,
    LoanStatus,
)
from caravan.institutions.models import Institution

# --- The itinerary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItineraryStop:
    """A venue with what its curators should know about its dates and its facility report."""

    venue: Venue
    facility_report: FacilityReport | None
    may_file_report: bool
    days_after_previous: int | None  # days between the previous venue's closing and this opening
    opens_in_past: bool
    attendance_due: bool  # closed, and no attendance recorded yet


def itinerary(exhibition: Exhibition, user: Viewer, today: datetime.date) -> list[ItineraryStop]:
    stops = []
    previous: Venue | None = None
    for venue in selectors.exhibition_itinerary(exhibition):
        gap = (venue.opens_on - previous.closes_on).days - 1 if previous else None
        stops.append(
            ItineraryStop(
                venue=venue,
                facility_report=selectors.facility_report_current(venue),
                may_file_report=can_file_facility_report(user, venue),
                days_after_previous=gap,
                opens_in_past=venue.opens_on < today,
                attendance_due=venue.closes_on < today and venue.attendance is None,
            )
        )
        previous = venue
    return stops


# --- The checklist --------------------------------------------------------------------------------


@dataclass
class ChecklistSection:
    title: str
    lang: str
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def direction(self) -> str:
        return text_direction(self.lang) if self.lang else "auto"


def checklist_sections(items: Iterable[ChecklistItem], language: str) -> list[ChecklistSection]:
    """The items in their order, grouped under their section (consecutive items of one section
    stay together; an item without a section joins an untitled group)."""
    sections: list[ChecklistSection] = []
    for item in items:
        chosen = pick(item.section, language)
        title, lang = (chosen.text, chosen.lang) if chosen else ("", "")
        if not sections or sections[-1].title != title:
            sections.append(ChecklistSection(title=title, lang=lang))
        sections[-1].items.append(item)
    return sections


def conflicts_by_item(conflicts: Sequence[ChecklistConflict]) -> dict[int, list[ChecklistConflict]]:
    grouped: dict[int, list[ChecklistConflict]] = {}
    for conflict in conflicts:
        grouped.setdefault(conflict.item.pk, []).append(conflict)
    return grouped


def loans_by_object(loans: Iterable[LoanRequest]) -> dict[int, LoanRequest]:
    """For each object, the loan of this exhibition that asks for it (not a cancelled one)."""
    held: dict[int, LoanRequest] = {}
    for loan in loans:
        if loan.status == LoanStatus.CANCELLED:
            continue
        for loan_object in loan.loan_objects.all():
            held.setdefault(loan_object.object_id, loan)
    return held


def items_awaiting_a_loan(exhibition: Exhibition) -> int:
    """Checklist objects of other institutions that no loan of this exhibition asks for yet."""
    asked = LoanObject.objects.filter(loan__exhibition=exhibition).exclude(
        loan__status=LoanStatus.CANCELLED
    )
    return (
        exhibition.checklist.exclude(object__institution_id=exhibition.lead_organiser_id)
        .exclude(object_id__in=asked.values("object_id"))
        .filter(object__withdrawn_at__isnull=True)
        .count()
    )


@dataclass(frozen=True)
class LenderLoans:
    lender: Institution
    loans: list[LoanRequest]


def loans_by_lender(loans: Iterable[LoanRequest]) -> list[LenderLoans]:
    grouped: dict[int, LenderLoans] = {}
    for loan in loans:
        grouped.setdefault(loan.lender_id, LenderLoans(lender=loan.lender, loans=[]))
        grouped[loan.lender_id].loans.append(loan)
    return sorted(grouped.values(), key=lambda group: group.lender.code)


# --- Exhibition status ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusMove:
    to: str
    missing: list[str]


def exhibition_moves(exhibition: Exhibition) -> list[StatusMove]:
    """The statuses the exhibition may move to next, each with what it still misses."""
    return [
        StatusMove(
            to=to, missing=exhibition_missing(exhibition, EXHIBITION_REQUIREMENTS.get(to, ()))
        )
        for to in EXHIBITION_TRANSITIONS.get(exhibition.status, ())
    ]


# --- Loans ----------------------------------------------------------------------------------------


def visible_object_ids(user: Viewer, loan: LoanRequest) -> set[int]:
    """The loan's objects the reader may see (the others are listed without their titles)."""
    ids = [loan_object.object_id for loan_object in loan.loan_objects.all()]
    return set(objects_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def checkpoints_open(user: Viewer, loan: LoanRequest) -> list[str]:
    """The checkpoints the user's side may report on now, in the order objects travel."""
    side = loan_side(user, loan)
    if side is None:
        return []
    return [
        checkpoint
        for checkpoint, examiner in CHECKPOINT_SIDES.items()
        if examiner == side and loan.status in CHECKPOINT_STATUSES[checkpoint]
    ]


def reports_by_object(loan: LoanRequest) -> dict[int, list[ConditionReport]]:
    grouped: dict[int, list[ConditionReport]] = {}
    for report in selectors.condition_reports(loan):
        grouped.setdefault(report.loan_object_id, []).append(report)
    return grouped


def facility_reports_of(venues: Iterable[Venue]) -> list[tuple[Venue, FacilityReport | None]]:
    return [(venue, selectors.facility_report_current(venue)) for venue in venues]


def exhibition_venues(loan: LoanRequest) -> QuerySet[Venue]:
    return loan.exhibition.venues.select_related("institution").order_by("opens_on", "id")
