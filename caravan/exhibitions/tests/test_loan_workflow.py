"""Loans, one record with two sides: a whole exhibition walked from request to return, and the
moves each side may not make, refused with a clear message and nothing changed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from caravan.audit.models import AuditEntry
from caravan.audit.selectors import audit_trail
from caravan.exhibitions.errors import IllegalTransition, RequirementMissing, WrongSide
from caravan.exhibitions.models import (
    ConditionReport,
    LoanObject,
    LoanRequest,
    LoanTransition,
    Notification,
)
from caravan.exhibitions.selectors import (
    condition_reports,
    loan_history,
    loan_next_steps,
    loan_queue,
)
from caravan.exhibitions.services import (
    ObjectDecisionInput,
    condition_report_add,
    exhibition_status_change,
    loan_object_decide,
    loan_object_terms_set,
    loan_requests_create,
    loan_transition,
)
from caravan.exhibitions.tests.conftest import photo

pytestmark = pytest.mark.django_db


def snapshot(loan: LoanRequest) -> tuple[Any, ...]:
    """Everything a move could change, to compare before and after a refusal."""
    loan.refresh_from_db()
    return (
        loan.status,
        loan.status_changed_at,
        loan.submitted_at,
        loan.conditions,
        sorted(loan.loan_objects.values_list("pk", "decision", "decision_reason")),
        LoanTransition.objects.count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
        ConditionReport.objects.count(),
    )


def move(loan: LoanRequest, to: str, actor: Any, **options: Any) -> LoanTransition:
    return loan_transition(loan=loan, to=to, actor=actor, **options)


def objects_of(loan: LoanRequest) -> dict[str, LoanObject]:
    return {lo.object.local_id: lo for lo in loan.loan_objects.select_related("object")}


def test_loan_requests_group_the_checklist_by_lender(show, loans, people):
    assert set(loans) == {"hermitage", "matenadaran"}  # the Palace Museum's own object: no loan
    hermitage = loans["hermitage"]
    assert hermitage.borrower.code == "palace" and hermitage.status == "draft"
    assert sorted(objects_of(hermitage)) == ["hermitage-members", "hermitage-public"]
    assert sorted(objects_of(loans["matenadaran"])) == ["matenadaran-public"]
    assert set(hermitage.venues.all()) == {show.venue_home, show.venue_away}
    # Asking again changes nothing; a new object joins its lender's draft.
    assert loan_requests_create(exhibition=show, actor=people.curator) == []
    assert LoanRequest.objects.count() == 2


def test_a_whole_exhibition_from_request_to_return(show, loans, people, today):
    hermitage, matenadaran = loans["hermitage"], loans["matenadaran"]
    curator = people.curator
    exhibition_status_change(exhibition=show, to="planning", actor=curator)

    for loan in (hermitage, matenadaran):
        move(loan, "requested", curator, comment={"en": "We would be honoured."})
    assert hermitage.submitted_at is not None
    # Each lender sees the very same record in its queue, incoming; the borrower, outgoing.
    assert [loan.pk for loan in loan_queue(people.hermitage).incoming] == [hermitage.pk]
    assert {loan.pk for loan in loan_queue(curator).outgoing} == {hermitage.pk, matenadaran.pk}
    assert [loan.pk for loan in loan_queue(people.hermitage).awaiting] == [hermitage.pk]

    # The Hermitage approves one object and declines the other: a partial approval.
    move(hermitage, "under_review", people.hermitage)
    mine = objects_of(hermitage)
    approved = move(
        hermitage,
        "approved",
        people.hermitage,
        conditions={"en": "Light at most 50 lux; a courier travels both ways."},
        decisions=[
            ObjectDecisionInput(mine["hermitage-public"].pk, "approved"),
            ObjectDecisionInput(
                mine["hermitage-members"].pk, "declined", {"en": "Too fragile to travel."}
            ),
        ],
        comment="Approved in part.",
    )
    assert approved.side == "lender" and approved.by == people.hermitage
    mine = objects_of(hermitage)
    assert mine["hermitage-members"].decision == "declined"
    assert mine["hermitage-members"].decision_reason == {"en": "Too fragile to travel."}
    hermitage.refresh_from_db()
    assert hermitage.conditions["en"].startswith("Light at most 50 lux")
    assert approved.comment == {"und": "Approved in part."}

    # The Matenadaran decides object by object, then approves everything.
    move(matenadaran, "under_review", people.yerevan)
    (only,) = objects_of(matenadaran).values()
    loan_object_decide(loan_object=only, decision="approved", actor=people.yerevan)
    move(matenadaran, "approved", people.yerevan)

    loan_object_terms_set(
        loan_object=mine["hermitage-public"],
        actor=people.hermitage,
        insurance_value=Decimal("250000.00"),
        insurance_currency="EUR",
        courier_required=True,
        credit_line={"en": "State Hermitage Museum", "ru": "Государственный Эрмитаж"},
    )
    exhibition_status_change(exhibition=show, to="confirmed", actor=curator)
    for loan, lender in ((hermitage, people.hermitage), (matenadaran, people.yerevan)):
        move(loan, "agreement_signed", lender)
        for loan_object in loan.loan_objects.filter(decision="approved"):
            condition_report_add(
                loan_object=loan_object,
                checkpoint="outgoing",
                grade="good",
                notes={"en": "Small old chip on the rim."},
                photos=[photo()],
                actor=lender,
            )
        move(loan, "in_transit", lender)
        for loan_object in loan.loan_objects.filter(decision="approved"):
            condition_report_add(
                loan_object=loan_object,
                checkpoint="arrival",
                grade="good",
                venue=show.venue_home,
                actor=curator,
            )
        move(loan, "on_display", curator)
    exhibition_status_change(exhibition=show, to="open", actor=curator)
    exhibition_status_change(exhibition=show, to="closed", actor=curator)

    for loan, lender in ((hermitage, people.hermitage), (matenadaran, people.yerevan)):
        for loan_object in loan.loan_objects.filter(decision="approved"):
            condition_report_add(
                loan_object=loan_object, checkpoint="departure", grade="good", actor=curator
            )
            condition_report_add(
                loan_object=loan_object, checkpoint="return", grade="good", actor=lender
            )
        move(loan, "returned", lender, comment={"ru": "Получено в целости."})
        move(loan, "closed", lender)

    assert [(t.from_status, t.to_status, t.side, t.by_name) for t in loan_history(hermitage)] == [
        ("", "draft", "borrower", "palace-curator"),
        ("draft", "requested", "borrower", "palace-curator"),
        ("requested", "under_review", "lender", "hermitage-registrar"),
        ("under_review", "approved", "lender", "hermitage-registrar"),
        ("approved", "agreement_signed", "lender", "hermitage-registrar"),
        ("agreement_signed", "in_transit", "lender", "hermitage-registrar"),
        ("in_transit", "on_display", "borrower", "palace-curator"),
        ("on_display", "returned", "lender", "hermitage-registrar"),
        ("returned", "closed", "lender", "hermitage-registrar"),
    ]
    reports = list(condition_reports(hermitage))
    # the declined object never travelled, so it was never examined
    assert {r.loan_object.object.local_id for r in reports} == {"hermitage-public"}
    assert [r.checkpoint for r in reports] == ["outgoing", "arrival", "departure", "return"]
    assert reports[0].photos.get().image.read()[:2] == b"\xff\xd8"  # the JPEG, stored
    assert reports[1].venue == show.venue_home and reports[1].reporter == curator
    terms = objects_of(hermitage)["hermitage-public"]
    assert (terms.insurance_value, terms.insurance_currency) == (Decimal("250000.00"), "EUR")
    actions = [entry.action for entry in audit_trail(hermitage)]
    assert actions[:3] == ["loan.create", "loan.objects_add", "loan.requested"]
    assert actions.count("loan.condition_report") == 4 and actions[-1] == "loan.closed"
    assert loan_queue(people.hermitage).incoming == []  # finished loans leave the desk
    assert [loan.pk for loan in loan_queue(people.hermitage, include_finished=True).incoming] == [
        hermitage.pk
    ]


def submitted(loans: dict[str, Any], people: Any, to: str = "requested") -> LoanRequest:
    loan = loans["hermitage"]
    move(loan, "requested", people.curator)
    if to in ("under_review",):
        move(loan, "under_review", people.hermitage)
    return loan


def test_a_borrower_cannot_approve_its_own_request(loans, people):
    loan = submitted(loans, people, "under_review")
    before = snapshot(loan)
    with pytest.raises(WrongSide) as refused:
        move(loan, "approved", people.curator)
    assert str(refused.value) == (
        "the borrower cannot approve a loan; only the lender (Hermitage) can"
    )
    assert snapshot(loan) == before


def test_a_lender_cannot_mark_a_loan_on_display(loans, people):
    loan = submitted(loans, people, "under_review")
    before = snapshot(loan)
    with pytest.raises(WrongSide) as refused:
        move(loan, "on_display", people.hermitage)
    assert str(refused.value) == (
        "the lender cannot mark a loan on display; only the borrower (Palace Museum) can"
    )
    assert snapshot(loan) == before


def test_skipping_states_is_refused_and_changes_nothing(loans, people):
    loan = submitted(loans, people)
    before = snapshot(loan)
    with pytest.raises(IllegalTransition) as refused:
        move(loan, "approved", people.hermitage)  # not reviewed yet
    assert str(refused.value) == (
        "this loan is requested and cannot move to approved from there; "
        "next: under review (by the lender), cancelled (by the borrower)"
    )
    with pytest.raises(IllegalTransition):
        move(loan, "draft", people.curator)  # no going back
    with pytest.raises(IllegalTransition):
        move(loan, "in_transit", people.hermitage)
    assert snapshot(loan) == before


def test_approval_waits_for_every_object_and_a_refusal_undoes_its_decisions(loans, people):
    loan = submitted(loans, people, "under_review")
    mine = objects_of(loan)
    before = snapshot(loan)
    with pytest.raises(RequirementMissing) as refused:
        move(
            loan,
            "approved",
            people.hermitage,
            decisions=[ObjectDecisionInput(mine["hermitage-public"].pk, "approved")],
        )
    assert "1 object is neither approved nor declined yet" in str(refused.value)
    assert snapshot(loan) == before  # the one decision sent along was not kept either
    with pytest.raises(ValidationError, match="say why"):
        loan_object_decide(
            loan_object=mine["hermitage-members"], decision="declined", actor=people.hermitage
        )
    for loan_object in mine.values():
        loan_object_decide(
            loan_object=loan_object,
            decision="declined",
            reason="On display at home.",
            actor=people.hermitage,
        )
    with pytest.raises(RequirementMissing, match="no object is approved"):
        move(loan, "approved", people.hermitage)
    move(loan, "declined", people.hermitage, comment="Not this year.")
    assert loan_next_steps(loan=loan, user=people.hermitage) == []


def test_declining_the_loan_declines_its_undecided_objects(loans, people):
    loan = submitted(loans, people, "under_review")
    move(loan, "declined", people.hermitage)
    assert set(loan.loan_objects.values_list("decision", flat=True)) == {"declined"}


def test_dispatch_waits_for_outgoing_condition_reports(loans, people):
    loan = submitted(loans, people, "under_review")
    mine = objects_of(loan)
    move(
        loan,
        "approved",
        people.hermitage,
        decisions=[
            ObjectDecisionInput(mine["hermitage-public"].pk, "approved"),
            ObjectDecisionInput(mine["hermitage-members"].pk, "approved"),
        ],
    )
    move(loan, "agreement_signed", people.hermitage)
    condition_report_add(
        loan_object=mine["hermitage-public"],
        checkpoint="outgoing",
        grade="excellent",
        actor=people.hermitage,
    )
    steps = loan_next_steps(loan=loan, user=people.hermitage)
    assert [(s.rule.target, s.missing) for s in steps] == [
        (
            "in_transit",
            ["1 approved object has no outgoing (at the lender, before dispatch) condition report"],
        )
    ]
    before = snapshot(loan)
    with pytest.raises(RequirementMissing):
        move(loan, "in_transit", people.hermitage)
    assert snapshot(loan) == before
    # The borrower examines at the venue, not at the lender's before dispatch.
    with pytest.raises(WrongSide, match="only the lender"):
        condition_report_add(
            loan_object=mine["hermitage-members"],
            checkpoint="outgoing",
            grade="good",
            actor=people.curator,
        )
    with pytest.raises(IllegalTransition, match=r"arrival \(.*\) report does not fit"):
        condition_report_add(
            loan_object=mine["hermitage-members"],
            checkpoint="arrival",
            grade="good",
            actor=people.curator,
        )


def test_terms_need_a_real_currency_and_close_when_the_agreement_is_signed(loans, people):
    loan = submitted(loans, people, "under_review")
    loan_object = objects_of(loan)["hermitage-public"]
    with pytest.raises(ValidationError, match="ISO 4217"):
        loan_object_terms_set(
            loan_object=loan_object,
            actor=people.hermitage,
            insurance_value=Decimal("1000"),
            insurance_currency="XXY",
        )
    with pytest.raises(ValidationError, match="currency"):
        loan_object_terms_set(
            loan_object=loan_object, actor=people.hermitage, insurance_value=Decimal("1000")
        )
    loan_object_terms_set(
        loan_object=loan_object,
        actor=people.curator,
        courier_required=True,  # either side
    )
    loan_object_decide(loan_object=loan_object, decision="approved", actor=people.hermitage)
    loan_object_decide(
        loan_object=objects_of(loan)["hermitage-members"],
        decision="declined",
        reason="Fragile.",
        actor=people.hermitage,
    )
    move(loan, "approved", people.hermitage)
    move(loan, "agreement_signed", people.hermitage)
    with pytest.raises(IllegalTransition, match="terms are fixed"):
        loan_object_terms_set(
            loan_object=loan_object, actor=people.hermitage, courier_required=False
        )


def test_the_borrower_withdraws_and_the_lender_cannot(loans, people):
    loan = submitted(loans, people)
    with pytest.raises(WrongSide, match="the lender cannot withdraw a loan request"):
        move(loan, "cancelled", people.hermitage)
    move(loan, "cancelled", people.curator, comment="The budget fell through.")
    loan.refresh_from_db()
    assert loan.status == "cancelled"


def test_cancelling_the_exhibition_cancels_loans_that_have_not_left(show, loans, people):
    move(loans["hermitage"], "requested", people.curator)
    exhibition_status_change(exhibition=show, to="cancelled", actor=people.curator)
    statuses = dict(LoanRequest.objects.values_list("lender__code", "status"))
    assert statuses == {"hermitage": "cancelled", "matenadaran": "cancelled"}
    last = loan_history(loans["hermitage"]).last()
    assert (last.side, last.comment) == ("system", {"en": "The exhibition was cancelled."})
    # The lender hears of it; the other lender never saw its draft, so hears nothing.
    assert Notification.objects.filter(recipient=people.hermitage, verb="loan.cancelled").exists()
    assert not Notification.objects.filter(recipient=people.yerevan).exists()
