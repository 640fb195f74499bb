"""`caravan report`: the rotating convener's annual work report, written to a file."""

from __future__ import annotations

from pathlib import Path

import click

from caravan.cli.base import CliError, start_django

LANGUAGES = ("en", "zh-hans", "ru", "ar")


@click.command(name="report")
@click.option("--alliance", "alliance_code", required=True, help="The alliance's code.")
@click.option("--year", type=click.IntRange(1900, 9999), required=True, help="The calendar year.")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["html", "pdf"]),
    default="pdf",
    show_default=True,
    help="A print-ready A4 PDF, or a self-contained HTML page.",
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES, case_sensitive=False),
    default="en",
    show_default=True,
    help="The language the report is written in.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="The file to write.",
)
def report_command(
    alliance_code: str, year: int, file_format: str, language: str, output: Path
) -> None:
    """Write an alliance's work report for a year: members, meetings, agreements, exhibitions
    and loans, exchanges and trainings, catalogue growth and quality, with charts and the
    year's highlights. Rendered here and now (the admin queues the same report as a task)."""
    start_django()
    from caravan.insight.report import work_report_data, work_report_render
    from caravan.institutions.models import Alliance

    alliance = Alliance.objects.filter(code=alliance_code).first()
    if alliance is None:
        raise CliError(f"there is no alliance '{alliance_code}'")
    data = work_report_data(alliance=alliance, year=year)
    content = work_report_render(data, language=language.lower(), file_format=file_format)
    try:
        output.write_bytes(content)
    except OSError as error:
        raise CliError(f"cannot write {output}: {error.strerror}") from error
    click.echo(f"Wrote the {year} work report of {alliance_code} to {output}.", err=True)


def register(root: click.Group) -> None:
    root.add_command(report_command)
