"""Typed shapes of the exhibitions and loans endpoints (caravan.api.exhibitions)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

LanguageMap = dict[str, str]

LoanState = Literal[
    "draft",
    "requested",
    "under_review",
    "approved",
    "declined",
    "agreement_signed",
    "in_transit",
    "on_display",
    "returned",
    "closed",
    "cancelled",
]


class InstitutionRefOut(Schema):
    code: str
    names: LanguageMap


class VenueOut(Schema):
    id: int
    institution: InstitutionRefOut | None
    place_name: LanguageMap
    city: LanguageMap
    country: str
    opens_on: datetime.date
    closes_on: datetime.date
    attendance: int | None


class ExhibitionOut(Schema):
    code: str
    titles: LanguageMap
    subtitles: LanguageMap
    description: LanguageMap
    theme: LanguageMap
    status: str
    alliance: str | None
    lead_organiser: InstitutionRefOut
    co_organisers: list[InstitutionRefOut]
    curators: list[LanguageMap] = Field(description="The names of the curators on record.")
    opens_on: datetime.date | None = Field(description="The first venue's opening.")
    closes_on: datetime.date | None = Field(description="The last venue's closing.")
    venues: list[VenueOut] = Field(description="The itinerary, in the order it travels.")


class ChecklistItemOut(Schema):
    id: int
    object_id: int
    institution: str
    local_id: str
    titles: LanguageMap
    section: LanguageMap
    position: int
    catalogue_number: str
    label: LanguageMap
    light_max_lux: int | None
    temperature_min_c: str | None
    temperature_max_c: str | None
    humidity_min: str | None
    humidity_max: str | None
    mount: LanguageMap


class ExhibitionDetailOut(ExhibitionOut):
    checklist: list[ChecklistItemOut] = Field(
        description="The objects the caller may see, in order."
    )
    checklist_hidden: int = Field(description="How many objects the caller may not see.")


class LoanObjectOut(Schema):
    id: int
    object_id: int
    institution: str
    local_id: str
    titles: LanguageMap = Field(description="Empty when the caller may not see the object.")
    decision: str
    decision_reason: LanguageMap
    insurance_value: str | None = Field(description="A decimal number, as text.")
    insurance_currency: str
    courier_required: bool
    courier_notes: LanguageMap
    credit_line: LanguageMap


class LoanTransitionOut(Schema):
    from_status: str = Field(description="Empty for the loan's creation.")
    to_status: str
    side: str
    by: str
    at: datetime.datetime
    comment: LanguageMap


class NextStepOut(Schema):
    to: str
    action: str
    missing: list[str] = Field(description="What must be done first; empty when it may go.")


class LoanOut(Schema):
    id: int
    reference: str
    exhibition: str
    status: str
    lender: InstitutionRefOut
    borrower: InstitutionRefOut
    venues: list[VenueOut]
    conditions: LanguageMap
    submitted_at: datetime.datetime | None
    status_changed_at: datetime.datetime
    your_side: str | None = Field(description="lender, borrower, or null (the secretariat).")
    next_steps: list[NextStepOut] = Field(description="The moves open to the caller now.")
    objects: list[LoanObjectOut]
    transitions: list[LoanTransitionOut]


class ObjectDecisionIn(Schema):
    object: int = Field(description="The id of the loan object (objects[].id).")
    decision: Literal["approved", "declined", "pending"]
    reason: str = ""


class LoanTransitionIn(Schema):
    to: LoanState
    comment: str = ""
    conditions: str | None = Field(
        default=None, description="The lender's conditions, with an approval."
    )
    decisions: list[ObjectDecisionIn] = Field(
        default_factory=list, description="Per-object decisions, with an approval or decline."
    )
