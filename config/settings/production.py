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
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CARAVAN_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
