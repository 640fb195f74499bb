"""Commands that read the catalogue."""

from __future__ import annotations

import click

from caravan.cli.base import echo_json, start_django


@click.group()
def objects() -> None:
    """The pooled catalogue of objects."""


@objects.command(name="stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def objects_stats(as_json: bool) -> None:
    """Count objects per institution and per record language."""
    start_django()
    from caravan.catalogue.selectors import catalogue_statistics

    statistics = catalogue_statistics()
    if as_json:
        echo_json(statistics)
        return
    click.echo(f"{statistics['total']} objects")
    for code, count in statistics["by_institution"].items():
        click.echo(f"  {code:<24} {count:>6}")
    click.echo("Title languages:")
    for tag, count in statistics["by_title_language"].items():
        click.echo(f"  {tag:<24} {count:>6}")


def register(group: click.Group) -> None:
    group.add_command(objects)
