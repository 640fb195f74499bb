"""Schemathesis generates requests from the committed OpenAPI contract and runs them against a
live server holding real records: no answer may be a server error, and every answer must match
the contract (status code, content type, body schema)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from caravan.api.services import token_create

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)


@pytest.mark.timeout(900)  # some hundreds of requests; PostgreSQL on a busy machine is slower
@pytest.mark.django_db(transaction=True)
def test_the_api_keeps_its_contract_under_generated_requests(
    live_server: Any, alliance_world: dict[str, Any], make_user: Any, tmp_path: Path
) -> None:
    from caravan.ingest.vocab.services import starter_vocabulary_ensure

    starter_vocabulary_ensure()
    registrar = make_user("registrar", institution=alliance_world["palace"])
    _, secret = token_create(user=registrar, name="schemathesis")
    report = tmp_path / "report.json"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(SNAPSHOT),
        "--url",
        live_server.url,
        "--checks",
        CHECKS,
        "--max-examples",
        "10",
        "--workers",
        "2",
        "--seed",
        "7",
        "--header",
        f"Authorization: Bearer {secret}",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
        "--no-color",
    ]
    finished = subprocess.run(  # noqa: S603 - our own tool and arguments
        command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    print(finished.stdout[-1500:])  # the summary: operations, phases, cases
    assert finished.returncode == 0, finished.stdout[-6000:] + finished.stderr[-2000:]
    events = [json.loads(line) for line in report.read_text().splitlines() if line.strip()]
    assert len(events) > 10  # it did run the operations
