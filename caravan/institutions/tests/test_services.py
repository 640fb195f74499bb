import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from caravan.institutions.models import Institution, Membership
from caravan.institutions.selectors import alliance_member_counts, membership_history
from caravan.institutions.services import (
    alliance_create,
    institution_create,
    membership_add,
    membership_change,
    membership_end,
)

pytestmark = pytest.mark.django_db


def test_institution_is_created_with_language_tagged_names():
    museum = institution_create(
        code="shaanxi-history",
        names={"en": "Shaanxi History Museum", "zh-hans": "陕西历史博物馆"},
        country="CN",
        type="history",
        city={"en": "Xi'an"},
    )
    museum.refresh_from_db()
    assert museum.names == {"en": "Shaanxi History Museum", "zh-Hans": "陕西历史博物馆"}
    assert museum.type == "history"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"country": "XX"}, "ISO 3166-1"),
        ({"country": ""}, "country"),
        ({"names": {}}, "name is needed"),
        ({"names": {"not a tag!": "x"}}, "BCP-47"),
        ({"type": "zoo"}, "type"),
        ({"code": "Bad Code"}, "code"),
    ],
)
def test_invalid_institutions_are_refused_and_nothing_is_written(fields, message):
    values = {"code": "ok", "names": {"en": "A museum"}, "country": "AM", **fields}
    with pytest.raises(ValidationError, match=message):
        institution_create(**values)
    assert not Institution.objects.exists()


def test_a_change_of_role_keeps_the_dated_history(make_institution):
    museum = make_institution("hermitage", country="RU")
    alliance = alliance_create(code="sco", names={"en": "SCO Museum Alliance"})
    first = membership_add(
        institution=museum, alliance=alliance, start_date=datetime.date(2019, 1, 1)
    )
    second = membership_change(membership=first, role="president", on=datetime.date(2022, 6, 1))
    third = membership_change(membership=second, role="member", on=datetime.date(2024, 6, 1))

    history = list(membership_history(museum, alliance))
    assert [(m.role, m.start_date.year, m.end_date and m.end_date.year) for m in history] == [
        ("member", 2019, 2022),
        ("president", 2022, 2024),
        ("member", 2024, None),
    ]
    assert third.is_current


def test_only_one_current_membership_per_alliance(make_institution):
    museum = make_institution("palace")
    alliance = alliance_create(code="silk", names={"en": "Silk Road"})
    membership_add(institution=museum, alliance=alliance)
    with pytest.raises(ValidationError, match="already has a current membership"):
        membership_add(institution=museum, alliance=alliance)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        Membership.objects.create(
            institution=museum, alliance=alliance, start_date=datetime.date(2020, 1, 1)
        )


def test_one_institution_may_be_in_several_alliances(make_institution):
    museum = make_institution("palace")
    for code in ("silk", "sco", "river"):
        membership_add(institution=museum, alliance=alliance_create(code=code, names={"en": code}))
    assert museum.memberships.filter(end_date__isnull=True).count() == 3


def test_withdrawal_ends_membership_and_is_recorded(make_institution):
    museum = make_institution("palace")
    alliance = alliance_create(code="silk", names={"en": "Silk Road"})
    current = membership_add(
        institution=museum, alliance=alliance, start_date=datetime.date(2020, 1, 1)
    )
    membership_end(membership=current, on=datetime.date(2023, 3, 1))
    assert not Membership.objects.filter(end_date__isnull=True).exists()
    assert list(Membership.objects.values_list("status", flat=True).order_by("id")) == [
        "member",
        "withdrawn",
    ]
    membership_add(institution=museum, alliance=alliance)  # it may join again


def test_member_counts_by_country_and_type(make_institution):
    alliance = alliance_create(code="silk", names={"en": "Silk Road"})
    for code, country, kind in [("a", "CN", "history"), ("b", "CN", "art"), ("c", "KZ", "history")]:
        membership_add(
            institution=make_institution(code, country=country, type=kind), alliance=alliance
        )
    membership_add(
        institution=make_institution("d", country="IR"), alliance=alliance, status="applicant"
    )
    counts = alliance_member_counts(alliance)
    assert counts.total == 3  # the applicant is not counted as a member
    assert counts.countries == 2
    assert dict(counts.by_country) == {"CN": 2, "KZ": 1}
    assert dict(counts.by_type) == {"history": 2, "art": 1}
