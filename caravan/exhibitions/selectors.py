"""Reads for exhibitions, loans and the inbox, always through the permission rules.

- Exhibitions: open and closed ones for everyone; in-progress and cancelled ones for the people
  working on them (organisers' staff, curator users, lenders with a submitted loan) and the
  secretariat.
- Checklists show only the objects the reader may see (caravan.catalogue.selectors), so a
  public exhibition never reveals a private object.
- Loans: the two sides' staff (the lender once the loan is submitted) and the secretariat.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from caravan.accounts.permissions import institution_id_of, is_secretariat
from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to
from caravan.core.search import text_search
from caravan.exhibitions.models import (
    ChecklistItem,
    ConditionReport,
    Exhibition,
    FacilityReport,
    LoanObject,
    LoanRequest,
    LoanTransition,
    Notification,
    ObjectDecision,
    Venue,
)
from caravan.exhibitions.permissions import Viewer, loan_side
from caravan.exhibitions.requirements import loan_missing
from caravan.exhibitions.workflow import (
    LAPSED_LOAN_STATUSES,
    PUBLIC_EXHIBITION_STATUSES,
    ExhibitionStatus,
    LoanTransitionRule,
    loan_rules_from,
)
from caravan.search.types import SearchResult

Span = tuple[datetime.date, datetime.date]


def _plain(text: str) -> str:
    """Reader-given text for a filter, without NUL characters (PostgreSQL refuses them in any
    query parameter, and no code, status or word contains one)."""
    return text.replace("\x00", "")


# --- Exhibitions --------------------------------------------------------------------------------


def exhibitions_visible_to(user: Viewer) -> QuerySet[Exhibition]:
    exhibitions = Exhibition.objects.all()
    if is_secretariat(user):
        return exhibitions
    public = Q(status__in=PUBLIC_EXHIBITION_STATUSES)
    if not user.is_authenticated:
        return exhibitions.filter(public)
    own = institution_id_of(user)
    working_on = Q(curators=user)
    if own is not None:
        lending = LoanRequest.objects.filter(lender_id=own, submitted_at__isnull=False)
        working_on |= (
            Q(lead_organiser_id=own)
            | Q(co_organisers=own)
            | Q(pk__in=lending.values("exhibition_id"))
        )
    ids = Exhibition.objects.filter(working_on).values("pk")
    return exhibitions.filter(public | Q(pk__in=ids))


def _venues() -> Prefetch[str]:
    return Prefetch(
        "venues", queryset=Venue.objects.select_related("institution").order_by("opens_on", "id")
    )


def exhibition_list(
    *, user: Viewer, status: str = "", query: str = "", institution_code: str = ""
) -> QuerySet[Exhibition]:
    """Exhibitions the user may see, with their venues in itinerary order; newest first.

    ``query`` matches the titles, subtitles, theme and organisers' names in any language;
    ``institution_code`` keeps those an institution organises, co-organises or hosts.
    """
    exhibitions = exhibitions_visible_to(user)
    status, query, institution_code = _plain(status), _plain(query), _plain(institution_code)
    if status:
        exhibitions = exhibitions.filter(status=status)
    if institution_code:
        exhibitions = exhibitions.filter(
            Q(lead_organiser__code=institution_code)
            | Q(co_organisers__code=institution_code)
            | Q(venues__institution__code=institution_code)
        ).distinct()
    exhibitions = text_search(
        exhibitions, query, ["code", "titles", "subtitles", "theme", "lead_organiser__names"]
    )
    return (
        exhibitions.select_related("lead_organiser", "alliance")
        .prefetch_related(_venues(), "co_organisers", "curator_people")
        .order_by("-created_at", "code")
    )


def exhibition_detail(*, user: Viewer, code: str) -> Exhibition | None:
    if "\x00" in code:
        return None
    return (
        exhibitions_visible_to(user)
        .select_related("lead_organiser", "alliance")
        .prefetch_related(_venues(), "co_organisers", "curators", "curator_people__affiliation")
        .filter(code=code)
        .first()
    )


def exhibition_itinerary(exhibition: Exhibition) -> list[Venue]:
    """The venues in the order the exhibition travels."""
    return list(exhibition.venues.select_related("institution").order_by("opens_on", "id"))


def exhibition_span(exhibition: Exhibition) -> Span | None:
    """From the first opening to the last closing: how long its objects are away from home."""
    return _span(exhibition.venues.all())


def _span(venues: Iterable[Venue]) -> Span | None:
    dates = [(venue.opens_on, venue.closes_on) for venue in venues]
    if not dates:
        return None
    return min(start for start, _ in dates), max(end for _, end in dates)


# --- Checklists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistView:
    """The items the reader may see, in order, and how many more the checklist holds."""

    items: list[ChecklistItem]
    hidden: int


def exhibition_checklist(*, exhibition: Exhibition, user: Viewer) -> ChecklistView:
    """The checklist by position, with each item's object and its owner; objects the reader may
    not see (private, members-only of another alliance, withdrawn) are left out and counted."""
    items = exhibition.checklist.select_related("object__institution").prefetch_related(
        "object__media"
    )
    visible = objects_visible_to(user).values("pk")
    shown = list(items.filter(object_id__in=visible).order_by("position", "id"))
    return ChecklistView(items=shown, hidden=items.count() - len(shown))


@dataclass(frozen=True)
class ChecklistConflict:
    """An object of this checklist promised to another exhibition over overlapping dates.

    ``other_exhibition`` is None when the reader may not see that exhibition (its dates are
    still given: the clash is real either way). ``other_loan_status`` is the status of the loan
    that promises the object there, or "" when it is on that checklist without a loan yet.
    """

    item: ChecklistItem
    other_item_id: int
    other_exhibition: Exhibition | None
    here: Span
    there: Span
    overlap: Span
    other_loan_status: str = ""


def checklist_conflicts(*, exhibition: Exhibition, user: Viewer) -> list[ChecklistConflict]:
    """Objects of this exhibition also on another's checklist whose dates overlap.

    Not a refusal: a curator decides. An object counts as promised elsewhere unless that
    exhibition is cancelled or its loan of the object was declined or cancelled. Dates are each
    exhibition's span (first opening to last closing, or the loan's own venues when the loan
    names them), because an object travelling between venues is not at home either.
    """
    items = list(
        exhibition.checklist.select_related("object").prefetch_related(_live_loan_objects())
    )
    if not items:
        return []
    others = (
        ChecklistItem.objects.filter(object_id__in=[item.object_id for item in items])
        .exclude(exhibition=exhibition)
        .exclude(exhibition__status=ExhibitionStatus.CANCELLED)
        .select_related("exhibition")
        .prefetch_related("exhibition__venues", _live_loan_objects())
    )
    by_object: dict[int, list[ChecklistItem]] = {}
    for other in others:
        by_object.setdefault(other.object_id, []).append(other)
    visible = set(exhibitions_visible_to(user).values_list("pk", flat=True))
    whole = exhibition_span(exhibition)
    conflicts = []
    for item in items:
        here = _loan_span(_live(item)) or whole
        for other in by_object.get(item.object_id, []):
            conflict = _conflict(item, here, other, visible)
            if conflict is not None:
                conflicts.append(conflict)
    return conflicts


def _live_loan_objects() -> Prefetch[str]:
    return Prefetch(
        "loan_objects",
        queryset=LoanObject.objects.select_related("loan")
        .prefetch_related("loan__venues")
        .order_by("-loan__created_at", "-id"),
    )


def _conflict(
    item: ChecklistItem, here: Span | None, other: ChecklistItem, visible: set[int]
) -> ChecklistConflict | None:
    live = _live(other)
    if live is None and other.loan_objects.all():
        return None  # declined or cancelled there: no longer promised
    there = _loan_span(live) or _span(other.exhibition.venues.all())
    if here is None or there is None:
        return None
    start, end = max(here[0], there[0]), min(here[1], there[1])
    if start > end:
        return None
    return ChecklistConflict(
        item=item,
        other_item_id=other.pk,
        other_exhibition=other.exhibition if other.exhibition_id in visible else None,
        here=here,
        there=there,
        overlap=(start, end),
        other_loan_status=live.loan.status if live else "",
    )


def _live(item: ChecklistItem) -> LoanObject | None:
    """The item's loan object that still promises it (not declined, loan not lapsed)."""
    return next(
        (
            lo
            for lo in item.loan_objects.all()
            if lo.loan.status not in LAPSED_LOAN_STATUSES and lo.decision != ObjectDecision.DECLINED
        ),
        None,
    )


def _loan_span(loan_object: LoanObject | None) -> Span | None:
    return _span(loan_object.loan.venues.all()) if loan_object is not None else None


@dataclass(frozen=True)
class ChecklistCandidates:
    """A catalogue search for the checklist builder, and which hits are already listed."""

    result: SearchResult
    already_listed: frozenset[int] = field(default_factory=frozenset)


def checklist_candidates(
    *,
    user: Viewer,
    params: Mapping[str, Sequence[str]],
    exhibition: Exhibition | None = None,
) -> ChecklistCandidates:
    """Search the pooled catalogue as the curator sees it (the search page's parameters: ``q``,
    facet filters, ``page``…), so every hit is an object they may add."""
    from caravan.search.params import request_from_params
    from caravan.search.selectors import search

    result = search(request_from_params(params), user=user)
    listed: frozenset[int] = frozenset()
    if exhibition is not None:
        ids = [hit.object_id for hit in result.hits]
        listed = frozenset(
            exhibition.checklist.filter(object_id__in=ids).values_list("object_id", flat=True)
        )
    return ChecklistCandidates(result=result, already_listed=listed)


def object_exhibitions(*, obj: CatalogueObject, user: Viewer) -> QuerySet[Exhibition]:
    """The exhibitions (that the reader may see) whose checklist holds this object."""
    return (
        exhibitions_visible_to(user)
        .filter(checklist__object=obj)
        .prefetch_related(_venues())
        .distinct()
    )


# --- Facility and condition reports ---------------------------------------------------------------


def facility_report_current(venue: Venue) -> FacilityReport | None:
    """The venue's newest facility report."""
    return venue.facility_reports.order_by("-submitted_at", "-id").first()


def condition_reports(loan: LoanRequest) -> QuerySet[ConditionReport]:
    """Every condition report of the loan's objects, by object then date, with photographs."""
    return (
        ConditionReport.objects.filter(loan_object__loan=loan)
        .select_related("loan_object__object", "venue__institution", "reporter")
        .prefetch_related("photos")
        .order_by("loan_object__item__position", "loan_object_id", "reported_on", "id")
    )


# --- Loans --------------------------------------------------------------------------------------


def loans_visible_to(user: Viewer) -> QuerySet[LoanRequest]:
    """Loans where the user's institution is a side (lenders from submission on); the
    secretariat sees every loan, and acts on none."""
    loans = LoanRequest.objects.all()
    if is_secretariat(user):
        return loans
    own = institution_id_of(user)
    if own is None:
        return loans.none()
    return loans.filter(Q(borrower_id=own) | Q(lender_id=own, submitted_at__isnull=False))


def _with_details(loans: QuerySet[LoanRequest]) -> QuerySet[LoanRequest]:
    return loans.select_related("exhibition", "lender", "borrower").prefetch_related(
        Prefetch(
            "loan_objects",
            queryset=LoanObject.objects.select_related("object__institution", "item").order_by(
                "item__position", "id"
            ),
        ),
        Prefetch("venues", queryset=Venue.objects.select_related("institution")),
        Prefetch("transitions", queryset=LoanTransition.objects.select_related("by")),
    )


def loan_list(
    *, user: Viewer, exhibition: Exhibition | None = None, status: str = "", direction: str = ""
) -> QuerySet[LoanRequest]:
    """The loans the user may see, with objects, venues and history; most recently moved first.

    ``direction`` is "incoming" (the user's institution lends) or "outgoing" (it borrows).
    """
    loans = loans_visible_to(user)
    own = institution_id_of(user)
    status = _plain(status)
    if direction == "incoming":
        loans = loans.filter(lender_id=own)
    elif direction == "outgoing":
        loans = loans.filter(borrower_id=own)
    if exhibition is not None:
        loans = loans.filter(exhibition=exhibition)
    if status:
        loans = loans.filter(status=status)
    return _with_details(loans).order_by("-status_changed_at", "-id")


@dataclass(frozen=True)
class LoanQueue:
    """A registrar's desk: loans asked of their institution (incoming) and asked by it
    (outgoing), and those where the next move is theirs (``awaiting``)."""

    incoming: list[LoanRequest]
    outgoing: list[LoanRequest]
    awaiting: list[LoanRequest]


def loan_queue(user: Viewer, *, include_finished: bool = False) -> LoanQueue:
    """The user's institution's loans, both directions; finished loans (declined, closed,
    cancelled) only when asked for."""
    own = institution_id_of(user)
    if own is None or not user.is_authenticated:
        return LoanQueue(incoming=[], outgoing=[], awaiting=[])
    loans = loan_list(user=user).filter(Q(lender_id=own) | Q(borrower_id=own))
    if not include_finished:
        loans = loans.exclude(status__in=("declined", "closed", "cancelled"))
    rows = list(loans)
    awaiting = [loan for loan in rows if _next_rules(loan, user)]
    return LoanQueue(
        incoming=[loan for loan in rows if loan.lender_id == own],
        outgoing=[loan for loan in rows if loan.borrower_id == own],
        awaiting=awaiting,
    )


def loan_detail(*, user: Viewer, pk: int) -> LoanRequest | None:
    return _with_details(loans_visible_to(user)).filter(pk=pk).first()


@dataclass(frozen=True)
class NextStep:
    """A move the user may make on a loan now; ``missing`` says what must be done first."""

    rule: LoanTransitionRule
    missing: list[str]

    @property
    def ready(self) -> bool:
        return not self.missing


def _next_rules(loan: LoanRequest, user: Viewer) -> list[LoanTransitionRule]:
    side = loan_side(user, loan)
    return loan_rules_from(loan.status, side) if side else []


def loan_next_steps(*, loan: LoanRequest, user: Viewer) -> list[NextStep]:
    """The moves open to the user's side from the loan's current state, each with what it still
    misses (for buttons that say why they are disabled)."""
    return [
        NextStep(rule=rule, missing=loan_missing(loan, rule.requires))
        for rule in _next_rules(loan, user)
    ]


def loan_history(loan: LoanRequest) -> QuerySet[LoanTransition]:
    """Every move of the loan, oldest first."""
    return loan.transitions.select_related("by").order_by("at", "id")


def object_loans(*, obj: CatalogueObject, user: Viewer) -> QuerySet[LoanRequest]:
    """The loans (that the user may see) which include this object."""
    return loans_visible_to(user).filter(loan_objects__object=obj).distinct()


# --- Inbox --------------------------------------------------------------------------------------


def notifications_for(user: Viewer, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's inbox, newest first (nothing for anonymous readers)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    inbox = Notification.objects.filter(recipient_id=user.pk).select_related("actor", "target_type")
    return inbox.filter(read_at__isnull=True) if unread_only else inbox


def notification_unread_count(user: Viewer) -> int:
    return notifications_for(user, unread_only=True).count()
