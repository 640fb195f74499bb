"""The protocol's rules on their own: arguments, dates, identifiers, tokens, legal XML text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from lxml import etree

from caravan.api.oai.elements import legal, text_child
from caravan.api.oai.formats.common import year_span, year_text
from caravan.api.oai.identifiers import (
    ItemKey,
    follows_identifier_scheme,
    oai_identifier,
    parse_identifier,
)
from caravan.api.oai.protocol import ErrorCode, OaiErrors, parse_range, parse_request
from caravan.api.oai.tokens import BadToken, ListState, token_decode, token_encode

UTC = dt.UTC


def problems(parameters: dict[str, list[str]]) -> list[tuple[str, str]]:
    with pytest.raises(OaiErrors) as raised:
        parse_request(parameters)
    return [(error.code, error.message) for error in raised.value.errors]


def codes(parameters: dict[str, list[str]]) -> list[str]:
    return [code for code, _ in problems(parameters)]


def test_a_valid_request_keeps_its_arguments() -> None:
    request = parse_request({"verb": ["ListRecords"], "metadataPrefix": ["lido"], "set": ["a"]})
    assert request.verb == "ListRecords"
    assert request.arguments == {"metadataPrefix": "lido", "set": "a"}


@pytest.mark.parametrize(
    "parameters",
    [{}, {"verb": ["Identify", "Identify"]}, {"verb": ["ListThings"]}, {"verb": [""]}],
    ids=["missing", "repeated", "unknown", "empty"],
)
def test_bad_verbs(parameters: dict[str, list[str]]) -> None:
    assert codes(parameters) == [ErrorCode.BAD_VERB]


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"verb": ["Identify"], "set": ["x"]}, "'set' is not an argument of this verb."),
        (
            {"verb": ["GetRecord"], "identifier": ["a", "b"], "metadataPrefix": ["oai_dc"]},
            "'identifier' is given more than once.",
        ),
        (
            {"verb": ["GetRecord"], "metadataPrefix": ["oai_dc"]},
            "argument 'identifier' is missing.",
        ),
        ({"verb": ["ListRecords"]}, "argument 'metadataPrefix' is missing."),
        ({"verb": ["ListRecords"], "metadataPrefix": [""]}, "'metadataPrefix' is empty."),
        (
            {"verb": ["ListRecords"], "resumptionToken": ["t"], "metadataPrefix": ["lido"]},
            "resumptionToken cannot be combined with metadataPrefix.",
        ),
        ({"verb": ["ListMetadataFormats"], "metadataPrefix": ["lido"]}, "not an argument"),
    ],
)
def test_bad_arguments(parameters: dict[str, list[str]], expected: str) -> None:
    found = problems(parameters)
    assert {code for code, _ in found} == {ErrorCode.BAD_ARGUMENT}
    assert any(expected in message for _, message in found), found


def test_every_argument_problem_is_reported_at_once() -> None:
    found = codes({"verb": ["GetRecord"], "colour": ["red"], "metadataPrefix": ["a", "b"]})
    assert found == [ErrorCode.BAD_ARGUMENT] * 3  # unknown, repeated, identifier missing


@pytest.mark.parametrize(
    ("start", "stop", "since", "before"),
    [
        ("2024-03-01", None, dt.datetime(2024, 3, 1, tzinfo=UTC), None),
        (None, "2024-03-01", None, dt.datetime(2024, 3, 2, tzinfo=UTC)),
        (
            "2024-03-01T10:00:00Z",
            "2024-03-01T10:00:00Z",
            dt.datetime(2024, 3, 1, 10, tzinfo=UTC),
            dt.datetime(2024, 3, 1, 10, 0, 1, tzinfo=UTC),
        ),
    ],
)
def test_from_and_until_are_inclusive_at_either_granularity(
    start: str | None, stop: str | None, since: dt.datetime | None, before: dt.datetime | None
) -> None:
    dates = parse_range(start, stop)
    assert (dates.since, dates.before) == (since, before)


@pytest.mark.parametrize(
    ("start", "stop", "reason"),
    [
        ("2024-3-1", None, "must be YYYY-MM-DD"),
        ("2024-02-30", None, "not a real date"),
        ("2024-03-01T10:00Z", None, "must be YYYY-MM-DD"),
        ("2024-03-01T10:00:00.5Z", None, "must be YYYY-MM-DD"),
        ("2024-03-01T10:00:00+01:00", None, "must be YYYY-MM-DD"),
        (None, "yesterday", "must be YYYY-MM-DD"),
        ("2024-03-01", "2024-03-02T00:00:00Z", "same granularity"),
        ("2024-03-02", "2024-03-01", "later than"),
        ("2024-03-01T10:00:01Z", "2024-03-01T10:00:00Z", "later than"),
    ],
)
def test_bad_dates_are_bad_arguments(start: str | None, stop: str | None, reason: str) -> None:
    with pytest.raises(OaiErrors) as raised:
        parse_range(start, stop)
    (error,) = raised.value.errors
    assert error.code == ErrorCode.BAD_ARGUMENT and reason in error.message


@pytest.mark.parametrize(
    "local_id", ["GU 1985.12/3", "Ms 10:45", "ГЭ-5621", "銅鏡-01", "100%", "a+b&c=d?e#f", "~x_y.z-"]
)
def test_identifiers_read_back_to_the_institution_and_local_id(local_id: str) -> None:
    identifier = oai_identifier("caravan.example.org", "palace", local_id)
    assert identifier.startswith("oai:caravan.example.org:palace:")
    assert " " not in identifier and identifier.isascii()
    assert parse_identifier("caravan.example.org", identifier) == ItemKey("palace", local_id)


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:caravan.example.org:palace:GU 1985.12/3",  # not percent-encoded
        "oai:caravan.example.org:palace:GU%201985.12/3",  # half encoded
        "oai:caravan.example.org:palace:gu%2f3",  # lower-case escape: not the canonical spelling
        "oai:caravan.example.org:palace:%FF",  # not UTF-8
        "oai:caravan.example.org:palace:",
        "oai:caravan.example.org:palace",
        "oai:other.example.org:palace:GU-1",
        "palace:GU-1",
    ],
)
def test_only_canonical_identifiers_of_this_repository_resolve(identifier: str) -> None:
    assert parse_identifier("caravan.example.org", identifier) is None


def test_repository_ids_follow_the_oai_identifier_scheme_when_they_are_domain_names() -> None:
    assert follows_identifier_scheme("caravan.example.org")
    assert not follows_identifier_scheme("caravan")
    assert not follows_identifier_scheme("1caravan.org")


NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
LIFETIME = dt.timedelta(hours=1)


def state(**changes: object) -> ListState:
    values: dict[str, object] = {
        "verb": "ListRecords",
        "metadata_prefix": "lido",
        "set_spec": "alliance:silk",
        "from_date": "2026-01-01",
        "until_date": None,
        "after_id": 42,
        "cursor": 3,
        "issued": int(NOW.timestamp()),
    }
    values.update(changes)
    return ListState(**values)  # type: ignore[arg-type]


def test_a_token_carries_the_list_state_signed() -> None:
    token = token_encode(state())
    assert token_decode(token, verb="ListRecords", lifetime=LIFETIME, now=NOW) == state()


@pytest.mark.parametrize(
    ("token", "verb", "now", "reason"),
    [
        ("garbled", "ListRecords", NOW, "not one this repository issued"),
        (token_encode(state())[:-2] + "xx", "ListRecords", NOW, "not one"),
        (token_encode(state()).replace(":", ";", 1), "ListRecords", NOW, "not one"),
        (
            signing.dumps({"verb": "ListRecords"}, salt="another purpose"),
            "ListRecords",
            NOW,
            "not one",
        ),
        (token_encode(state()), "ListIdentifiers", NOW, "issued for ListRecords"),
        (token_encode(state()), "ListRecords", NOW + LIFETIME + dt.timedelta(seconds=1), "expired"),
    ],
    ids=["garbled", "tampered-signature", "tampered-payload", "other-salt", "verb", "expired"],
)
def test_bad_tokens_are_refused(token: str, verb: str, now: dt.datetime, reason: str) -> None:
    with pytest.raises(BadToken, match=reason):
        token_decode(token, verb=verb, lifetime=LIFETIME, now=now)


def test_a_token_is_still_good_at_the_end_of_its_lifetime() -> None:
    token = token_encode(state())
    assert token_decode(token, verb="ListRecords", lifetime=LIFETIME, now=NOW + LIFETIME)


def test_a_signed_payload_that_is_not_a_list_state_is_refused(settings: object) -> None:
    forged = signing.dumps({"verb": "ListRecords"}, salt="caravan.api.oai.resumption-token")
    with pytest.raises(BadToken, match="does not hold"):
        token_decode(forged, verb="ListRecords", lifetime=LIFETIME, now=NOW)


def test_text_loses_only_the_characters_xml_cannot_carry() -> None:
    assert legal("a\x00b\x01c\x08d\x0be\x0cf\x1bg\ufffeh\uffffi\ud800j") == "abcdefghij"
    kept = "tab\there\nnew\r line 銅鏡 مأرب Ավետարան 𠀀 \u200f"
    assert legal(kept) == kept
    parent = etree.Element("p")
    text_child(parent, "t", "Seal\x0b with\x01 controls", "en")
    assert etree.tostring(parent) == b'<p><t xml:lang="en">Seal with controls</t></p>'


@pytest.mark.parametrize(
    ("year", "text"),
    [(-206, "-0206"), (-1, "-0001"), (8, "0008"), (1490, "1490"), (-12000, "-12000")],
)
def test_years_are_written_with_four_digits_and_a_sign_before_the_common_era(
    year: int, text: str
) -> None:
    assert year_text(year) == text


def test_year_spans() -> None:
    assert year_span(-206, 8) == "-0206/0008"
    assert year_span(1490, 1490) == "1490"
    assert year_span(None, 1644) == "1644"
    assert year_span(None, None) == ""
