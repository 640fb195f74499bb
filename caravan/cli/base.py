"""What every CLI command shares: the root group, Django start-up, errors and JSON output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click


class CliError(Exception):
    """A failure to report as one line, e.g. 'country XX is not an ISO 3166-1 code'."""


def start_django() -> None:
    """Configure Django on first use, so that --help stays instant."""
    import django
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    if apps.ready:
        return
    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as error:  # e.g. a malformed CARAVAN_DATABASE_URL
        raise CliError(f"configuration error: {_first_line(error)}") from error


def database_problem(error: Exception) -> str | None:
    """A one-line explanation when a command failed on the database, else None."""
    from django.db import DatabaseError

    if not isinstance(error, DatabaseError):
        return None
    reason = _first_line(error)
    if "no such table" in reason or ("relation" in reason and "does not exist" in reason):
        return "the database has no Caravan tables yet: run 'caravan migrate' first"
    return f"database error: {reason}"


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@contextmanager
def reported_as_cli_errors() -> Iterator[None]:
    """Turn validation and lookup failures into CliError with a one-line message."""
    from django.core.exceptions import ObjectDoesNotExist, ValidationError

    try:
        yield
    except ValidationError as error:
        raise CliError(_one_line(error)) from error
    except ObjectDoesNotExist as error:
        raise CliError(str(error)) from error


def _one_line(error: Any) -> str:
    """The first (most specific) problem of each field, on one line."""
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {messages[0]}" if field != "__all__" else messages[0]
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="caravan")
def root() -> None:
    """Caravan: a shared, multilingual catalogue and workplace for an alliance of museums.

    Configuration comes from the environment: CARAVAN_DATA_DIR (default var/),
    CARAVAN_DATABASE_URL (default SQLite in the data directory), CARAVAN_SECRET_KEY
    (generated and kept in the data directory when absent). See docs/settings.md.
    """
