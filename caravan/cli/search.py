"""`caravan search`: the catalogue's search from the command line, as a reader would see it."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import click

from caravan.cli.base import CliError, echo_json, start_django
from caravan.search.types import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from caravan.search.types import Hit, SearchResult


@click.command(name="search")
@click.argument("query")
@click.option("--lang", default="en", show_default=True, help="Language of the titles shown.")
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_PAGE_SIZE),
    default=20,
    show_default=True,
    help="Most hits to print.",
)
@click.option(
    "--as-user",
    "username",
    metavar="USERNAME",
    help="Search as this user (members-only and private records they may see); "
    "anonymous, public records only, by default.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as one JSON object.")
def search_command(query: str, lang: str, limit: int, username: str | None, as_json: bool) -> None:
    """Search the catalogue for QUERY, in any language or script ("" lists everything).

    The query syntax is the search page's: "a phrase", -word, OR, and title:, maker:, place:,
    type:, material: or year:-1200..-1046.
    """
    start_django()
    from caravan.core.langmap import LanguageMapError, normalize_tag
    from caravan.search.params import ParamError, request_from_params
    from caravan.search.selectors import search

    try:
        params = {"q": [query], "lang": [normalize_tag(lang)], "page_size": [str(limit)]}
        wanted = request_from_params(params)
    except (LanguageMapError, ParamError) as error:
        raise CliError(str(error)) from error
    result = search(wanted, user=_reader(username))
    if as_json:
        echo_json(search_as_json(result))
    else:
        _print_hits(result)


def search_as_json(result: SearchResult) -> dict[str, Any]:
    """The JSON the command prints: the count and each hit with why it matched."""
    return {
        "count": result.count,
        "results": [
            {
                "id": hit.object_id,
                "institution": hit.institution_code,
                "local_identifier": hit.local_identifier,
                "title": hit.title,
                "matched": [asdict(match) for match in hit.matched],
            }
            for hit in result.hits
        ],
    }


def _reader(username: str | None) -> Any:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    if not username:
        return AnonymousUser()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CliError(f"no active user named {username!r}")
    return user


def _print_hits(result: SearchResult) -> None:
    for hit in result.hits:
        click.echo(_hit_line(hit))
    if result.notice:
        click.echo(f"note: {result.notice}")
    shown = len(result.hits)
    noun = "object" if result.count == 1 else "objects"
    more = f" (showing {shown})" if shown < result.count else ""
    click.echo(f"{result.count} {noun}{more}")
    if not result.count and result.suggestion:
        click.echo(f"did you mean: {result.suggestion}")


def _hit_line(hit: Hit) -> str:
    columns = [hit.institution_code, hit.local_identifier, hit.title]
    via = [match.label for match in hit.matched if match.kind in ("concept", "period")]
    if via:
        columns.append("via " + " / ".join(via))
    return "\t".join(column.replace("\t", " ").replace("\n", " ") for column in columns)


def register(group: click.Group) -> None:
    group.add_command(search_command)
