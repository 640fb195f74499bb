"""Fixtures for alliance life, shared by the cooperation, web, API and browser tests.

Registered as a plugin by the root conftest.py.
"""

import datetime

import pytest
from django.utils import timezone


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


@pytest.fixture
def life(alliance_world, agreements, resources, make_user):
    """Everything a page can show: a programme, an event with a session and a decision."""
    from caravan.cooperation import services as coop
    from caravan.institutions import services as inst
    from caravan.institutions.models import Person

    w = alliance_world
    w["silk"].secretariat = w["palace"]
    w["silk"].save()
    speaker = Person.objects.create(
        names={"en": "Dr Li Wen", "zh-Hans": "李文博士"}, affiliation=w["palace"]
    )
    coop.programme_create(
        code="training-2024",
        kind="training",
        titles={"en": "Conservation training", "zh-Hans": "文物保护培训"},
        host=w["palace"],
        sending=[w["hermitage"]],
        starts_on=datetime.date(2024, 6, 1),
        formats=["lectures", "on_site_teaching"],
        agreement=agreements["public"],
        actor=None,
    )
    event = coop.event_create(
        code="conf-2024",
        kind="conference",
        titles={"en": "Annual conference 2024", "ar": "المؤتمر السنوي 2024"},
        starts_on=datetime.date(2024, 10, 17),
        ends_on=datetime.date(2024, 10, 18),
        alliance=w["silk"],
        host=w["palace"],
        actor=None,
    )
    coop.event_session_add(
        event=event,
        kind="keynote",
        titles={"en": "Keynote"},
        day=datetime.date(2024, 10, 17),
        speakers=[speaker],
    )
    coop.event_participation_add(event=event, institution=w["hermitage"], delegates=3)
    declaration = coop.event_document_add(
        event=event,
        kind="declaration",
        titles={"en": "Declaration"},
        text={"en": "We declare.", "zh-Hans": "我们宣布。"},
        actor=None,
    )
    decision = inst.council_decision_record(
        alliance=w["silk"],
        kind="declaration",
        decided_on=datetime.date(2024, 10, 18),
        text={"en": "Adopted"},
        actor=None,
    )
    coop.event_decision_link(event=event, decision=decision, document=declaration, actor=None)
    inst.convener_rotation_schedule(
        alliance=w["silk"],
        institutions=[w["palace"], w["hermitage"]],
        first_start=timezone.localdate() - datetime.timedelta(days=200),
        actor=None,
    )
    return {**w, "event": event, "secretary": make_user("secretary", is_secretariat=True)}
