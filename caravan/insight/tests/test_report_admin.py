"""The work report in the admin: the alliance's secretariat asks, the worker generates, the
file downloads; identical figures reuse the file; others are refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from caravan.insight.models import ReportStatus, WorkReport
from caravan.insight.tests.report_world import YEAR, ReportWorld, build_report_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> ReportWorld:
    return build_report_world(make_institution, make_object)


@pytest.fixture
def secretariat(world: ReportWorld, make_user: Any) -> Client:
    """Staff of the Palace Museum, the alliance's secretariat institution."""
    client = Client()
    client.force_login(make_user("secretary", institution=world.institutions["palace"]))
    return client


def _ask(client: Client, world: ReportWorld, language: str = "zh-hans") -> Any:
    return client.post(
        reverse("admin:insight_workreport_add"),
        {"alliance": world.alliance.pk, "year": YEAR, "language": language, "format": "pdf"},
    )


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


def test_the_secretariat_requests_a_report_and_downloads_it(
    world: ReportWorld, secretariat: Client
) -> None:
    form = secretariat.get(reverse("admin:insight_workreport_add"))
    assert form.status_code == 200
    assert "Silk Road Alliance" in form.content.decode()
    assert "Other Alliance" not in form.content.decode()  # not theirs to report on

    assert _ask(secretariat, world).status_code == 302
    report = WorkReport.objects.get()
    assert (report.status, report.year, report.language) == (ReportStatus.QUEUED, YEAR, "zh-hans")
    assert report.requested_by is not None and report.requested_by.username == "secretary"

    _work()
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    assert report.generated_at is not None and report.content_hash
    listing = secretariat.get(reverse("admin:insight_workreport_changelist"))
    download_url = reverse("admin:insight_workreport_download", args=[report.pk])
    assert download_url in listing.content.decode()
    response = secretariat.get(download_url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="silk-work-report-{YEAR}-zh-hans.pdf"'
    )
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body.startswith(b"%PDF")


def test_identical_figures_reuse_the_generated_file(
    world: ReportWorld, secretariat: Client
) -> None:
    _ask(secretariat, world)
    _work()
    _ask(secretariat, world)
    _ask(secretariat, world, language="en")
    _work()
    first, again, english = WorkReport.objects.order_by("id")
    assert {first.status, again.status, english.status} == {ReportStatus.READY}
    assert again.file.name == first.file.name and again.content_hash == first.content_hash
    assert english.file.name != first.file.name


def test_others_are_refused(world: ReportWorld, secretariat: Client, make_user: Any) -> None:
    _ask(secretariat, world)
    _work()
    report = WorkReport.objects.get()
    download_url = reverse("admin:insight_workreport_download", args=[report.pk])

    visitor = Client()
    visitor.force_login(
        make_user("visitor", is_staff=False, institution=world.institutions["palace"])
    )
    assert visitor.get(download_url).status_code == 302  # to the admin's login
    assert visitor.get(reverse("admin:insight_workreport_changelist")).status_code == 302

    member_staff = Client()  # staff of a member, but not of the alliance's secretariat
    member_staff.force_login(make_user("curator", institution=world.institutions["hermitage"]))
    assert member_staff.get(download_url).status_code == 403
    assert member_staff.get(reverse("admin:insight_workreport_changelist")).status_code == 403
    assert _ask(member_staff, world).status_code == 403
    assert WorkReport.objects.count() == 1
