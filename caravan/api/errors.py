"""One shape for every error the API answers: {"detail", "code", "errors"} (ErrorOut).

A member system's developer handles errors by `code`, which never changes, and shows `detail`,
which says what to change; `errors` lists field problems when there are several.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",  # a pushed record that fails validation says "rejected"
    429: "rate_limited",
}


def error_body(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> dict:
    code = CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
    return {"detail": detail, "code": code, "errors": errors or []}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    return api.create_response(request, error_body(status, detail, errors), status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    def on_http_error(request: HttpRequest, error: Any) -> HttpResponse:
        return error_response(api, request, error.status_code, str(error))

    def on_invalid(request: HttpRequest, error: Any) -> HttpResponse:
        problems = [_field_error(item) for item in error.errors]
        detail = "; ".join(f"{p['location']}: {p['message']}" for p in problems) or "invalid input"
        return error_response(api, request, 422, detail, problems)

    def on_unauthenticated(request: HttpRequest, error: Any) -> HttpResponse:
        response = error_response(
            api, request, 401, "a valid API token is needed: send 'Authorization: Bearer <token>'"
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def on_throttled(request: HttpRequest, error: Any) -> HttpResponse:
        response = error_response(
            api, request, 429, "too many requests: wait before sending more (see Retry-After)"
        )
        if error.wait is not None:
            response["Retry-After"] = str(max(1, round(error.wait)))
        return response

    def on_not_found(request: HttpRequest, error: Any) -> HttpResponse:
        return error_response(api, request, 404, str(error) or "not found")

    def on_forbidden(request: HttpRequest, error: Any) -> HttpResponse:
        return error_response(api, request, 403, str(error) or "not allowed")

    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_invalid)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_forbidden)


def _field_error(item: dict[str, Any]) -> dict[str, str]:
    location = ".".join(str(part) for part in item.get("loc", ()))
    return {"location": location, "message": str(item.get("msg", "invalid"))}


@csrf_exempt  # a POST to no endpoint must hear "no such endpoint", not a CSRF refusal
def unknown_api_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under /api/ that names no endpoint: a JSON 404, never the site's HTML page."""
    return JsonResponse(error_body(404, f"no API endpoint at {request.path}"), status=404)


STANDARD_ERRORS = {
    "422": "A parameter or the body does not have the documented type (`errors` says which).",
    "429": "Too many requests from this caller; `Retry-After` says when to try again.",
}


def document_standard_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the answers every operation may give to each one in the OpenAPI document: a 422 for
    mistyped input, a 429 past the rate limit, and a 404 when its path names nothing."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in STANDARD_ERRORS.items():
                responses.setdefault(status, {"description": description, "content": error})
            has_path_parameters = any(
                parameter.get("in") == "path" for parameter in operation.get("parameters", [])
            )
            if has_path_parameters:
                responses.setdefault("404", {"description": "Not found", "content": error})
    return schema
