"""An object promised to two exhibitions at once is flagged (not refused), with the other
exhibition and the dates, unless that promise has lapsed."""

from __future__ import annotations

import datetime

import pytest

from caravan.exhibitions.selectors import checklist_candidates, checklist_conflicts
from caravan.exhibitions.services import (
    checklist_item_add,
    exhibition_create,
    exhibition_status_change,
    loan_requests_create,
    loan_transition,
    venue_add,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def rival(alliance_world, people, today):
    """The Hermitage's own exhibition, wanting its public object from day 150 to day 200."""
    exhibition = exhibition_create(
        code="hermitage-at-home",
        titles={"en": "Hermitage at home", "ru": "Эрмитаж дома"},
        lead_organiser=alliance_world["hermitage"],
        actor=people.hermitage,
    )
    venue_add(
        exhibition=exhibition,
        institution=alliance_world["hermitage"],
        opens_on=today + 150 * DAY,
        closes_on=today + 200 * DAY,
        actor=people.hermitage,
    )
    checklist_item_add(
        exhibition=exhibition,
        obj=alliance_world["objects"][("hermitage", "public")],
        actor=people.hermitage,
    )
    return exhibition


def test_an_object_promised_elsewhere_over_the_same_dates_is_flagged(
    show, rival, loans, people, today
):
    (conflict,) = checklist_conflicts(exhibition=show, user=people.hermitage)
    assert conflict.item.object.local_id == "hermitage-public"
    assert conflict.other_exhibition == rival
    # The show holds its objects from its first opening to its last closing: days 30 to 170.
    assert conflict.here == (today + 30 * DAY, today + 170 * DAY)
    assert conflict.there == (today + 150 * DAY, today + 200 * DAY)
    assert conflict.overlap == (today + 150 * DAY, today + 170 * DAY)
    assert conflict.other_loan_status == ""  # on its own checklist, no loan needed
    # Seen from the other side, the same clash; the Hermitage sees the show once asked to lend.
    (mirrored,) = checklist_conflicts(exhibition=rival, user=people.hermitage)
    assert mirrored.other_exhibition is None and mirrored.overlap == conflict.overlap
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    (mirrored,) = checklist_conflicts(exhibition=rival, user=people.hermitage)
    assert (mirrored.other_exhibition, mirrored.other_loan_status) == (show, "requested")


def test_the_other_exhibition_is_named_only_to_those_who_may_see_it(show, rival, people):
    (conflict,) = checklist_conflicts(exhibition=show, user=people.curator)
    assert conflict.other_exhibition is None  # the Hermitage's project is not public yet
    assert conflict.overlap  # but the dates still warn the curator


def test_no_flag_when_the_dates_do_not_meet(show, rival, people, today):
    venue = rival.venues.get()
    venue.opens_on, venue.closes_on = today + 171 * DAY, today + 200 * DAY
    venue.save()
    assert checklist_conflicts(exhibition=show, user=people.hermitage) == []


def test_a_cancelled_exhibition_or_a_declined_loan_promises_nothing(
    show, rival, loans, people, alliance_world, today
):
    exhibition_status_change(exhibition=rival, to="cancelled", actor=people.hermitage)
    assert checklist_conflicts(exhibition=show, user=people.hermitage) == []

    # A third exhibition borrows the same object; the Hermitage declines that loan.
    other = exhibition_create(
        code="elsewhere",
        titles={"en": "Elsewhere"},
        lead_organiser=alliance_world["palace"],
        actor=people.curator,
    )
    venue_add(
        exhibition=other,
        institution=alliance_world["palace"],
        opens_on=today + 60 * DAY,
        closes_on=today + 80 * DAY,
        actor=people.curator,
    )
    checklist_item_add(
        exhibition=other,
        obj=alliance_world["objects"][("hermitage", "public")],
        actor=people.curator,
    )
    (loan,) = loan_requests_create(exhibition=other, actor=people.curator)
    loan_transition(loan=loan, to="requested", actor=people.curator)
    (conflict,) = checklist_conflicts(exhibition=show, user=people.curator)
    assert (conflict.other_exhibition, conflict.other_loan_status) == (other, "requested")
    loan_transition(loan=loan, to="under_review", actor=people.hermitage)
    loan_transition(loan=loan, to="declined", actor=people.hermitage, comment="Promised already.")
    assert checklist_conflicts(exhibition=show, user=people.curator) == []


def test_the_checklist_builder_searches_what_the_curator_may_see(show, people):
    found = checklist_candidates(
        user=people.curator, params={"q": ["Object"], "page_size": ["50"]}, exhibition=show
    )
    local_ids = {hit.local_identifier for hit in found.result.hits}
    # the Palace Museum sees its own objects, its alliance partner's members-only ones, and
    # every public object; never another institution's private one
    assert {"palace-private", "hermitage-members", "matenadaran-public"} <= local_ids
    assert not {"hermitage-private", "matenadaran-members", "louvre-private"} & local_ids
    listed = {
        hit.local_identifier for hit in found.result.hits if hit.object_id in found.already_listed
    }
    assert listed == {
        "palace-public",
        "hermitage-public",
        "hermitage-members",
        "matenadaran-public",
    }
