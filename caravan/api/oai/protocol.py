"""The OAI-PMH 2.0 request: its verbs, their arguments, dates, and the protocol's errors.

`parse_request` accepts a request or raises `OaiErrors` naming every problem it found
(badVerb alone when the verb is missing, unknown or repeated, since without a verb nothing else
can be judged). Dates are read at either granularity the repository declares; `from` and
`until` are inclusive, so `until` becomes an exclusive bound one day or one second later.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
RESUMPTION_TOKEN = "resumptionToken"  # noqa: S105 - an argument name, not a secret


class ErrorCode(enum.StrEnum):
    BAD_ARGUMENT = "badArgument"
    BAD_RESUMPTION_TOKEN = "badResumptionToken"  # noqa: S105 - an error code
    BAD_VERB = "badVerb"
    CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
    ID_DOES_NOT_EXIST = "idDoesNotExist"
    NO_RECORDS_MATCH = "noRecordsMatch"
    NO_METADATA_FORMATS = "noMetadataFormats"
    NO_SET_HIERARCHY = "noSetHierarchy"


# With these, the request element of the response must not echo the request's arguments.
UNECHOED = frozenset({ErrorCode.BAD_VERB, ErrorCode.BAD_ARGUMENT})


@dataclass(frozen=True)
class OaiError:
    code: ErrorCode
    message: str


class OaiErrors(Exception):
    """One or more protocol errors: the response is these, instead of the verb's answer."""

    def __init__(self, *errors: OaiError) -> None:
        super().__init__("; ".join(f"{error.code}: {error.message}" for error in errors))
        self.errors = errors

    @classmethod
    def one(cls, code: ErrorCode, message: str) -> OaiErrors:
        return cls(OaiError(code, message))


@dataclass(frozen=True)
class VerbArguments:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    # An argument that, when given, must be the only one besides the verb.
    exclusive: str | None = None


_LISTS = VerbArguments(
    required=frozenset({"metadataPrefix"}),
    optional=frozenset({"from", "until", "set"}),
    exclusive=RESUMPTION_TOKEN,
)
VERBS: Mapping[str, VerbArguments] = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=frozenset({"identifier"})),
    "ListSets": VerbArguments(exclusive=RESUMPTION_TOKEN),
    "GetRecord": VerbArguments(required=frozenset({"identifier", "metadataPrefix"})),
    "ListIdentifiers": _LISTS,
    "ListRecords": _LISTS,
}


@dataclass(frozen=True)
class OaiRequest:
    verb: str
    arguments: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def parse_request(parameters: Mapping[str, Sequence[str]]) -> OaiRequest:
    """The request, if its verb and arguments are what the protocol allows."""
    verbs = parameters.get("verb", [])
    if not verbs:
        raise OaiErrors.one(ErrorCode.BAD_VERB, "The request has no verb.")
    if len(verbs) > 1:
        raise OaiErrors.one(ErrorCode.BAD_VERB, "The verb is given more than once.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiErrors.one(ErrorCode.BAD_VERB, f"'{verb}' is not an OAI-PMH verb.")
    arguments = {name: values for name, values in parameters.items() if name != "verb"}
    errors = _argument_errors(VERBS[verb], arguments)
    if errors:
        raise OaiErrors(*errors)
    return OaiRequest(verb, {name: values[0] for name, values in arguments.items()})


def _argument_errors(
    allowed: VerbArguments, arguments: Mapping[str, Sequence[str]]
) -> list[OaiError]:
    errors: list[OaiError] = []
    known = allowed.required | allowed.optional | ({allowed.exclusive} - {None})
    for name, values in arguments.items():
        if name not in known:
            errors.append(_bad(f"'{name}' is not an argument of this verb."))
        elif len(values) > 1:
            errors.append(_bad(f"'{name}' is given more than once."))
        elif not values[0]:
            errors.append(_bad(f"'{name}' is empty."))
    if allowed.exclusive and allowed.exclusive in arguments:
        others = sorted(set(arguments) - {allowed.exclusive})
        if others:
            errors.append(_bad(f"{allowed.exclusive} cannot be combined with {', '.join(others)}."))
        return errors
    for name in sorted(allowed.required - set(arguments)):
        errors.append(_bad(f"The required argument '{name}' is missing."))
    return errors


def _bad(message: str) -> OaiError:
    return OaiError(ErrorCode.BAD_ARGUMENT, message)


# --- Dates ------------------------------------------------------------------------------------

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@dataclass(frozen=True)
class UtcDate:
    """A `from` or `until` value: the moment it names and whether it names a whole day."""

    moment: dt.datetime
    whole_day: bool

    @property
    def end(self) -> dt.datetime:
        """The first moment after the day or second named (until is inclusive)."""
        return self.moment + (dt.timedelta(days=1) if self.whole_day else dt.timedelta(seconds=1))


def parse_utc(name: str, text: str) -> UtcDate:
    """A UTCdatetime at day or second granularity; anything else is a badArgument."""
    if _DAY.fullmatch(text):
        shape, whole_day = "%Y-%m-%d", True
    elif _SECOND.fullmatch(text):
        shape, whole_day = "%Y-%m-%dT%H:%M:%SZ", False
    else:
        raise OaiErrors.one(
            ErrorCode.BAD_ARGUMENT,
            f"'{name}' must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC), not '{text}'.",
        )
    try:
        moment = dt.datetime.strptime(text, shape).replace(tzinfo=dt.UTC)
    except ValueError:
        raise OaiErrors.one(
            ErrorCode.BAD_ARGUMENT, f"'{name}' is not a real date: '{text}'."
        ) from None
    return UtcDate(moment, whole_day)


@dataclass(frozen=True)
class DateRange:
    """Inclusive from and until as [since, before) for a query; either may be open."""

    since: dt.datetime | None = None
    before: dt.datetime | None = None


def parse_range(from_text: str | None, until_text: str | None) -> DateRange:
    """from and until checked together: same granularity, and from not after until."""
    start = parse_utc("from", from_text) if from_text else None
    stop = parse_utc("until", until_text) if until_text else None
    if start and stop:
        if start.whole_day != stop.whole_day:
            raise OaiErrors.one(
                ErrorCode.BAD_ARGUMENT, "'from' and 'until' must have the same granularity."
            )
        if start.moment > stop.moment:
            raise OaiErrors.one(ErrorCode.BAD_ARGUMENT, "'from' is later than 'until'.")
    return DateRange(since=start.moment if start else None, before=stop.end if stop else None)


def datestamp(moment: dt.datetime) -> str:
    """A datestamp at the repository's granularity: UTC, whole seconds."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# setSpec syntax from the protocol's schema: unreserved URI characters, colon-separated.
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")


def check_set_spec(text: str) -> str:
    if not _SET_SPEC.fullmatch(text):
        raise OaiErrors.one(ErrorCode.BAD_ARGUMENT, f"'{text}' is not a valid setSpec.")
    return text
