"""Condition reports along a travelling itinerary, and their photographs."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from caravan.exhibitions.models import ConditionPhoto, LoanRequest
from caravan.exhibitions.selectors import facility_report_current
from caravan.exhibitions.services import (
    ObjectDecisionInput,
    condition_photo_add,
    condition_report_add,
    facility_report_submit,
    loan_transition,
)
from caravan.exhibitions.tests.conftest import photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def travelling(loans: dict[str, Any], people: Any) -> LoanRequest:
    """The Matenadaran's loan, its object dispatched."""
    loan = loans["matenadaran"]
    loan_transition(loan=loan, to="requested", actor=people.curator)
    loan_transition(loan=loan, to="under_review", actor=people.yerevan)
    (only,) = loan.loan_objects.all()
    loan_transition(
        loan=loan,
        to="approved",
        actor=people.yerevan,
        decisions=[ObjectDecisionInput(only.pk, "approved")],
    )
    loan_transition(loan=loan, to="agreement_signed", actor=people.yerevan)
    condition_report_add(
        loan_object=only, checkpoint="outgoing", grade="good", actor=people.yerevan
    )
    loan_transition(loan=loan, to="in_transit", actor=people.yerevan)
    return loan


def test_the_host_of_a_venue_examines_what_arrives_there(travelling, show, people):
    only = travelling.loan_objects.get()
    # The Hermitage hosts the second venue: it examines the Matenadaran's object there...
    report = condition_report_add(
        loan_object=only,
        checkpoint="arrival",
        grade="good",
        venue=show.venue_away,
        actor=people.hermitage,
    )
    assert report.reporter == people.hermitage
    # ...but not at the Palace Museum's venue, and never at the lender's checkpoints.
    with pytest.raises(PermissionDenied):
        condition_report_add(
            loan_object=only,
            checkpoint="arrival",
            grade="good",
            venue=show.venue_home,
            actor=people.hermitage,
        )
    with pytest.raises(PermissionDenied):
        condition_report_add(
            loan_object=only,
            checkpoint="return",
            grade="good",
            venue=show.venue_away,
            actor=people.hermitage,
        )


def test_photographs_must_be_images(travelling, people):
    only = travelling.loan_objects.get()
    with pytest.raises(ValidationError, match="not an image"):
        condition_report_add(
            loan_object=only,
            checkpoint="arrival",
            grade="fair",
            actor=people.curator,
            photos=[ContentFile(b"<svg onload=alert(1)>", name="x.jpg")],
        )
    assert not only.condition_reports.filter(checkpoint="arrival").exists()
    report = condition_report_add(
        loan_object=only,
        checkpoint="arrival",
        grade="fair",
        notes={"en": "A new scratch on the base."},
        actor=people.curator,
    )
    added = condition_photo_add(
        report=report, image=photo(), caption={"en": "Base, raking light"}, actor=people.curator
    )
    assert added.image.name.startswith(f"condition-reports/{report.pk}/")
    assert ConditionPhoto.objects.filter(report=report).count() == 1
    with pytest.raises(PermissionDenied):
        condition_photo_add(report=report, image=photo(), actor=people.louvre)


def test_the_newest_facility_report_is_the_current_one(show, people):
    assert facility_report_current(show.venue_home) is None
    facility_report_submit(venue=show.venue_home, actor=people.curator, light_max_lux=80)
    newer = facility_report_submit(venue=show.venue_home, actor=people.curator, light_max_lux=50)
    assert facility_report_current(show.venue_home) == newer
