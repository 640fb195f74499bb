"""An import started from the admin runs as a background task, with its progress on the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import HarvestRun, RunStatus
from caravan.search.index import IndexState, current_generation
from caravan.search.models import IndexChange

pytestmark = pytest.mark.django_db(transaction=True)

LIDO = Path(__file__).resolve().parent / "fixtures" / "three-objects.lido.xml"


@pytest.fixture
def registrar_client(make_institution: Any, make_user: Any) -> tuple[Client, Any]:
    institution = make_institution("erebuni")
    client = Client()
    client.force_login(make_user("registrar", institution=institution))
    return client, institution


def test_an_admin_import_is_queued_then_run_by_the_worker(
    registrar_client: tuple[Client, Any], settings: Any
) -> None:
    settings.CARAVAN_INGEST_WORKERS = 1
    client, institution = registrar_client
    upload = SimpleUploadedFile("erebuni.lido.xml", LIDO.read_bytes(), "text/xml")
    response = client.post(
        reverse("admin:ingest_harvestrun_import"),
        {"institution": institution.pk, "upload": upload, "format": ""},
    )
    assert response.status_code == 302
    run = HarvestRun.objects.get()
    assert run.status == RunStatus.QUEUED
    assert not CatalogueObject.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay")

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert (run.seen, run.created, run.rejected) == (3, 2, 1)
    # The import queued the search index's sync, which the same worker ran.
    generation = current_generation()
    assert generation is not None
    assert IndexState.read(generation).position == IndexChange.objects.latest("id").pk
    assert run.progress_done == run.progress_total == LIDO.stat().st_size
    page = client.get(reverse("admin:ingest_harvestrun_change", args=[run.pk]))
    assert page.status_code == 200
    assert "ER-0003" in page.content.decode()
    lines = client.get(reverse("admin:ingest_runissue_changelist") + f"?run__id__exact={run.pk}")
    assert lines.status_code == 200 and "ER-0003" in lines.content.decode()
    report = client.get(reverse("admin:ingest_harvestrun_report", args=[run.pk]))
    assert b"ER-0003,error," in b"".join(report.streaming_content)  # type: ignore[attr-defined]


def test_staff_of_another_institution_cannot_see_the_run(
    registrar_client: tuple[Client, Any], make_institution: Any, make_user: Any
) -> None:
    _, institution = registrar_client
    run = HarvestRun.objects.create(
        institution=institution, kind="ingest", format="lido", location="x"
    )
    other = Client()
    other.force_login(make_user("outsider", institution=make_institution("tate")))
    response = other.get(reverse("admin:ingest_harvestrun_change", args=[run.pk]))
    assert response.status_code in (302, 403, 404)
    assert other.get(reverse("admin:ingest_harvestrun_report", args=[run.pk])).status_code == 404
