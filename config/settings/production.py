"""Production hardening on top of base: HTTPS cookies, HSTS, strict hosts.

Chosen by `caravan serve --production`, or by
DJANGO_SETTINGS_MODULE=config.settings.production.
"""

from __future__ import annotations

import os

from .base import *  # noqa: F403

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("CARAVAN_HSTS_SECONDS", "31536000"))
SECURE_SSL_REDIRECT = os.environ.get("CARAVAN_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
# Subdomains and the browsers' preload list concern the whole domain, not only Caravan: the
# operator opts in; the checks that would nag about it are silenced on purpose.
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("CARAVAN_HSTS_INCLUDE_SUBDOMAINS", "") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("CARAVAN_HSTS_PRELOAD", "") == "1"
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CARAVAN_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
