"""Commands that bring records in: ingest, source, harvest, remap, runs, run-report, worker."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from caravan.cli.base import CliError, echo_json, reported_as_cli_errors, start_django

json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that map records (default: CARAVAN_INGEST_WORKERS, else one per core).",
)
SHOWN_ISSUES = 10


@click.command(name="ingest")
@click.argument("location", metavar="PATH_OR_URL")
@click.option("--institution", "institution_code", required=True, help="Code of the institution.")
@click.option(
    "--format",
    "format_name",
    default=None,
    help="lido, edm, oai_dc, mods, csv, json, cit or caravan (guessed from the file when absent).",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="TOML mapping file, needed for csv and json (see docs/ingest-formats.md).",
)
@workers_option
@json_option
def ingest_command(
    location: str,
    institution_code: str,
    format_name: str | None,
    mapping: Path | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Import a file, a folder of files or a URL into an institution's catalogue.

    Records that cannot be stored are reported and the rest go on; the exit status is non-zero
    only when the input as a whole cannot be read.
    """
    start_django()
    from caravan.ingest.inputs import InputUnreadable
    from caravan.ingest.services import ingest
    from caravan.institutions.selectors import institution_by_code

    with reported_as_cli_errors():
        institution = institution_by_code(institution_code)
    mapping_text = mapping.read_text(encoding="utf-8") if mapping else ""
    with _progress(as_json, "Importing") as on_batch:
        try:
            run = ingest(
                location,
                institution=institution,
                format_name=format_name,
                mapping_text=mapping_text,
                on_batch=on_batch,
                workers=workers,
            )
        except (InputUnreadable, ValueError) as error:
            raise CliError(str(error)) from error
    _print_run(run, as_json)


@click.group()
def source() -> None:
    """Where an institution's records come from: OAI-PMH endpoints and files."""


@source.command(name="add")
@click.argument("code")
@click.option("--institution", "institution_code", required=True, help="Code of the institution.")
@click.option("--kind", type=click.Choice(["oai-pmh", "file"]), required=True)
@click.option("--format", "format_name", required=True, help="lido, edm, oai_dc, mods, csv, json…")
@click.option("--location", required=True, help="The OAI-PMH base URL, or a file or folder path.")
@click.option("--prefix", "metadata_prefix", default="", help="OAI-PMH metadataPrefix.")
@click.option("--set", "set_spec", default="", help="OAI-PMH set to harvest.")
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="TOML mapping file for csv and json sources.",
)
@click.option("--language", "default_language", default="und", help="Language of untagged text.")
@json_option
def source_add_command(
    code: str,
    institution_code: str,
    kind: str,
    format_name: str,
    location: str,
    metadata_prefix: str,
    set_spec: str,
    mapping: Path | None,
    default_language: str,
    as_json: bool,
) -> None:
    """Register a source of records for an institution."""
    start_django()
    from caravan.ingest.services import source_add
    from caravan.institutions.selectors import institution_by_code

    with reported_as_cli_errors():
        added = source_add(
            code=code,
            institution=institution_by_code(institution_code),
            kind=kind,
            format_name=format_name,
            location=location,
            metadata_prefix=metadata_prefix,
            set_spec=set_spec,
            mapping_text=mapping.read_text(encoding="utf-8") if mapping else "",
            default_language=default_language,
        )
    if as_json:
        echo_json(_source_as_dict(added))
    else:
        kind = f"{added.kind}, {added.format}"
        click.echo(f"Source {added.code} added for {added.institution.code} ({kind}).")


@source.command(name="list")
@json_option
def source_list_command(as_json: bool) -> None:
    """List the sources."""
    start_django()
    from caravan.ingest.selectors import source_list

    sources = [_source_as_dict(item) for item in source_list()]
    if as_json:
        echo_json(sources)
        return
    for item in sources:
        click.echo(
            f"{item['code']:<24} {item['institution']:<16} {item['kind']:<8} "
            f"{item['format']:<8} {item['location']}"
        )


def _source_as_dict(item: Any) -> dict[str, Any]:
    return {
        "code": item.code,
        "institution": item.institution.code,
        "kind": item.kind,
        "format": item.format,
        "location": item.location,
        "metadata_prefix": item.metadata_prefix,
        "set": item.set_spec,
        "harvested_until": item.harvested_until,
    }


@click.command(name="harvest")
@click.argument("source_code", metavar="SOURCE")
@click.option(
    "--full", is_flag=True, help="Harvest everything, not only what changed since last time."
)
@workers_option
@json_option
def harvest_command(source_code: str, full: bool, workers: int | None, as_json: bool) -> None:
    """Harvest a source: new and changed records, deletions, resuming an interrupted harvest."""
    start_django()
    from caravan.ingest.inputs import InputUnreadable
    from caravan.ingest.models import SourceKind
    from caravan.ingest.oai import HarvestError, harvest
    from caravan.ingest.safety import UnsafeInput
    from caravan.ingest.services import ingest

    found = _source(source_code)
    with _progress(as_json, "Harvesting") as on_batch:
        try:
            if found.kind == SourceKind.OAI_PMH:
                run = harvest(found, full=full, on_batch=on_batch, workers=workers)
            else:
                run = ingest(
                    found.location,
                    institution=found.institution,
                    format_name=found.format,
                    source=found,
                    on_batch=on_batch,
                    workers=workers,
                )
        except (HarvestError, InputUnreadable, UnsafeInput) as error:
            raise CliError(str(error)) from error
    _print_run(run, as_json)


@click.command(name="remap")
@click.argument("source_code", metavar="SOURCE")
@workers_option
@json_option
def remap_command(source_code: str, workers: int | None, as_json: bool) -> None:
    """Map a source's kept raw records again, after its mapping changed; no re-harvest."""
    start_django()
    from caravan.ingest.inputs import InputUnreadable
    from caravan.ingest.services import remap

    found = _source(source_code)
    with _progress(as_json, "Re-mapping") as on_batch:
        try:
            run = remap(found, on_batch=on_batch, workers=workers)
        except InputUnreadable as error:
            raise CliError(str(error)) from error
    _print_run(run, as_json)


@click.command(name="runs")
@click.option("--source", "source_code", default=None, help="Only this source's runs.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@json_option
def runs_command(source_code: str | None, limit: int, as_json: bool) -> None:
    """List recent ingest, harvest and re-map runs with their counts."""
    start_django()
    from caravan.ingest.selectors import run_list, run_summary

    runs = [run_summary(run) for run in run_list(source_code=source_code, limit=limit)]
    if as_json:
        echo_json(runs)
        return
    for item in runs:
        click.echo(
            f"#{item['run']:<5} {item['status']:<11} {item['kind']:<7} {item['institution']:<12} "
            f"seen {item['seen']}, created {item['created']}, updated {item['updated']}, "
            f"unchanged {item['unchanged']}, withdrawn {item['withdrawn']}, "
            f"rejected {item['rejected']}, warned {item['warned']}  {item['location']}"
        )


@click.command(name="run-report")
@click.argument("run_id", type=int, metavar="RUN")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def run_report_command(run_id: int, output: Path | None) -> None:
    """Write a run's per-record report (identifier, severity, problem) as CSV."""
    start_django()
    from caravan.ingest.models import HarvestRun
    from caravan.ingest.selectors import run_report_csv

    run = HarvestRun.objects.filter(pk=run_id).first()
    if run is None:
        raise CliError(f"there is no run {run_id}")
    if output is None:
        for chunk in run_report_csv(run):
            click.echo(chunk, nl=False)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        for chunk in run_report_csv(run):
            handle.write(chunk)
    click.echo(f"Report of run {run_id} written to {output}.")


@click.command(name="worker")
def worker_command() -> None:
    """Run background tasks (imports started from the admin) until stopped."""
    start_django()
    from django.core.management import call_command

    call_command("db_worker")


def _source(code: str) -> Any:
    from caravan.ingest.models import Source

    found = Source.objects.select_related("institution").filter(code=code).first()
    if found is None:
        raise CliError(f"there is no source '{code}' (see 'caravan source list')")
    return found


@contextmanager
def _progress(as_json: bool, label: str) -> Iterator[Callable[..., None] | None]:
    """A progress bar on a terminal; nothing when printing JSON or writing to a pipe."""
    if as_json or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=1, label=label, file=sys.stderr, show_pos=False) as bar:

        def advance(run: Any, report: Any) -> None:
            run.refresh_from_db(fields=["progress_done", "progress_total", "seen"])
            total = run.progress_total or 0
            if total:
                bar.length = total
                bar.update(max(0, min(run.progress_done, total) - bar.pos))
            bar.label = f"{label}: {run.seen:,} records"

        yield advance


def _print_run(run: Any, as_json: bool) -> None:
    from caravan.ingest.selectors import run_issues, run_summary

    summary = run_summary(run)
    if as_json:
        echo_json(
            {
                key: summary[key]
                for key in (
                    "run",
                    "seen",
                    "created",
                    "updated",
                    "unchanged",
                    "withdrawn",
                    "rejected",
                    "warned",
                    "status",
                )
            }
        )
        return
    click.echo(
        f"Run {run.pk} {run.status}: seen {run.seen}, created {run.created}, "
        f"updated {run.updated}, unchanged {run.unchanged}, withdrawn {run.withdrawn}, "
        f"rejected {run.rejected}, warned {run.warned}."
    )
    issues = list(run_issues(run)[:SHOWN_ISSUES])
    for issue in issues:
        click.echo(f"  {issue.severity}: {issue.identifier}: {issue.problem}")
    remaining = run.rejected + run.warned - len(issues)
    if remaining > 0:
        click.echo(f"  … the full report: caravan run-report {run.pk}")


def register(group: click.Group) -> None:
    for command in (
        ingest_command,
        source,
        harvest_command,
        remap_command,
        runs_command,
        run_report_command,
        worker_command,
    ):
        group.add_command(command)
