"""Commands for controlled vocabularies: import SKOS or CIT files, list the schemes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from caravan.cli.base import CliError, echo_json, start_django

if TYPE_CHECKING:
    from caravan.ingest.vocab import Vocabulary

FORMATS_BY_EXTENSION = {
    ".ttl": "skos",
    ".nt": "skos",
    ".rdf": "skos",
    ".xml": "skos",
    ".owl": "skos",
    ".dmp": "cit",
}
PROBLEMS_SHOWN = 10


@click.group()
def vocab() -> None:
    """Controlled vocabularies: SKOS concept schemes and the CIT thesaurus."""


@vocab.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["skos", "cit"]),
    help="skos (Turtle or RDF/XML) or cit (.dmp); guessed from the extension when left out.",
)
@click.option("--scheme", "code", help="Scheme code to store it under (default: from the file).")
@click.option("--scheme-uri", help="Which scheme to read from a SKOS file that holds several.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def vocab_import(
    file: Path, file_format: str | None, code: str | None, scheme_uri: str | None, as_json: bool
) -> None:
    """Import a vocabulary file; importing the same file again changes nothing."""
    vocabulary = _read(file, file_format or _guessed_format(file), code, scheme_uri)
    start_django()
    from caravan.ingest.vocab.services import vocabulary_import

    counts = vocabulary_import(vocabulary=vocabulary)
    summary = {
        "scheme": vocabulary.code,
        "concepts": len(vocabulary.concepts),
        **counts.as_dict(),
        "problems": list(vocabulary.problems),
    }
    if as_json:
        echo_json(summary)
        return
    click.echo(
        f"{vocabulary.code}: {len(vocabulary.concepts)} concepts, {counts.created} created, "
        f"{counts.updated} updated, {counts.unchanged} unchanged"
    )
    for problem in vocabulary.problems[:PROBLEMS_SHOWN]:
        click.echo(f"  skipped: {problem}", err=True)
    if len(vocabulary.problems) > PROBLEMS_SHOWN:
        click.echo(f"  … and {len(vocabulary.problems) - PROBLEMS_SHOWN} more", err=True)


def _guessed_format(file: Path) -> str:
    try:
        return FORMATS_BY_EXTENSION[file.suffix.lower()]
    except KeyError:
        raise CliError(
            f"cannot tell the format of '{file.name}' from its extension: give --format"
        ) from None


def _read(file: Path, file_format: str, code: str | None, scheme_uri: str | None) -> Vocabulary:
    from caravan.ingest.vocab import VocabularyError
    from caravan.ingest.vocab.cit import CIT_SCHEME_CODE, read_cit_file
    from caravan.ingest.vocab.skos import read_skos_file, scheme_code_slug

    try:
        if file_format == "cit":
            return read_cit_file(file, code=scheme_code_slug(code or CIT_SCHEME_CODE))
        return read_skos_file(file, code=code, scheme_uri=scheme_uri)
    except (VocabularyError, UnicodeDecodeError, OSError) as error:
        raise CliError(f"{file.name}: {error}") from error


@vocab.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the schemes as JSON.")
def vocab_list(as_json: bool) -> None:
    """List the concept schemes with their number of concepts."""
    start_django()
    from caravan.ingest.vocab.selectors import concept_schemes_with_counts

    schemes = concept_schemes_with_counts()
    if as_json:
        echo_json(schemes)
        return
    if not schemes:
        click.echo("no vocabularies yet: import one with 'caravan vocab import FILE'")
    for scheme in schemes:
        click.echo(f"{scheme['code']:<24} {scheme['concepts']:>7}  {scheme['uri']}".rstrip())


def register(group: click.Group) -> None:
    group.add_command(vocab)
