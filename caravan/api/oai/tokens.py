"""Resumption tokens: the state of an incomplete list, signed, kept by the harvester.

Nothing is stored on the server. A token carries the verb's arguments, the last item id sent
(lists are ordered by id, so the next page starts after it and no item comes twice even when
records change during the harvest), how many items were sent before the next page, and when
the token was issued. It is signed with the site's secret key (django.core.signing), so a
harvester can neither forge nor alter one; a token older than its lifetime is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.core import signing

_SALT = "caravan.api.oai.resumption-token"


@dataclass(frozen=True)
class ListState:
    verb: str
    metadata_prefix: str
    set_spec: str | None
    from_date: str | None
    until_date: str | None
    after_id: int
    cursor: int
    issued: int  # seconds since the epoch, UTC

    def issued_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.issued, tz=dt.UTC)


class BadToken(ValueError):
    """A token that is garbled, altered, expired, or issued for another verb."""


def token_encode(state: ListState) -> str:
    return signing.dumps(asdict(state), salt=_SALT, compress=True)


def token_decode(token: str, *, verb: str, lifetime: dt.timedelta, now: dt.datetime) -> ListState:
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise BadToken("The resumptionToken is not one this repository issued.") from None
    state = _state(payload)
    if state.verb != verb:
        raise BadToken(f"The resumptionToken was issued for {state.verb}, not {verb}.")
    if now - state.issued_at() > lifetime:
        raise BadToken("The resumptionToken has expired; start the list again.")
    return state


def _state(payload: Any) -> ListState:
    """The signed payload as a ListState (a signature guards it, but trust nothing twice)."""
    try:
        state = ListState(**payload)
    except TypeError:
        raise BadToken("The resumptionToken does not hold a list's state.") from None
    numbers = (state.after_id, state.cursor, state.issued)
    if not all(isinstance(number, int) and number >= 0 for number in numbers):
        raise BadToken("The resumptionToken does not hold a list's state.")
    return state
