"""The query language readers type, read into clauses (no index or database involved).

    bronze mirror            both words (AND by default)
    "bronze mirror"          the phrase
    -rubbing                 without the word (also -"a phrase")
    mirror OR bell           either
    title:mirror             the word in one role: title, maker, place, type, material,
                             subject, description (also title:"a phrase")
    year:-1200..-1046        dated within reach of those years (BCE negative); year:1650,
                             year:..-221 and year:1900.. work too

Anything that does not parse as an operator is searched as words, so "Xi'an", "C-14" or an
unbalanced quote never fail a search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SCOPES = ("title", "maker", "place", "type", "material", "subject", "description")
_ITEM = re.compile(
    r"""(?P<neg>-)?
        (?:(?P<scope>[a-z]+):)?
        (?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))""",
    re.VERBOSE | re.IGNORECASE,
)
_YEARS = re.compile(r"(-?\d{1,6})?\.\.(-?\d{1,6})?|(-?\d{1,6})")


@dataclass(frozen=True)
class Clause:
    """Words (or one phrase) to find; `scope` narrows them to one role."""

    text: str
    scope: str | None = None
    phrase: bool = False


@dataclass
class ParsedQuery:
    # Each group is a list of alternatives (joined by OR); every group must match.
    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)
    years: tuple[int | None, int | None] | None = None

    @property
    def positive_clauses(self) -> list[Clause]:
        return [clause for group in self.groups for clause in group]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded and self.years is None


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    join_next = False
    for match in _ITEM.finditer(text):
        raw_word = match.group("word")
        if raw_word == "OR" and not match.group("neg") and not match.group("scope"):
            join_next = bool(parsed.groups)
            continue
        clause, negated = _clause(match, parsed)
        if clause is None:
            continue
        if negated:
            parsed.excluded.append(clause)
        elif join_next:
            parsed.groups[-1].append(clause)
        else:
            parsed.groups.append([clause])
        join_next = False
    return parsed


def _clause(match: re.Match[str], parsed: ParsedQuery) -> tuple[Clause | None, bool]:
    negated = bool(match.group("neg"))
    scope = (match.group("scope") or "").lower() or None
    phrase = match.group("phrase")
    text = phrase if phrase is not None else match.group("word") or ""
    if scope == "year" and not negated and phrase is None:
        years = _years(text)
        if years is not None:
            parsed.years = years
            return None, False
    if scope is not None and scope not in SCOPES:
        # Not an operator: "xi:an" or a URL is text like any other.
        text = f"{match.group('scope')}:{text}"
        scope = None
    if not text.strip():
        return None, False
    return Clause(text=text, scope=scope, phrase=phrase is not None), negated


def _years(text: str) -> tuple[int | None, int | None] | None:
    found = _YEARS.fullmatch(text)
    if found is None:
        return None
    if found.group(3) is not None:
        year = int(found.group(3))
        return (year, year)
    low = int(found.group(1)) if found.group(1) else None
    high = int(found.group(2)) if found.group(2) else None
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return (low, high)
