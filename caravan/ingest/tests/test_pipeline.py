"""The pipeline's guarantees: batches are all-or-nothing, workers give the same result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue import bulk
from caravan.catalogue.models import CatalogueObject
from caravan.ingest import pipeline
from caravan.ingest.models import HarvestRun, RunStatus
from caravan.ingest.services import ingest

pytestmark = pytest.mark.django_db(transaction=True)

LIDO = Path(__file__).resolve().parent / "fixtures" / "three-objects.lido.xml"


def test_a_failure_mid_run_leaves_whole_batches_and_a_rerun_completes(
    make_institution: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    institution = make_institution("erebuni")
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    calls = {"count": 0}
    real_store = bulk.objects_store_batch

    def store_then_fail(**arguments: Any) -> Any:
        calls["count"] += 1
        if calls["count"] == 2:
            # Half of the second batch is written, then the database connection drops.
            real_store(**arguments)
            raise ConnectionError("the database went away")
        return real_store(**arguments)

    monkeypatch.setattr(pipeline, "objects_store_batch", store_then_fail)
    with pytest.raises(ConnectionError):
        ingest(str(LIDO), institution=institution, workers=1)
    failed = HarvestRun.objects.get()
    assert failed.status == RunStatus.FAILED
    # Only the first batch is there, and the counters say exactly that.
    assert list(CatalogueObject.objects.values_list("local_id", flat=True)) == ["ER-0001"]
    assert (failed.seen, failed.created) == (1, 1)

    monkeypatch.setattr(pipeline, "objects_store_batch", real_store)
    rerun = ingest(str(LIDO), institution=institution, workers=1)
    assert (rerun.created, rerun.unchanged, rerun.rejected) == (1, 1, 1)


def test_mapping_in_worker_processes_gives_the_same_objects(
    make_institution: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    inline = ingest(str(LIDO), institution=make_institution("inline"), workers=1)
    pooled = ingest(str(LIDO), institution=make_institution("pooled"), workers=2)
    assert (pooled.seen, pooled.created, pooled.rejected) == (
        inline.seen,
        inline.created,
        inline.rejected,
    )
    hashes = {
        code: sorted(
            CatalogueObject.objects.filter(institution__code=code).values_list(
                "local_id", "content_hash"
            )
        )
        for code in ("inline", "pooled")
    }
    assert hashes["inline"] == hashes["pooled"]
