"""Offices and terms, the convener rotation, and counts of members at home and abroad."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from caravan.institutions.models import Office
from caravan.institutions.selectors import (
    alliance_member_counts,
    convener_on,
    office_holders_on,
)
from caravan.institutions.services import (
    add_months,
    convener_rotation_schedule,
    office_term_add,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def secretary(make_user):
    return make_user("secretary", is_secretariat=True)


@pytest.fixture
def rotation(alliance_world, make_institution, secretary):
    from caravan.institutions.services import membership_add

    silk = alliance_world["silk"]
    third = make_institution("xian", names={"en": "Xi'an Museum"})
    membership_add(institution=third, alliance=silk, start_date=D(2020, 1, 1))
    order = [alliance_world["palace"], alliance_world["hermitage"], third]
    return convener_rotation_schedule(
        alliance=silk, institutions=order, first_start=D(2023, 10, 18), actor=secretary
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2023, 10, 17), None),  # before the rotation begins
        (D(2023, 10, 18), "palace"),  # first day of the first term
        (D(2024, 10, 17), "palace"),  # last day of the first term
        (D(2024, 10, 18), "hermitage"),  # handover day belongs to the next convener
        (D(2025, 6, 1), "hermitage"),
        (D(2026, 10, 17), "xian"),
        (D(2026, 10, 18), None),  # the schedule has run out
    ],
)
def test_the_convener_rotation_gives_the_convener_for_a_date(
    alliance_world, rotation, day, expected
):
    term = convener_on(alliance_world["silk"], day)
    assert (term.institution.code if term else None) == expected


def test_terms_cannot_overlap_for_a_single_holder_office(alliance_world, rotation, secretary):
    with pytest.raises(ValidationError, match="held then already"):
        office_term_add(
            alliance=alliance_world["silk"],
            office=Office.CONVENER,
            institution=alliance_world["palace"],
            start_date=D(2025, 1, 1),
            end_date=D(2025, 3, 1),
            actor=secretary,
        )


def test_several_vice_presidents_and_office_holders_on_a_day(alliance_world, secretary):
    silk = alliance_world["silk"]
    for code in ("palace", "hermitage"):
        office_term_add(
            alliance=silk,
            office=Office.VICE_PRESIDENT,
            institution=alliance_world[code],
            start_date=D(2022, 1, 1),
            actor=secretary,
        )
    office_term_add(
        alliance=silk,
        office=Office.PRESIDENT,
        institution=alliance_world["palace"],
        start_date=D(2022, 1, 1),
        end_date=D(2024, 1, 1),
        actor=secretary,
    )
    holders = office_holders_on(silk, D(2023, 5, 1))
    assert [h.office for h in holders] == ["president", "vice_president", "vice_president"]
    assert [h.office for h in office_holders_on(silk, D(2024, 5, 1))] == ["vice_president"] * 2


def test_an_office_needs_a_current_member(alliance_world, secretary):
    with pytest.raises(ValidationError, match="not a current member"):
        office_term_add(
            alliance=alliance_world["silk"],
            office=Office.PRESIDENT,
            institution=alliance_world["outsider"],
            start_date=D(2024, 1, 1),
            actor=secretary,
        )


def test_add_months_keeps_the_end_of_month():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2024, 11, 30), 14) == D(2026, 1, 30)


def test_members_are_counted_at_home_and_abroad(alliance_world):
    silk = alliance_world["silk"]
    silk.secretariat = alliance_world["palace"]
    silk.save()
    counts = alliance_member_counts(silk)
    assert (counts.total, counts.domestic, counts.international) == (2, 1, 1)
