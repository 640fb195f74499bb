"""The demo's alliance life: what the issue promises is there, labelled, and loads twice safely."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from caravan.cooperation.models import Agreement, Event, Programme, SharedResource
from caravan.demo.alliance_life import alliance_life_load
from caravan.demo.services import demo_load
from caravan.institutions.models import Alliance, Membership, MembershipApplication
from caravan.institutions.selectors import convener_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    # the objects are not needed here; load institutions, alliances, memberships and life only
    monkeypatch.setattr("caravan.demo.services.demo_sources", lambda *args: [])
    monkeypatch.setattr("caravan.demo.services._load_vocabularies", lambda *args: None)
    demo_load()


def test_the_demo_has_what_the_issue_promises(demo):
    silk = Alliance.objects.get(code="sample-silk")
    conference = Event.objects.get(code="sample-conference-2024")
    assert conference.starts_on < datetime.date.today()
    assert conference.sessions.count() >= 6
    assert {link.decision.kind for link in conference.decisions.all()} >= {
        "admission",
        "declaration",
    }
    assert conference.documents.filter(kind="declaration").get().text.keys() >= {
        "en",
        "zh-Hans",
        "ru",
        "ar",
    }
    admitted = MembershipApplication.objects.filter(status="accepted")
    assert admitted.count() == 2
    assert all(a.membership.alliance == silk for a in admitted)
    assert MembershipApplication.objects.filter(status="reviewed").exists() is False
    mou = Agreement.objects.get(kind="mou")
    assert mou.parties.count() == 3
    assert Programme.objects.filter(kind="training").exists()
    assert SharedResource.objects.count() >= 12
    assert {r.access for r in SharedResource.objects.all()} == {"public", "members", "on-request"}
    assert convener_on(silk, datetime.date(2025, 1, 1)).institution.code == "met"
    titles = [
        *Event.objects.values_list("titles", flat=True),
        *Agreement.objects.values_list("titles", flat=True),
        *Programme.objects.values_list("titles", flat=True),
        *SharedResource.objects.values_list("titles", flat=True),
    ]
    assert all("sample" in title["en"].lower() for title in titles)


def test_loading_alliance_life_twice_changes_nothing(demo):
    counts = (Membership.objects.count(), SharedResource.objects.count(), Event.objects.count())
    assert alliance_life_load().created == 0
    assert (
        Membership.objects.count(),
        SharedResource.objects.count(),
        Event.objects.count(),
    ) == counts


def test_the_demo_is_multilingual(demo):
    from caravan.cooperation.selectors import agreement_list

    maps = [
        *SharedResource.objects.values_list("titles", flat=True),
        *Event.objects.values_list("titles", flat=True),
        *agreement_list(user=AnonymousUser()).values_list("titles", flat=True),
    ]
    languages = {tag.split("-")[0] for titles in maps for tag in titles}
    assert languages >= {"en", "zh", "ru", "ar", "hy"}
