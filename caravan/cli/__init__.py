"""The `caravan` command: set up, load, serve and administer a Caravan platform.

Every command has --help; commands that print data take --json; bad input ends the command with
a one-line reason on standard error and a non-zero exit status.
"""

from __future__ import annotations

import os
import sys

import click

from caravan.cli.base import CliError, database_problem, root
from caravan.cli.catalogue import register as register_catalogue
from caravan.cli.index import register as register_index
from caravan.cli.ingest import register as register_ingest
from caravan.cli.institutions import register as register_institutions
from caravan.cli.platform import register as register_platform
from caravan.cli.report import register as register_report
from caravan.cli.search import register as register_search
from caravan.cli.tokens import register as register_tokens
from caravan.cli.vocab import register as register_vocab

register_platform(root)
register_institutions(root)
register_catalogue(root)
register_vocab(root)
register_ingest(root)
register_search(root)
register_index(root)
register_tokens(root)
register_report(root)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command, turning every expected failure into one line and an exit code."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    try:
        root.main(args=argv, prog_name="caravan", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("caravan: aborted", err=True)
        sys.exit(130)
    except click.UsageError as error:
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
        click.echo(f"caravan: {error.format_message()}{hint}", err=True)
        sys.exit(2)
    except CliError as error:
        click.echo(f"caravan: {error}", err=True)
        sys.exit(1)
    except Exception as error:
        explanation = database_problem(error)
        if explanation is None:
            raise
        click.echo(f"caravan: {explanation}", err=True)
        sys.exit(1)
