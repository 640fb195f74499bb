"""Commands that set the platform up and run it: demo, migrate, load-demo, serve."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from caravan.cli.base import echo_json, start_django

if TYPE_CHECKING:
    from caravan.demo.services import DemoLoadReport

DEMO_PASSWORD_FILE = "demo-admin-password"  # noqa: S105 - a file name, not a password


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Set everything up, then stop without serving.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Set up a demo platform with real sample data and serve it (what `make demo` runs).

    Migrates the database, loads the bundled demo records, creates a demo administrator and
    serves on http://HOST:PORT. Safe to run again: nothing is duplicated or reset.
    """
    start_django()
    _migrate(verbosity=0)
    report = _load_demo(show_progress=sys.stderr.isatty())
    username, password = _demo_admin()
    _echo_demo_report(report)
    click.echo(
        f"Demo administrator: {username} / {password}  (admin at http://{host}:{port}/admin/)"
    )
    if not no_serve:
        _serve(host=host, port=port, workers=2, production=False)


@click.command()
def migrate() -> None:
    """Create or upgrade the database schema (SQLite by default, PostgreSQL by URL)."""
    start_django()
    _migrate(verbosity=1)


@click.command(name="load-demo")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def load_demo(as_json: bool) -> None:
    """Load the bundled demo data into the configured database without serving."""
    start_django()
    report = _load_demo(show_progress=sys.stderr.isatty() and not as_json)
    if as_json:
        echo_json(_demo_report_data(report))
        return
    _echo_demo_report(report)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (gunicorn).",
)
@click.option(
    "--production",
    is_flag=True,
    help="Production settings: HTTPS-only cookies, HSTS, trusted proxy headers.",
)
def serve(host: str, port: int, workers: int, production: bool) -> None:
    """Serve the platform with gunicorn (static files by WhiteNoise)."""
    start_django()
    _serve(host=host, port=port, workers=workers, production=production)


def _migrate(*, verbosity: int) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _load_demo(*, show_progress: bool) -> DemoLoadReport:
    from caravan.demo.services import demo_load, demo_record_count
    from caravan.insight.similar.services import subject_model_refresh
    from caravan.search.services import index_sync

    if not show_progress:
        report = demo_load()
    else:
        with click.progressbar(
            length=demo_record_count(), label="Loading demo records", file=sys.stderr
        ) as bar:
            report = demo_load(progress=bar.update)
    index_sync()  # builds the search index on first load, applies the changes on a reload
    # The related-objects model learns from the indexed records (a few seconds for the demo).
    subject_model_refresh()
    return report


def _echo_demo_report(report: DemoLoadReport) -> None:
    """Per source what its import did, then the totals; rejected records on standard error."""
    click.echo(
        f"Demo data: {report.institutions} institutions, {report.alliances} alliances, "
        f"{report.memberships_added} memberships added."
    )
    for code, counts in report.vocabularies.items():
        click.echo(f"  vocabulary {code}: {_counts(counts)}")
    for outcome in report.sources:
        where = f"  {outcome.code} ({outcome.institution}, {outcome.format})"
        if outcome.failure:
            click.echo(f"{where}: not loaded: {outcome.failure}")
            continue
        click.echo(f"{where}: {_counts(_run_counts(outcome.counts))}")
    click.echo(f"Objects: {_counts(_run_counts(report.objects))}.")
    changed = sum(report.access_changed.values())
    if changed:
        click.echo(f"Sample access rules applied: {_counts(report.access_changed)}.")
    for problem in report.rejected:
        click.echo(f"rejected: {problem}", err=True)


def _run_counts(counts: Mapping[str, int]) -> dict[str, int]:
    shown = ("created", "updated", "unchanged", "rejected", "warned")
    return {name: counts.get(name, 0) for name in shown}


def _demo_report_data(report: DemoLoadReport) -> dict[str, Any]:
    return {
        "institutions": report.institutions,
        "alliances": report.alliances,
        "memberships_added": report.memberships_added,
        "vocabularies": report.vocabularies,
        "sources": [
            {
                "code": outcome.code,
                "institution": outcome.institution,
                "format": outcome.format,
                "run": outcome.run_id,
                "failure": outcome.failure,
                **outcome.counts,
            }
            for outcome in report.sources
        ],
        "objects": report.objects,
        "access_changed": report.access_changed,
        "rejected": report.rejected,
    }


def _demo_admin() -> tuple[str, str]:
    """The demo administrator's credentials; the password is generated once and kept."""
    from django.conf import settings

    from caravan.demo.services import demo_admin_ensure

    password_file = Path(settings.CARAVAN_DATA_DIR) / DEMO_PASSWORD_FILE
    if password_file.exists():
        password = password_file.read_text(encoding="utf-8").strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password, encoding="utf-8")
        password_file.chmod(0o600)
    username, _ = demo_admin_ensure(password=password)
    return username, password


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{value} {key}" for key, value in counts.items())


def _serve(*, host: str, port: int, workers: int, production: bool) -> None:
    from django.core.management import call_command

    settings_module = (
        "config.settings.production"
        if production
        else os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.base")
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    click.echo(f"Serving Caravan on http://{host}:{port}/ (Ctrl-C stops)")
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
    ]
    if production:
        command += [
            "--forwarded-allow-ips",
            os.environ.get("CARAVAN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
    sys.stdout.flush()
    # The search index follows the catalogue's change log in its own process: one writer per
    # node however many web workers serve pages.
    follower = subprocess.Popen(
        [sys.executable, "-m", "caravan.cli", "index", "sync", "--follow"], env=os.environ.copy()
    )
    try:
        server = subprocess.Popen(command, env=os.environ.copy())  # noqa: S603
        signal.signal(signal.SIGTERM, _interrupt)  # a service manager stops both, like Ctrl-C
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
    finally:
        follower.terminate()
        follower.wait(timeout=10)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def register(group: click.Group) -> None:
    for command in (demo, migrate, load_demo, serve):
        group.add_command(command)
