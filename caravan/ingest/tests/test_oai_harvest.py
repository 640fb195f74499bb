"""Harvesting a real OAI-PMH conversation over loopback: pages, resumption, deletes, retries."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to
from caravan.ingest.models import HarvestRun, RunStatus, SourceKind
from caravan.ingest.oai import HarvestError, OaiHarvester
from caravan.ingest.safety import UnsafeInput
from caravan.ingest.services import source_add
from caravan.ingest.tests.oai_server import OaiRecord, Repository, serve

pytestmark = pytest.mark.django_db

COUNTS = ("seen", "created", "updated", "unchanged", "withdrawn", "rejected", "warned")


def five_records() -> list[OaiRecord]:
    return [
        OaiRecord(f"oai:museum.example:{number}", f"2026-01-0{number}", f"Bronze mirror {number}")
        for number in range(1, 6)
    ]


def no_sleep(seconds: float) -> None:
    pass


@pytest.fixture
def oai_source(make_institution: Any, settings: Any) -> Any:
    settings.CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES = True
    institution = make_institution("erebuni")

    def make(url: str, code: str = "erebuni-oai") -> Any:
        return source_add(
            code=code,
            institution=institution,
            kind=SourceKind.OAI_PMH,
            format_name="lido",
            location=url,
            metadata_prefix="lido",
        )

    return make


def counts(run: HarvestRun) -> dict[str, int]:
    return {name: getattr(run, name) for name in COUNTS}


def test_a_harvest_follows_resumption_tokens_to_the_end(oai_source: Any) -> None:
    repository = Repository(five_records())
    with serve(repository) as url:
        run = OaiHarvester(oai_source(url), sleep=no_sleep).harvest(workers=1)
    assert run.status == RunStatus.SUCCEEDED
    # The records carry no rights statement: stored, each with a warning in the report.
    assert counts(run) == dict.fromkeys(COUNTS, 0) | {"seen": 5, "created": 5, "warned": 5}
    assert len(repository.requests) == 3
    assert repository.requests[1] == {"verb": "ListRecords", "resumptionToken": "|1"}
    titles = sorted(obj.titles["en"] for obj in CatalogueObject.objects.all())
    assert titles == [f"Bronze mirror {number}" for number in range(1, 6)]
    assert run.source.harvested_until == "2026-01-05"


def test_an_interrupted_harvest_resumes_with_the_counts_of_a_clean_run(oai_source: Any) -> None:
    with serve(Repository(five_records())) as url:
        clean = OaiHarvester(oai_source(url, "clean"), sleep=no_sleep).harvest(workers=1)
    CatalogueObject.objects.all().delete()

    # The third page fails more often than the harvester retries: the harvest stops there.
    repository = Repository(five_records(), failing_pages={2: 6})
    with serve(repository) as url:
        source = oai_source(url)
        with pytest.raises(HarvestError):
            OaiHarvester(source, sleep=no_sleep).harvest(workers=1)
        stopped = HarvestRun.objects.get(source=source)
        assert stopped.status == RunStatus.FAILED
        assert stopped.seen == 4
        assert stopped.resume_from == {"verb": "ListRecords", "resumptionToken": "|2"}

        resumed = OaiHarvester(source, sleep=no_sleep).harvest(workers=1)

    assert resumed.pk == stopped.pk
    assert resumed.status == RunStatus.SUCCEEDED
    assert counts(resumed) == counts(clean)
    assert CatalogueObject.objects.count() == 5
    # The resumed harvest asked for the failed page, not the first one again.
    asked_after_failure = repository.requests[-1]
    assert asked_after_failure == {"verb": "ListRecords", "resumptionToken": "|2"}


def test_a_503_is_retried_with_backoff(oai_source: Any) -> None:
    waits: list[float] = []
    repository = Repository(five_records(), failing_pages={1: 2})
    with serve(repository) as url:
        run = OaiHarvester(oai_source(url), sleep=waits.append).harvest(workers=1)
    assert run.status == RunStatus.SUCCEEDED and run.created == 5
    assert waits == [2.0, 4.0]


def test_an_incremental_harvest_withdraws_deleted_records_and_keeps_their_history(
    oai_source: Any,
) -> None:
    records = five_records()
    repository = Repository(records)
    with serve(repository) as url:
        source = oai_source(url)
        OaiHarvester(source, sleep=no_sleep).harvest(workers=1)
        records[1] = OaiRecord("oai:museum.example:2", "2026-02-01", deleted=True)
        records.append(OaiRecord("oai:museum.example:6", "2026-02-02", "Jade seal"))
        source.refresh_from_db()
        second = OaiHarvester(source, sleep=no_sleep).harvest(workers=1)

    assert {"verb": "ListRecords", "metadataPrefix": "lido", "from": "2026-01-05"} in (
        repository.requests
    )
    assert second.withdrawn == 1 and second.created == 1
    withdrawn = CatalogueObject.objects.get(source_identifier="oai:museum.example:2")
    assert withdrawn.withdrawn_at is not None
    assert "Bronze mirror 2" in withdrawn.raw_record
    public = objects_visible_to(AnonymousUser())
    assert not public.filter(pk=withdrawn.pk).exists()
    assert public.count() == 5


def test_a_harvest_again_of_identical_records_changes_nothing(oai_source: Any) -> None:
    with serve(Repository(five_records())) as url:
        source = oai_source(url)
        OaiHarvester(source, sleep=no_sleep).harvest(workers=1)
        again = OaiHarvester(source, sleep=no_sleep).harvest(full=True, workers=1)
    assert counts(again) == dict.fromkeys(COUNTS, 0) | {"seen": 5, "unchanged": 5, "warned": 5}


def test_loopback_endpoints_are_refused_unless_allowed(oai_source: Any, settings: Any) -> None:
    with serve(Repository(five_records())) as url:
        source = oai_source(url)
        settings.CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES = False
        with pytest.raises(UnsafeInput, match="loopback, link-local or private"):
            OaiHarvester(source, sleep=no_sleep).harvest(workers=1)
