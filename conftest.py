"""Fixtures shared by every test: a small alliance with institutions, staff and objects."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from caravan.catalogue.records import record_from_dict

pytest_plugins = ["caravan.cooperation.tests.fixtures"]


@pytest.fixture(autouse=True)
def search_index_dir(tmp_path_factory: Any, settings: Any) -> Any:
    """Each test has its own search index, built from its own database on first use."""
    from caravan.search.expansion import forget_concept_labels
    from caravan.search.facets import forget_directory
    from caravan.search.index import forget_readers

    settings.CARAVAN_SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    forget_concept_labels()  # a rolled-back test leaves no signal behind
    forget_readers()
    forget_directory()
    return settings.CARAVAN_SEARCH_INDEX_DIR


@pytest.fixture(autouse=True)
def empty_change_log(request: Any) -> None:
    """A transactional test starts with an empty search change log.

    Django empties SQLite tables one DELETE at a time, in an order that changes from run to
    run; when the catalogue is emptied after the log, its delete trigger writes the log again.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from caravan.search.models import IndexChange

    IndexChange.objects.all().delete()


@pytest.fixture
def make_institution(db: Any) -> Any:
    from caravan.institutions.services import institution_create

    def make(code: str, **details: Any) -> Any:
        details.setdefault("names", {"en": f"Museum {code}"})
        details.setdefault("country", "CN")
        return institution_create(code=code, **details)

    return make


@pytest.fixture
def make_object(db: Any) -> Any:
    from caravan.catalogue.services import object_upsert

    def make(institution: Any, local_id: str, **fields: Any) -> Any:
        fields.setdefault("titles", {"en": f"Object {local_id}"})
        fields.setdefault("language", "en")
        record = record_from_dict({"local_id": local_id, **fields})
        obj, _ = object_upsert(institution=institution, record=record)
        return obj

    return make


@pytest.fixture
def alliance_world(make_institution: Any, make_object: Any) -> dict[str, Any]:
    """Two alliances: silk (palace, hermitage) and river (hermitage, yerevan); louvre in none.

    Each institution owns one public, one members-only and one private object.
    """
    from caravan.institutions.services import alliance_create, membership_add

    palace = make_institution("palace", names={"en": "Palace Museum", "zh-Hans": "故宫博物院"})
    hermitage = make_institution(
        "hermitage", names={"en": "Hermitage", "ru": "Эрмитаж"}, country="RU"
    )
    yerevan = make_institution("matenadaran", names={"hy": "Մատենադարան"}, country="AM")
    outsider = make_institution("louvre", names={"fr": "Musée du Louvre"}, country="FR")
    silk = alliance_create(code="silk", names={"en": "Silk Road Alliance"})
    river = alliance_create(code="river", names={"en": "River Alliance"})
    start = datetime.date(2020, 1, 1)
    for institution, alliance in [
        (palace, silk),
        (hermitage, silk),
        (hermitage, river),
        (yerevan, river),
    ]:
        membership_add(institution=institution, alliance=alliance, start_date=start)
    objects = {}
    for institution in (palace, hermitage, yerevan, outsider):
        for visibility in ("public", "members", "private"):
            objects[(institution.code, visibility)] = make_object(
                institution, f"{institution.code}-{visibility}", visibility=visibility
            )
    return {
        "palace": palace,
        "hermitage": hermitage,
        "yerevan": yerevan,
        "outsider": outsider,
        "silk": silk,
        "river": river,
        "objects": objects,
    }


@pytest.fixture
def make_user(db: Any) -> Any:
    from caravan.accounts.models import User

    def make(username: str, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        return User.objects.create_user(username=username, password="pw-for-tests", **fields)

    return make
