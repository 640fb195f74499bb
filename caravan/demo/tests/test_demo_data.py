"""The bundled demo data: real, multilingual, loadable, and safe to load twice."""

import json
from collections import Counter

import pytest

from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.records import record_from_dict
from caravan.core.langmap import normalize_tag
from caravan.demo.services import DEMO_DATA_DIR, demo_admin_ensure, demo_load
from caravan.institutions.models import Alliance, Institution, Membership


def demo_lines():
    with (DEMO_DATA_DIR / "objects.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_demo_file_meets_the_promise_of_the_readme():
    lines = demo_lines()
    institutions = Counter(line["institution"] for line in lines)
    languages = Counter(
        normalize_tag(tag).split("-")[0] for line in lines for tag in line["titles"]
    )
    assert len(lines) >= 2000
    assert len(institutions) >= 4
    assert len(languages) >= 3
    assert languages["zh"] >= 1000
    assert all(line["raw"] for line in lines)  # the source record travels with every object


def test_every_demo_record_is_valid_and_identified_once_per_institution():
    seen = set()
    for line in demo_lines():
        record = record_from_dict(line)
        key = (line["institution"], record.local_id)
        assert key not in seen
        seen.add(key)


def test_demo_sources_and_licences_are_listed():
    sources = (DEMO_DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in ("CIT", "Tate", "ACMI", "Europeana"):
        assert name in sources
    assert any((DEMO_DATA_DIR / "licences").iterdir())


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time():
    first = demo_load()
    assert first.rejected == []
    assert first.objects["created"] == len(demo_lines())
    counts = (Institution.objects.count(), Alliance.objects.count(), Membership.objects.count())
    stamps = dict(CatalogueObject.objects.values_list("pk", "updated_at"))

    second = demo_load()
    assert second.objects["unchanged"] == len(demo_lines())
    assert second.objects["created"] == second.objects["updated"] == 0
    assert (Institution.objects.count(), Alliance.objects.count(), Membership.objects.count()) == (
        counts
    )
    assert dict(CatalogueObject.objects.values_list("pk", "updated_at")) == stamps
    assert Alliance.objects.filter(is_sample=False).count() == 0  # every demo alliance is labelled
    assert Institution.objects.filter(memberships__isnull=False).distinct().count() >= 4


@pytest.mark.django_db
def test_demo_administrator_is_created_once():
    assert demo_admin_ensure(password="first-Password-9") == ("admin", True)
    assert demo_admin_ensure(password="other-Password-9") == ("admin", False)
    from django.contrib.auth import authenticate

    user = authenticate(username="admin", password="first-Password-9")
    assert user is not None and user.is_superuser and user.is_secretariat
