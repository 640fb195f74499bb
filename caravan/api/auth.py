"""Who is calling the API: a member system's bearer token, the site's session, or no one.

A token acts as the staff member who created it (see ApiToken), so every read and write asks
the same permission and visibility rules as the web pages do for that person.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from caravan.api.errors import error_body
from caravan.api.models import ApiToken
from caravan.api.services import token_authenticate

API_PREFIX = "/api/"


class ApiTokenMiddleware:
    """Under /api/, a bearer token stands for its user; a wrong one is refused outright.

    Refusing a bad token (rather than reading on as anonymous) tells a member system at once
    that its credentials broke, instead of quietly returning fewer records.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        secret = _bearer(request) if request.path.startswith(API_PREFIX) else None
        if secret is not None:
            token = token_authenticate(secret)
            if token is None:
                body = error_body(401, "the API token is unknown, revoked, or its user inactive")
                response = JsonResponse(body, status=401)
                response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
                return response
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]
        return self.get_response(request)


def _bearer(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" and secret.strip() else None


class TokenAuth(HttpBearer):
    """What write endpoints require (and what the OpenAPI document says they require)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        known: ApiToken | None = getattr(request, "api_token", None)
        return known if known is not None else token_authenticate(token)


class ApiRateLimit(BaseThrottle):
    """Requests per caller per time window, counted in the cache.

    The settings CARAVAN_API_RATE_ANONYMOUS and CARAVAN_API_RATE_MEMBER give the rates.

    A token or signed-in user is counted by who they are, anyone else by address. Fixed windows
    keep the count one cache increment per request.
    """

    def allow_request(self, request: HttpRequest) -> bool:
        ident, rate = _caller(request)
        if not rate:
            return True
        allowed, seconds = _parsed(rate)
        now = time.time()
        key = f"api-rate:{ident}:{int(now // seconds)}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # the window's entry expired between the two calls
            cache.set(key, 1, timeout=seconds + 1)
            used = 1
        _waits.seconds = seconds - now % seconds
        return used <= allowed

    def wait(self) -> float | None:
        return getattr(_waits, "seconds", None)


# One limiter serves every request thread; each thread keeps its own answer to wait().
_waits = threading.local()


def _caller(request: HttpRequest) -> tuple[str, str]:
    token: Any = getattr(request, "api_token", None)
    if token is not None:
        return f"token:{token.pk}", settings.CARAVAN_API_RATE_MEMBER
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}", settings.CARAVAN_API_RATE_MEMBER
    address = request.META.get("REMOTE_ADDR", "")
    return f"address:{address}", settings.CARAVAN_API_RATE_ANONYMOUS


_PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600}
_PERIODS |= {"hour": 3600, "d": 86400, "day": 86400}


def _parsed(rate: str) -> tuple[int, int]:
    """'600/min' → (600, 60)."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]
