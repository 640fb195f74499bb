"""Fixtures for cooperation: an agreement of each visibility and a resource of each access."""

import datetime

import pytest


@pytest.fixture
def agreements(alliance_world):
    from caravan.cooperation.services import Party, agreement_create

    w = alliance_world
    made = {}
    for visibility, parties in [
        ("public", [Party(w["palace"]), Party(w["hermitage"])]),
        ("members", [Party(w["palace"]), Party(w["hermitage"])]),
        ("private", [Party(w["palace"]), Party(w["yerevan"]), Party(alliance=w["river"])]),
    ]:
        made[visibility] = agreement_create(
            code=f"mou-{visibility}",
            kind="mou",
            titles={"en": f"MoU {visibility}", "zh-Hans": f"合作备忘录 {visibility}"},
            parties=parties,
            alliance=w["silk"],
            visibility=visibility,
            signed_on=datetime.date(2024, 5, 18),
            expires_on=datetime.date(2027, 5, 17),
            scope=["joint_exhibitions", "digital_sharing"],
            actor=None,
        )
    return made


@pytest.fixture
def resources(alliance_world):
    from caravan.cooperation.services import resource_offer

    made = {}
    for access in ("public", "members", "on-request"):
        made[access] = resource_offer(
            code=f"res-{access}",
            kind="film",
            titles={"en": f"Film {access}", "ru": f"Фильм {access}"},
            offered_by=alliance_world["palace"],
            alliance=alliance_world["silk"],
            access=access,
            languages=["en", "zh-Hans"],
            licence="https://creativecommons.org/licenses/by/4.0/",
            external_url="https://example.org/film.mp4",
            actor=None,
        )
    return made
