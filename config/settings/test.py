"""Fast settings for the test suite: quick hashing, in-memory e-mail, a temporary data dir."""

from __future__ import annotations

import os
import tempfile

# Tests never touch the developer's var/ directory or secret.
os.environ.setdefault("CARAVAN_DATA_DIR", tempfile.mkdtemp(prefix="caravan-test-"))
os.environ.setdefault("CARAVAN_SECRET_KEY", "insecure-key-for-tests-only")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "protected": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise warns when it is missing
# Tests make many requests from one address; the rate limit's own test sets a limit.
CARAVAN_API_RATE_ANONYMOUS = ""
CARAVAN_API_RATE_MEMBER = ""
