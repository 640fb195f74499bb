"""OAI identifiers: `oai:{repository id}:{institution code}:{local id}`.

The local identifier is the institution's own (an inventory number), percent-encoded so that
any character it holds (a slash, a colon, a space, Chinese) gives a valid URI and the
identifier reads back unambiguously. Only the canonical spelling resolves: an identifier is
exactly what the repository lists, never a variant of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

# The oai-identifier scheme's repositoryIdentifier: a domain name.
_REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")


@dataclass(frozen=True)
class ItemKey:
    institution_code: str
    local_id: str


def follows_identifier_scheme(repository_id: str) -> bool:
    """Whether a repository id fits the oai-identifier scheme (so Identify may describe it)."""
    return bool(_REPOSITORY_ID.fullmatch(repository_id))


def oai_identifier(repository_id: str, institution_code: str, local_id: str) -> str:
    return f"oai:{repository_id}:{institution_code}:{quote(local_id, safe='')}"


def parse_identifier(repository_id: str, identifier: str) -> ItemKey | None:
    """The institution and local identifier an OAI identifier names, or None if it is not one
    of this repository's identifiers in their canonical spelling."""
    prefix = f"oai:{repository_id}:"
    if not identifier.startswith(prefix):
        return None
    code, separator, encoded = identifier[len(prefix) :].partition(":")
    if not (code and separator and encoded):
        return None
    try:
        local_id = unquote(encoded, errors="strict")
    except UnicodeDecodeError:  # percent-escapes that are not UTF-8
        return None
    if quote(local_id, safe="") != encoded:
        return None
    return ItemKey(code, local_id)
