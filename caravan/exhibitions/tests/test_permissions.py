"""Who may do what: a third institution nothing, the secretariat everything but a side's moves,
a co-organiser the exhibition but not the borrower's loans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from caravan.exhibitions.errors import NotALoanParty, WrongSide
from caravan.exhibitions.models import LoanRequest
from caravan.exhibitions.permissions import can_edit_exhibition, can_see_loan, loan_side
from caravan.exhibitions.selectors import loan_detail, loan_queue, loans_visible_to
from caravan.exhibitions.services import (
    checklist_item_add,
    condition_report_add,
    exhibition_status_change,
    exhibition_team_set,
    exhibition_update,
    loan_object_decide,
    loan_object_terms_set,
    loan_requests_create,
    loan_transition,
    loan_venues_set,
    venue_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(loans, people):
    loan = loans["hermitage"]
    loan_transition(loan=loan, to="requested", actor=people.curator)
    return loan


def test_a_third_institutions_staff_can_do_nothing(show, requested, people, alliance_world, today):
    louvre = people.louvre
    assert not can_edit_exhibition(louvre, show)
    assert loan_side(louvre, requested) is None and not can_see_loan(louvre, requested)
    assert (
        list(loans_visible_to(louvre)) == [] and loan_detail(user=louvre, pk=requested.pk) is None
    )
    assert loan_queue(louvre).incoming == loan_queue(louvre).outgoing == []
    loan_object = requested.loan_objects.first()
    refusals = [
        lambda: exhibition_update(exhibition=show, theme={"en": "x"}, actor=louvre),
        lambda: exhibition_status_change(exhibition=show, to="planning", actor=louvre),
        lambda: venue_add(
            exhibition=show,
            place_name={"en": "Paris"},
            opens_on=today,
            closes_on=today,
            actor=louvre,
        ),
        lambda: checklist_item_add(
            exhibition=show, obj=alliance_world["objects"][("louvre", "public")], actor=louvre
        ),
        lambda: loan_requests_create(exhibition=show, actor=louvre),
        lambda: loan_transition(loan=requested, to="under_review", actor=louvre),
        lambda: loan_transition(loan=requested, to="cancelled", actor=louvre),
        lambda: loan_object_terms_set(loan_object=loan_object, courier_required=True, actor=louvre),
    ]
    for attempt in refusals:
        with pytest.raises(PermissionDenied):
            attempt()
    requested.refresh_from_db()
    assert requested.status == "requested" and requested.transitions.count() == 2


def test_the_secretariat_sees_every_loan_but_moves_none(requested, people):
    assert [loan.pk for loan in loans_visible_to(people.secretary)] == list(
        LoanRequest.objects.order_by("-status_changed_at", "-id").values_list("pk", flat=True)
    )
    with pytest.raises(NotALoanParty) as refused:
        loan_transition(loan=requested, to="under_review", actor=people.secretary)
    assert str(refused.value) == (
        "only the staff of Hermitage (lender) and Palace Museum (borrower) act on this loan"
    )


def test_a_lender_does_not_act_on_a_draft_it_cannot_see(loans, people):
    draft = loans["hermitage"]
    assert not can_see_loan(people.hermitage, draft)
    with pytest.raises(NotALoanParty):
        loan_transition(loan=draft, to="cancelled", actor=people.hermitage)
    with pytest.raises(NotALoanParty):
        loan_object_terms_set(
            loan_object=draft.loan_objects.first(),
            insurance_value=Decimal("1"),
            insurance_currency="EUR",
            actor=people.hermitage,
        )


def test_each_lender_acts_on_its_own_loans_only(show, loans, people):
    for loan in loans.values():
        loan_transition(loan=loan, to="requested", actor=people.curator)
    with pytest.raises(NotALoanParty):
        loan_transition(loan=loans["matenadaran"], to="under_review", actor=people.hermitage)
    loan_transition(loan=loans["hermitage"], to="under_review", actor=people.hermitage)
    with pytest.raises(WrongSide, match="the borrower cannot decide on a loan's objects"):
        loan_object_decide(
            loan_object=loans["hermitage"].loan_objects.first(),
            decision="approved",
            actor=people.curator,
        )
    with pytest.raises(WrongSide, match="the lender cannot choose a loan's venues"):
        loan_venues_set(loan=loans["hermitage"], venues=[show.venue_home], actor=people.hermitage)


def test_a_co_organiser_edits_the_exhibition_but_does_not_borrow(
    show, loans, people, alliance_world, make_user
):
    exhibition_team_set(
        exhibition=show, co_organisers=[alliance_world["yerevan"]], actor=people.curator
    )
    co = make_user("matenadaran-curator", institution=alliance_world["yerevan"])
    assert can_edit_exhibition(co, show)
    exhibition_update(exhibition=show, theme={"hy": "Ճանապարհ"}, actor=co)
    with pytest.raises(NotALoanParty):  # the borrower is the lead organiser alone
        loan_transition(loan=loans["hermitage"], to="requested", actor=co)


def test_only_the_examining_side_files_a_condition_report(loans, people, show, make_user):
    loan = loans["hermitage"]
    for to, actor in (("requested", people.curator), ("under_review", people.hermitage)):
        loan_transition(loan=loan, to=to, actor=actor)
    first, second = loan.loan_objects.all()
    for lo in (first, second):
        loan_object_decide(loan_object=lo, decision="approved", actor=people.hermitage)
    loan_transition(loan=loan, to="approved", actor=people.hermitage)
    with pytest.raises(PermissionDenied):
        condition_report_add(
            loan_object=first, checkpoint="outgoing", grade="good", actor=people.louvre
        )
    with pytest.raises(PermissionDenied):
        condition_report_add(
            loan_object=first, checkpoint="outgoing", grade="good", actor=people.secretary
        )
    condition_report_add(
        loan_object=first, checkpoint="outgoing", grade="good", actor=people.hermitage
    )
