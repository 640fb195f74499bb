"""Commands for the search index: rebuild it, keep it current, prune the change log."""

from __future__ import annotations

import signal
import sys
from typing import Any

import click

from caravan.cli.base import CliError, echo_json, start_django


@click.command(name="reindex")
@click.option("--workers", type=int, help="Processes analysing text (default: one per CPU).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def reindex_command(workers: int | None, as_json: bool) -> None:
    """Rebuild the search index from the catalogue; search goes on from the old one meanwhile."""
    start_django()
    from caravan.search.services import index_rebuild

    if as_json or not sys.stderr.isatty():
        report = index_rebuild(workers=workers)
    else:
        with click.progressbar(length=1, label="Indexing", file=sys.stderr) as bar:

            def advance(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            report = index_rebuild(progress=advance, workers=workers)
    figures = {
        "documents": report.documents,
        "seconds": round(report.seconds, 2),
        "index": str(report.generation),
    }
    if as_json:
        echo_json(figures)
    else:
        click.echo(f"Indexed {report.documents:,} objects in {report.seconds:.1f} s.")


@click.group(name="index")
def index_group() -> None:
    """The search index: follow the change log, show how current it is, prune the log."""


@index_group.command(name="sync")
@click.option("--follow", is_flag=True, help="Keep following the change log until stopped.")
@click.option(
    "--interval", type=float, default=1.0, show_default=True, help="Seconds between polls."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def sync_command(follow: bool, interval: float, as_json: bool) -> None:
    """Apply the catalogue's pending changes to this node's search index."""
    start_django()
    from caravan.search.services import IndexBusy, index_follow, index_sync

    if follow:
        stopping = _stop_flag()
        click.echo("Following the catalogue's change log (Ctrl-C stops).", err=True)
        index_follow(interval=interval, stop=lambda: stopping["stop"])
        return
    try:
        report = index_sync()
    except IndexBusy as busy:
        raise CliError(f"another process is writing the search index ({busy})") from busy
    figures = {"applied": report.applied, "position": report.position, "rebuilt": report.rebuilt}
    if as_json:
        echo_json(figures)
    else:
        click.echo(
            f"Applied {report.applied:,} changes; the index has read the change log up to "
            f"{report.position}{' (rebuilt)' if report.rebuilt else ''}."
        )


@index_group.command(name="status")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def status_command(as_json: bool) -> None:
    """How current this node's index is: its position, pending changes and documents."""
    start_django()
    from caravan.search.selectors import index_status

    status = index_status()
    if as_json:
        echo_json(status)
    else:
        for key, value in status.items():
            click.echo(f"{key}: {value}")


@index_group.command(name="prune")
@click.option("--days", type=int, default=7, show_default=True, help="Keep this many days.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def prune_command(days: int, as_json: bool) -> None:
    """Delete old change-log rows; a node that had not read them rebuilds its index."""
    start_django()
    from datetime import timedelta

    from caravan.search.services import changes_prune

    deleted = changes_prune(older_than=timedelta(days=days))
    if as_json:
        echo_json({"deleted": deleted})
    else:
        click.echo(f"Deleted {deleted:,} change-log rows older than {days} days.")


def _stop_flag() -> dict[str, bool]:
    flag = {"stop": False}

    def stop(*_: Any) -> None:
        flag["stop"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return flag


def register(group: click.Group) -> None:
    group.add_command(reindex_command)
    group.add_command(index_group)
