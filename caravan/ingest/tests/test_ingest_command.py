"""`caravan ingest` end to end: counts as JSON, idempotence, exit status, the run's report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from caravan.catalogue.models import CatalogueObject
from caravan.cli.base import root
from caravan.ingest.models import HarvestRun, RunIssue, RunStatus

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIDO = FIXTURES / "three-objects.lido.xml"


def ingest(*arguments: str) -> Any:
    return CliRunner().invoke(root, ["ingest", *arguments, "--json", "--workers", "1"])


def test_ingest_prints_the_run_counts_as_one_json_object(make_institution: Any) -> None:
    make_institution("erebuni")
    result = ingest(str(LIDO), "--institution", "erebuni")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert {key: counts[key] for key in ("seen", "created", "rejected", "unchanged")} == {
        "seen": 3,
        "created": 2,
        "rejected": 1,
        "unchanged": 0,
    }
    assert set(counts) >= {"run", "updated", "withdrawn", "warned"}
    mirror = CatalogueObject.objects.get(local_id="ER-0001")
    assert mirror.titles == {"hy": "Բրոնզե հայելի", "en": "Bronze mirror"}
    assert (mirror.earliest_year, mirror.latest_year) == (-800, -701)
    assert mirror.date_display == {"en": "8th century BC"}
    assert mirror.rights == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert "<lido:lidoRecID" in mirror.raw_record
    rejected = RunIssue.objects.get(run_id=counts["run"], severity="error")
    assert rejected.identifier == "ER-0003"
    assert "title" in rejected.problem
    assert "ER-0003" in rejected.raw_record


def test_ingesting_identical_input_again_changes_nothing(make_institution: Any) -> None:
    make_institution("erebuni")
    ingest(str(LIDO), "--institution", "erebuni")
    stamps = dict(CatalogueObject.objects.values_list("local_id", "updated_at"))
    again = json.loads(ingest(str(LIDO), "--institution", "erebuni").output)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert dict(CatalogueObject.objects.values_list("local_id", "updated_at")) == stamps


def test_rejected_records_do_not_make_the_command_fail_but_unreadable_input_does(
    make_institution: Any, tmp_path: Path
) -> None:
    make_institution("erebuni")
    assert ingest(str(LIDO), "--institution", "erebuni").exit_code == 0
    missing = ingest(str(tmp_path / "nowhere.xml"), "--institution", "erebuni")
    assert missing.exit_code != 0
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"\x00\x01 this is not XML at all")
    unreadable = ingest(str(garbage), "--institution", "erebuni", "--format", "lido")
    assert unreadable.exit_code != 0
    failed = HarvestRun.objects.order_by("-pk").first()
    assert failed is not None and failed.status == RunStatus.FAILED


def test_the_run_report_is_exported_as_csv(make_institution: Any) -> None:
    make_institution("erebuni")
    run_id = json.loads(ingest(str(LIDO), "--institution", "erebuni").output)["run"]
    report = CliRunner().invoke(root, ["run-report", str(run_id)])
    lines = report.output.splitlines()
    assert lines[0] == "run,identifier,severity,problem"
    assert any(line.startswith(f"{run_id},ER-0003,error,") for line in lines[1:])


def test_runs_lists_the_runs_as_json(make_institution: Any) -> None:
    make_institution("erebuni")
    ingest(str(LIDO), "--institution", "erebuni")
    listed = json.loads(CliRunner().invoke(root, ["runs", "--json"]).output)
    assert listed[0]["created"] == 2 and listed[0]["status"] == "succeeded"


def test_a_url_is_downloaded_as_a_stream_and_private_addresses_need_the_setting(
    make_institution: Any, settings: Any
) -> None:
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    make_institution("erebuni")

    class Quiet(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/moved":  # a redirect is followed, its target checked again
                self.send_response(302)
                self.send_header("Location", f"/{LIDO.name}")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(FIXTURES)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/moved"
    try:
        refused = ingest(url, "--institution", "erebuni")
        assert refused.exit_code != 0
        assert "private address" in str(refused.exception)
        settings.CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES = True
        fetched = ingest(url, "--institution", "erebuni")
    finally:
        server.shutdown()
        server.server_close()
    assert fetched.exit_code == 0, fetched.output
    assert json.loads(fetched.output)["created"] == 2
