"""The demo exhibition: what the issue asks for is there, and loading twice changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from caravan.exhibitions.demo import CODE, OBJECTS, exhibitions_demo_load
from caravan.exhibitions.models import (
    ConditionReport,
    Exhibition,
    FacilityReport,
    LoanRequest,
    Notification,
)
from caravan.exhibitions.selectors import exhibition_list, loan_queue
from caravan.institutions.models import Institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(monkeypatch, make_object):
    """The demo's institutions, alliances and alliance life, and a few objects of our own
    (the real sources take minutes to import)."""
    from caravan.demo.services import demo_load

    monkeypatch.setattr("caravan.demo.services.demo_sources", lambda *args: [])
    monkeypatch.setattr("caravan.demo.services._load_vocabularies", lambda *args: None)
    demo_load()
    for code, count in OBJECTS.items():
        institution = Institution.objects.get(code=code)
        for number in range(count + 1):
            make_object(institution, f"{code}-{number}", titles={"en": f"{code} object {number}"})


def test_the_demo_exhibition_travels_with_loans_at_different_steps(demo_world):
    report = exhibitions_demo_load()
    assert report.created, report.skipped
    assert report.loans == {"met": "on_display", "vam": "approved", "cma": "under_review"}
    exhibition = Exhibition.objects.get(code=CODE)
    assert exhibition.status == "open" and "sample data" in exhibition.titles["en"]
    assert [v.institution.code for v in exhibition.venues.order_by("opens_on")] == [
        "npm",
        "met",
        "vam",
    ]
    assert [e.code for e in exhibition_list(user=AnonymousUser())] == [CODE]
    vam = LoanRequest.objects.get(exhibition=exhibition, lender__code="vam")
    assert sorted(vam.loan_objects.values_list("decision", flat=True)) == [
        "approved",
        "approved",
        "declined",
    ]
    assert {v.institution.code for v in vam.venues.all()} == {"met", "vam"}
    assert FacilityReport.objects.filter(venue__exhibition=exhibition).count() == 2
    reports = ConditionReport.objects.filter(loan_object__loan__lender__code="met")
    assert {r.checkpoint for r in reports} == {"outgoing", "arrival"}
    assert reports.filter(photos__isnull=False).exists()
    registrar = Notification.objects.filter(recipient__username="demo-cma-registrar")
    assert registrar.filter(verb="loan.requested").exists()
    curator = Notification.objects.filter(recipient__username="demo-npm-curator")
    assert curator.filter(verb="loan.approved").count() == 2
    queue = loan_queue(curator.first().recipient)
    assert len(queue.outgoing) == 3 and queue.incoming == []


def test_loading_again_changes_nothing(demo_world):
    exhibitions_demo_load()
    counts = (LoanRequest.objects.count(), Notification.objects.count())
    assert exhibitions_demo_load().skipped == "already loaded"
    assert (LoanRequest.objects.count(), Notification.objects.count()) == counts


def test_without_the_demo_objects_nothing_is_loaded(monkeypatch):
    from caravan.demo.services import demo_load

    monkeypatch.setattr("caravan.demo.services.demo_sources", lambda *args: [])
    monkeypatch.setattr("caravan.demo.services._load_vocabularies", lambda *args: None)
    demo_load()
    assert exhibitions_demo_load().skipped == "the demo objects are not loaded"
    assert not Exhibition.objects.exists()
