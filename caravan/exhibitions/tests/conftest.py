"""A joint exhibition in the making: the Palace Museum borrows from the Hermitage and the
Matenadaran, shows at home and then at the Hermitage; the Louvre's staff look on."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files import File
from django.utils import timezone

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PHOTO = FIXTURES / "condition-detail.jpg"


@pytest.fixture
def people(alliance_world: dict[str, Any], make_user: Any) -> SimpleNamespace:
    w = alliance_world
    return SimpleNamespace(
        curator=make_user(
            "palace-curator",
            institution=w["palace"],
            email="curator@palace.example",
            preferred_language="zh-hans",
        ),
        palace_registrar=make_user(
            "palace-registrar", institution=w["palace"], email="registrar@palace.example"
        ),
        hermitage=make_user(
            "hermitage-registrar",
            institution=w["hermitage"],
            email="registrar@hermitage.example",
            preferred_language="ru",
        ),
        yerevan=make_user(
            "matenadaran-registrar",
            institution=w["yerevan"],
            email="registrar@matenadaran.example",
        ),
        louvre=make_user("louvre-staff", institution=w["outsider"], email="staff@louvre.example"),
        secretary=make_user("secretary", is_secretariat=True, email="secretariat@caravan.example"),
    )


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def show(alliance_world: dict[str, Any], people: SimpleNamespace, today: datetime.date) -> Any:
    """The exhibition with two venues and four objects: one of the Palace Museum's own, two of
    the Hermitage (public, members-only) and one of the Matenadaran."""
    from caravan.exhibitions.services import checklist_item_add, exhibition_create, venue_add

    w = alliance_world
    exhibition = exhibition_create(
        code="silk-roads",
        titles={"en": "Along the Silk Roads", "zh-Hans": "丝绸之路", "ru": "Вдоль Шёлкового пути"},
        subtitles={"en": "Treasures of three collections"},
        lead_organiser=w["palace"],
        curators=[people.curator],
        alliance=w["silk"],
        budget_notes={"en": "Shipping shared equally."},
        actor=people.curator,
    )
    exhibition.venue_home = venue_add(  # type: ignore[attr-defined]
        exhibition=exhibition,
        institution=w["palace"],
        opens_on=today + datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=90),
        actor=people.curator,
    )
    exhibition.venue_away = venue_add(  # type: ignore[attr-defined]
        exhibition=exhibition,
        institution=w["hermitage"],
        opens_on=today + datetime.timedelta(days=110),
        closes_on=today + datetime.timedelta(days=170),
        actor=people.curator,
    )
    objects = w["objects"]
    for number, key in enumerate(
        [
            ("palace", "public"),
            ("hermitage", "public"),
            ("hermitage", "members"),
            ("matenadaran", "public"),
        ],
        start=1,
    ):
        checklist_item_add(
            exhibition=exhibition,
            obj=objects[key],
            catalogue_number=f"Cat. {number}",
            section={"en": "The road west", "zh-Hans": "西行之路"},
            label={"en": f"Label {number}"},
            light_max_lux=50,
            humidity_min="45",
            humidity_max="55",
            actor=people.curator,
        )
    return exhibition


@pytest.fixture
def loans(show: Any, people: SimpleNamespace) -> dict[str, Any]:
    """The draft loan requests of the show, by lender code."""
    from caravan.exhibitions.services import loan_requests_create

    return {
        loan.lender.code: loan
        for loan in loan_requests_create(exhibition=show, actor=people.curator)
    }


def photo() -> File[Any]:
    return File(PHOTO.open("rb"), name=PHOTO.name)
