"""Joint exhibitions and the loans between members, at /api/v1/exhibitions and /api/v1/loans.

Reads ask caravan.exhibitions.selectors, the one move asks caravan.exhibitions.services, so the
rules are those of the web pages: anyone sees open and closed exhibitions, the people working on
one see it earlier; a loan is seen by its two sides only. A session-authenticated move must
carry Django's CSRF token; a member system's bearer token needs none.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.utils import check_csrf

from caravan.accounts.models import User
from caravan.api.exhibition_schemas import (
    ExhibitionDetailOut,
    ExhibitionOut,
    LoanOut,
    LoanTransitionIn,
)
from caravan.api.schemas import ErrorOut
from caravan.catalogue.selectors import objects_visible_to
from caravan.exhibitions import selectors
from caravan.exhibitions.errors import IllegalTransition, NotALoanParty, WrongSide
from caravan.exhibitions.models import Exhibition, LoanRequest, Venue
from caravan.exhibitions.permissions import loan_side
from caravan.exhibitions.services import ObjectDecisionInput, loan_transition
from caravan.institutions.models import Institution

router = Router(tags=["exhibitions"])


@router.get("/exhibitions", response=list[ExhibitionOut])
def list_exhibitions(
    request: HttpRequest, status: str = "", q: str = "", institution: str = ""
) -> list[dict[str, Any]]:
    """Open and closed exhibitions for everyone; organisers, curators and lenders also see the
    ones they work on before they open. Each comes with its venues in itinerary order."""
    exhibitions = selectors.exhibition_list(
        user=request.user, status=status, query=q, institution_code=institution
    )
    return [_exhibition(exhibition) for exhibition in exhibitions]


@router.get("/exhibitions/{code}", response={200: ExhibitionDetailOut, 404: ErrorOut})
def get_exhibition(request: HttpRequest, code: str) -> dict[str, Any]:
    """One exhibition with its checklist: only the objects the caller may see are listed."""
    exhibition = selectors.exhibition_detail(user=request.user, code=code)
    if exhibition is None:
        raise HttpError(404, f"no exhibition '{code}' visible to you")
    checklist = selectors.exhibition_checklist(exhibition=exhibition, user=request.user)
    return {
        **_exhibition(exhibition),
        "checklist": [_item(item) for item in checklist.items],
        "checklist_hidden": checklist.hidden,
    }


def _institution(institution: Institution) -> dict[str, Any]:
    return {"code": institution.code, "names": institution.names}


def _venue(venue: Venue) -> dict[str, Any]:
    return {
        "id": venue.pk,
        "institution": _institution(venue.institution) if venue.institution else None,
        "place_name": venue.place_name,
        "city": venue.city,
        "country": venue.country,
        "opens_on": venue.opens_on,
        "closes_on": venue.closes_on,
        "attendance": venue.attendance,
    }


def _exhibition(exhibition: Exhibition) -> dict[str, Any]:
    venues = list(exhibition.venues.all())  # prefetched in itinerary order
    return {
        "code": exhibition.code,
        "titles": exhibition.titles,
        "subtitles": exhibition.subtitles,
        "description": exhibition.description,
        "theme": exhibition.theme,
        "status": exhibition.status,
        "alliance": exhibition.alliance.code if exhibition.alliance else None,
        "lead_organiser": _institution(exhibition.lead_organiser),
        "co_organisers": [_institution(i) for i in exhibition.co_organisers.all()],
        "curators": [person.names for person in exhibition.curator_people.all()],
        "opens_on": min((v.opens_on for v in venues), default=None),
        "closes_on": max((v.closes_on for v in venues), default=None),
        "venues": [_venue(venue) for venue in venues],
    }


def _decimal(value: Any) -> str | None:
    return None if value is None else str(value)


def _item(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "object_id": item.object_id,
        "institution": item.object.institution.code,
        "local_id": item.object.local_id,
        "titles": item.object.titles,
        "section": item.section,
        "position": item.position,
        "catalogue_number": item.catalogue_number,
        "label": item.label,
        "light_max_lux": item.light_max_lux,
        "temperature_min_c": _decimal(item.temperature_min_c),
        "temperature_max_c": _decimal(item.temperature_max_c),
        "humidity_min": _decimal(item.humidity_min),
        "humidity_max": _decimal(item.humidity_max),
        "mount": item.mount,
    }


# --- Loans --------------------------------------------------------------------------------------

LOAN_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _signed_in(request: HttpRequest) -> User:
    user = request.user
    if not user.is_authenticated or isinstance(user, AnonymousUser):
        raise HttpError(401, "sign in, or send a member institution's API token")
    return user


@router.get("/loans", response={200: list[LoanOut], 401: ErrorOut})
def list_loans(
    request: HttpRequest, status: str = "", direction: str = "", exhibition: str = ""
) -> list[dict[str, Any]]:
    """Loans where the caller's institution is the lender (once submitted) or the borrower —
    ``direction`` "incoming" or "outgoing" keeps one of the two; the secretariat sees all."""
    user = _signed_in(request)
    shown = None
    if exhibition:
        shown = selectors.exhibition_detail(user=user, code=exhibition)
        if shown is None:
            return []
    loans = list(
        selectors.loan_list(user=user, exhibition=shown, status=status, direction=direction)
    )
    return _loans(loans, user)


@router.get("/loans/{int:loan_id}", response={200: LoanOut, **LOAN_ERRORS})
def get_loan(request: HttpRequest, loan_id: int) -> dict[str, Any]:
    """One loan with its objects, venues, history and the caller's next steps."""
    user = _signed_in(request)
    loan = selectors.loan_detail(user=user, pk=loan_id)
    if loan is None:
        raise HttpError(404, f"no loan {loan_id} visible to you")
    return _loans([loan], user)[0]


@router.post(
    "/loans/{int:loan_id}/transitions",
    response={200: LoanOut, 400: ErrorOut, 409: ErrorOut, 422: ErrorOut, **LOAN_ERRORS},
    summary="Move a loan to its next state",
)
def post_transition(request: HttpRequest, loan_id: int, body: LoanTransitionIn) -> dict[str, Any]:
    """Each side makes only its own moves (docs/exhibitions.md has the table): 403 for the other
    side's move, 409 for a move the loan's state does not allow or whose requirements are not
    met. A refused move changes nothing. With an approval the lender may send per-object
    ``decisions`` and ``conditions``; the answer is the loan as it now is."""
    user = _signed_in(request)
    _require_csrf(request)
    loan = selectors.loan_detail(user=user, pk=loan_id)
    if loan is None:
        raise HttpError(404, f"no loan {loan_id} visible to you")
    decisions = [
        ObjectDecisionInput(loan_object_id=d.object, decision=d.decision, reason=d.reason)
        for d in body.decisions
    ]
    try:
        loan_transition(
            loan=loan,
            to=body.to,
            actor=user,
            comment=body.comment,
            conditions=body.conditions,
            decisions=decisions,
        )
    except (NotALoanParty, WrongSide) as error:
        raise HttpError(403, error.message) from error
    except IllegalTransition as error:
        raise HttpError(409, error.message) from error
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    fresh = selectors.loan_detail(user=user, pk=loan_id)
    assert fresh is not None  # noqa: S101 - the caller saw it a moment ago, in this request
    return _loans([fresh], user)[0]


def _require_csrf(request: HttpRequest) -> None:
    """A browser's session must prove the page is ours; a bearer token cannot be forged."""
    if getattr(request, "api_token", None) is not None:
        return
    if check_csrf(request) is not None:
        raise HttpError(403, "CSRF check failed: send the X-CSRFToken header with the session")


def _loans(loans: list[LoanRequest], user: User) -> list[dict[str, Any]]:
    object_ids = {lo.object_id for loan in loans for lo in loan.loan_objects.all()}
    visible = set(objects_visible_to(user).filter(pk__in=object_ids).values_list("pk", flat=True))
    return [_loan(loan, user, visible) for loan in loans]


def _loan(loan: LoanRequest, user: User, visible: set[int]) -> dict[str, Any]:
    return {
        "id": loan.pk,
        "reference": loan.reference,
        "exhibition": loan.exhibition.code,
        "status": loan.status,
        "lender": _institution(loan.lender),
        "borrower": _institution(loan.borrower),
        "venues": [_venue(venue) for venue in sorted(loan.venues.all(), key=_venue_order)],
        "conditions": loan.conditions,
        "submitted_at": loan.submitted_at,
        "status_changed_at": loan.status_changed_at,
        "your_side": loan_side(user, loan),
        "next_steps": [
            {"to": step.rule.target, "action": str(step.rule.action), "missing": step.missing}
            for step in selectors.loan_next_steps(loan=loan, user=user)
        ],
        "objects": [
            {
                "id": lo.pk,
                "object_id": lo.object_id,
                "institution": lo.object.institution.code,
                "local_id": lo.object.local_id,
                "titles": lo.object.titles if lo.object_id in visible else {},
                "decision": lo.decision,
                "decision_reason": lo.decision_reason,
                "insurance_value": _decimal(lo.insurance_value),
                "insurance_currency": lo.insurance_currency,
                "courier_required": lo.courier_required,
                "courier_notes": lo.courier_notes,
                "credit_line": lo.credit_line,
            }
            for lo in loan.loan_objects.all()
        ],
        "transitions": [
            {
                "from_status": t.from_status,
                "to_status": t.to_status,
                "side": t.side,
                "by": t.by_name,
                "at": t.at,
                "comment": t.comment,
            }
            for t in loan.transitions.all()
        ],
    }


def _venue_order(venue: Venue) -> tuple[Any, int]:
    return (venue.opens_on, venue.pk)
