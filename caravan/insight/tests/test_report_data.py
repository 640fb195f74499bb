"""Every number of the work report's data equals a direct count of the database.

The world (report_world.py) holds, for each topic, records inside 2024 and outside it, and an
outsider's business the alliance must not report. Each figure is compared with an ORM query
written here, independently of the report's selectors, and with the count the world implies.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Q, Sum

from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.quality import CRITERION_CODES
from caravan.cooperation.models import Event, EventParticipation, EventSession, Programme
from caravan.exhibitions.models import LoanObject, LoanRequest, Venue
from caravan.insight.report import WorkReportData, work_report_data
from caravan.insight.tests.report_world import YEAR, ReportWorld, at, build_report_world
from caravan.institutions.models import CouncilDecision, Membership, MembershipApplication

pytestmark = pytest.mark.django_db

D = datetime.date
START, AFTER = at(YEAR, 1, 1).replace(hour=0), at(YEAR + 1, 1, 1).replace(hour=0)
IN_YEAR = {"gte": START, "lt": AFTER}


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> ReportWorld:
    return build_report_world(make_institution, make_object)


@pytest.fixture
def data(world: ReportWorld) -> WorkReportData:
    return work_report_data(alliance=world.alliance, year=YEAR)


def _codes(refs: Any) -> list[str]:
    return [ref.code for ref in refs]


def member_ids(world: ReportWorld) -> set[int]:
    periods = Membership.objects.filter(
        alliance=world.alliance, status="member", start_date__lte=D(YEAR, 12, 31)
    ).filter(Q(end_date__isnull=True) | Q(end_date__gt=D(YEAR, 1, 1)))
    return set(periods.values_list("institution_id", flat=True))


def test_members_joining_in_and_out_of_the_year(world: ReportWorld, data: WorkReportData) -> None:
    ids = member_ids(world)
    membership = data.membership
    assert membership.during_year == len(ids) == 4  # palace, hermitage, newbie, old
    assert sorted(_codes(membership.members)) == ["hermitage", "newbie", "old", "palace"]
    on_day = lambda day: Membership.objects.filter(  # noqa: E731
        alliance=world.alliance, status="member", start_date__lte=day
    ).filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
    assert membership.at_start == on_day(D(YEAR, 1, 1)).count() == 3
    assert membership.at_end == on_day(D(YEAR, 12, 31)).count() == 3
    assert [(e.institution.code, e.on) for e in membership.joined] == [("newbie", D(2024, 3, 1))]
    assert [(e.institution.code, e.on) for e in membership.left] == [("old", D(2024, 7, 1))]
    applications = MembershipApplication.objects.filter(alliance=world.alliance)
    assert (
        membership.applications_received
        == applications.filter(submitted_at__gte=START, submitted_at__lt=AFTER).count()
        == 3
    )
    decided = applications.filter(decision__decided_on__year=YEAR)
    assert membership.applications_accepted == decided.filter(status="accepted").count() == 1
    assert membership.applications_rejected == decided.filter(status="rejected").count() == 1
    assert dict(membership.by_country) == {"CN": 1, "RU": 1, "FR": 1}


def test_the_convener_is_the_one_who_served_longest(data: WorkReportData) -> None:
    assert data.convener is not None
    assert data.convener.institution.code == "hermitage"
    assert data.convener.person == {"en": "Anna Convener"}
    assert [(t.institution.code, t.days_in_year) for t in data.conveners] == [
        ("hermitage", 184),
        ("palace", 182),
    ]


def test_meetings_decisions_and_declarations(world: ReportWorld, data: WorkReportData) -> None:
    events = Event.objects.filter(alliance=world.alliance, starts_on__year=YEAR)
    meetings = data.meetings
    assert [m.code for m in meetings.meetings] == ["council-2024", "conf-2024"]
    assert len(meetings.meetings) == events.count() == 2
    assert meetings.sessions == EventSession.objects.filter(event__in=events).count() == 4
    participations = EventParticipation.objects.filter(event__in=events)
    assert meetings.delegations == participations.values("institution").distinct().count() == 2
    assert meetings.delegates == participations.aggregate(n=Sum("delegates"))["n"] == 6
    conference = next(m for m in meetings.meetings if m.code == "conf-2024")
    assert (conference.sessions, conference.institutions, conference.delegates) == (3, 2, 5)
    decisions = CouncilDecision.objects.filter(alliance=world.alliance, decided_on__year=YEAR)
    assert meetings.decisions == decisions.count() == 3
    assert dict(meetings.decisions_by_kind) == {"admission": 1, "rejection": 1, "declaration": 1}
    assert [d.titles["en"] for d in meetings.declarations] == ["Xi'an Declaration"]


def test_agreements_signed_in_the_year_within_scope(data: WorkReportData) -> None:
    # In: the alliance's own (even private) and a members-visible one of a member.
    # Out: signed in 2023, between outsiders, and a member's private deal with an outsider.
    assert [a.code for a in data.agreements] == ["alliance-mou", "member-deal"]
    assert data.agreements[1].parties == ({"en": "Hermitage", "ru": "Эрмитаж"}, {"en": "Outsider"})


def test_exhibitions_shown_during_the_year(world: ReportWorld, data: WorkReportData) -> None:
    assert [e.code for e in data.exhibitions] == ["bronzes", "prints"]
    bronzes = data.exhibitions[0]
    in_year = Venue.objects.filter(
        exhibition__code="bronzes", opens_on__lte=D(YEAR, 12, 31), closes_on__gte=D(YEAR, 1, 1)
    )
    assert bronzes.venues == in_year.count() == 2
    assert bronzes.attendance == in_year.aggregate(n=Sum("attendance"))["n"] == 12000
    assert bronzes.countries == 2
    assert bronzes.objects == 2
    assert bronzes.lead.code == "palace"
    assert data.exhibitions[1].attendance == 0  # not counted at its venue


def test_loans_where_a_member_is_a_party(world: ReportWorld, data: WorkReportData) -> None:
    ids = member_ids(world)
    loans = LoanRequest.objects.filter(
        Q(lender_id__in=ids) | Q(borrower_id__in=ids),
        submitted_at__gte=START,
        submitted_at__lt=AFTER,
    )
    assert data.loans.requests == loans.count() == 2
    assert dict(data.loans.by_status) == {"approved": 1, "requested": 1}
    objects = LoanObject.objects.filter(loan__in=loans)
    assert data.loans.objects == objects.count() == 3
    assert data.loans.objects_approved == objects.filter(decision="approved").count() == 2
    assert data.loans.international == 2  # RU → CN and US → CN
    assert [(row.institution.code, row.objects) for row in data.loans.lenders] == [
        ("hermitage", 2),
        ("outsider", 1),
    ]


def test_exchanges_and_trainings(world: ReportWorld, data: WorkReportData) -> None:
    ids = member_ids(world)
    running = Programme.objects.filter(Q(alliance=world.alliance) | Q(host_id__in=ids)).filter(
        Q(starts_on__lte=D(YEAR, 12, 31))
        & (Q(ends_on__gte=D(YEAR, 1, 1)) | Q(ends_on__isnull=True, starts_on__gte=D(YEAR, 1, 1)))
    )
    assert (
        sorted(p.code for p in data.programmes)
        == sorted(running.values_list("code", flat=True))
        == ["exchange-winter", "open-ended", "training-2024"]
    )
    assert [p.code for p in data.trainings] == ["training-2024"]
    training = data.trainings[0]
    assert training.participants == 3
    assert training.institutions == 3  # the host and two sending institutions


def test_catalogue_growth_per_member(world: ReportWorld, data: WorkReportData) -> None:
    ids = member_ids(world)
    objects = CatalogueObject.objects.filter(institution_id__in=ids)
    added = objects.filter(created_at__gte=START, created_at__lt=AFTER)
    withdrawn = objects.filter(withdrawn_at__gte=START, withdrawn_at__lt=AFTER)
    held = objects.filter(created_at__lt=AFTER).filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=AFTER)
    )
    catalogue = data.catalogue
    assert catalogue.added == added.count() == 5  # 3 palace, 1 hermitage, 1 old
    assert catalogue.withdrawn == withdrawn.count() == 1
    assert catalogue.total == held.count()
    held_at_start = objects.filter(created_at__lt=START).filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=START)
    )
    assert catalogue.total_at_start == held_at_start.count()
    for row in catalogue.by_member:
        mine = Q(institution_id=row.institution.pk)
        assert row.added == added.filter(mine).count()
        assert row.withdrawn == withdrawn.filter(mine).count()
        assert row.total == held.filter(mine).count()
    assert catalogue.by_member[0].institution.code == "palace"
    per_month = tuple(added.filter(created_at__month=month).count() for month in range(1, 13))
    assert catalogue.added_by_month == per_month == (1, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0)
    assert sum(catalogue.added_by_month) == catalogue.added


def test_catalogue_quality_counts_the_records_held(
    world: ReportWorld, data: WorkReportData
) -> None:
    palace = next(r for r in data.catalogue.quality if r.institution.code == "palace")
    held = CatalogueObject.objects.filter(
        institution=world.institutions["palace"], withdrawn_at__isnull=True
    )
    assert palace.records == held.count() == 4
    shares = dict(palace.criteria)
    assert list(shares) == list(CRITERION_CODES)  # the dashboards' ten criteria
    assert shares["description"] == 100.0 * held.exclude(descriptions={}).count() / 4 == 25.0
    assert shares["date"] == 100.0 * held.filter(earliest_year__isnull=False).count() / 4 == 25.0
    assert shares["rights"] == 100.0 * held.exclude(rights="").count() / 4
    assert shares["image"] == 100.0 * held.filter(media__isnull=False).distinct().count() / 4
    assert palace.score == round(sum(shares.values()) / len(shares), 1)
