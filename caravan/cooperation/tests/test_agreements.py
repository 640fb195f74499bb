"""Who sees which agreement, and which ones are about to expire."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from caravan.cooperation.selectors import agreement_list, agreements_expiring, agreements_visible_to
from caravan.cooperation.services import Party, agreement_create

pytestmark = pytest.mark.django_db


def visible_codes(user):
    return set(agreements_visible_to(user).values_list("code", flat=True))


def test_the_parties_see_a_private_agreement_and_others_do_not(
    alliance_world, agreements, make_user
):
    palace = make_user("palace", institution=alliance_world["palace"])
    yerevan = make_user("yerevan", institution=alliance_world["yerevan"])
    hermitage = make_user("hermitage", institution=alliance_world["hermitage"])
    louvre = make_user("louvre", institution=alliance_world["outsider"])
    assert "mou-private" in visible_codes(palace)
    assert "mou-private" in visible_codes(yerevan)
    assert "mou-private" not in visible_codes(hermitage)  # a member of the party alliance only
    assert "mou-private" not in visible_codes(louvre)
    assert "mou-private" not in visible_codes(AnonymousUser())
    assert "mou-private" in visible_codes(make_user("sec", is_secretariat=True))


def test_an_alliance_party_is_represented_by_its_secretariat(alliance_world, agreements, make_user):
    river = alliance_world["river"]
    river.secretariat = alliance_world["hermitage"]
    river.save()
    assert "mou-private" in visible_codes(make_user("h", institution=alliance_world["hermitage"]))


def test_members_only_agreements_are_for_current_members(alliance_world, agreements, make_user):
    hermitage = make_user("hermitage", institution=alliance_world["hermitage"])  # in silk
    yerevan = make_user("yerevan", institution=alliance_world["yerevan"])  # river only
    assert visible_codes(hermitage) == {"mou-public", "mou-members"}
    assert "mou-members" not in visible_codes(yerevan)
    assert visible_codes(AnonymousUser()) == {"mou-public"}


def test_agreements_are_searchable_in_any_language(agreements):
    anyone = AnonymousUser()
    assert [a.code for a in agreement_list(user=anyone, query="合作备忘录")] == ["mou-public"]
    assert list(agreement_list(user=anyone, query="nothing-like-this")) == []
    assert [a.code for a in agreement_list(user=anyone, query="故宫")] == ["mou-public"]


def test_an_agreement_needs_two_parties_and_a_party_among_its_authors(alliance_world, make_user):
    w = alliance_world
    with pytest.raises(ValidationError, match="two parties"):
        agreement_create(
            code="x", kind="mou", titles={"en": "X"}, parties=[Party(w["palace"])], actor=None
        )
    outsider = make_user("louvre", institution=w["outsider"])
    with pytest.raises(PermissionDenied):
        agreement_create(
            code="y",
            kind="mou",
            titles={"en": "Y"},
            parties=[Party(w["palace"]), Party(w["hermitage"])],
            actor=outsider,
        )


def test_expiry_reminders_list_agreements_ending_soon(agreements):
    soon = agreements_expiring(today=datetime.date(2027, 3, 1), within_days=90)
    assert {a.code for a in soon} == {"mou-public", "mou-members", "mou-private"}
    assert not agreements_expiring(today=datetime.date(2026, 1, 1), within_days=90).exists()
    assert not agreements_expiring(today=datetime.date(2027, 6, 1), within_days=90).exists()
