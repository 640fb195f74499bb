"""An OAI-PMH response: the envelope, and in it the verb's answer or the errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lxml import etree

from caravan.api.oai.elements import XSI_NS, child, root, serialize
from caravan.api.oai.protocol import (
    OAI_NS,
    OAI_SCHEMA,
    UNECHOED,
    OaiErrors,
    OaiRequest,
    datestamp,
    parse_request,
)
from caravan.api.oai.verbs import VERBS, Repository, oai


def respond(parameters: Mapping[str, Sequence[str]], repository: Repository) -> bytes:
    """The response document (UTF-8) to a request's parameters."""
    request: OaiRequest | None = None
    try:
        request = parse_request(parameters)
        response = _envelope(repository, request)
        VERBS[request.verb](response, request, repository)
    except OaiErrors as problem:
        echoed = not any(error.code in UNECHOED for error in problem.errors)
        response = _envelope(repository, request if echoed else None)
        for error in problem.errors:
            child(response, oai("error"), error.message, {"code": error.code})
    return serialize(response)


def _envelope(repository: Repository, request: OaiRequest | None) -> etree._Element:
    """responseDate and request; the request's arguments only when they were all valid."""
    response = root(oai("OAI-PMH"), {None: OAI_NS, "xsi": XSI_NS}, f"{OAI_NS} {OAI_SCHEMA}")
    child(response, oai("responseDate"), datestamp(repository.now))
    attributes = {"verb": request.verb, **request.arguments} if request else {}
    child(response, oai("request"), repository.base_url, attributes)
    return response
