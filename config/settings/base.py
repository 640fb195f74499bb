"""Settings shared by every environment; each value comes from the environment.

Every setting is documented in docs/settings.md; a test fails when one is missing there.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from caravan.core.configuration import data_dir, secret_key

# Lets classes such as ModelAdmin[Catalogue] be subscripted at run time, as the type hints say.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

CARAVAN_DATA_DIR = data_dir()
SECRET_KEY = secret_key(CARAVAN_DATA_DIR)
DEBUG = os.environ.get("CARAVAN_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("CARAVAN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "caravan.core",
    "caravan.accounts",
    "caravan.institutions",
    "caravan.catalogue",
    "caravan.ingest",
    "caravan.search",
    "caravan.audit",
    "caravan.cooperation",
    "caravan.exhibitions",
    "caravan.insight",
    "caravan.api",
    "caravan.web",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "caravan.api.auth.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "caravan.web.context_processors.site",
                "caravan.web.exhibition_context.inbox",
            ],
        },
    },
]

# The database is the system of record. SQLite under the data directory unless told otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("CARAVAN_DATABASE_URL")
        or f"sqlite:///{CARAVAN_DATA_DIR / 'caravan.sqlite3'}",
        conn_max_age=int(os.environ.get("CARAVAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a long import writes; IMMEDIATE avoids
    # "database is locked" on concurrent writers upgrading from a read lock.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # A 64 MiB page cache keeps the catalogue's indexes in memory during large imports.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# The interface languages. Record text may be in any language; these are the UI's.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
]
LANGUAGE_COOKIE_NAME = "caravan_language"
LOCALE_PATHS = [BASE_DIR / "caravan" / "web" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = CARAVAN_DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = CARAVAN_DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files handed out only through permission-checked views (caravan.core.storage).
    "protected": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": CARAVAN_DATA_DIR / "protected"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

CARAVAN_SITE_NAME = os.environ.get("CARAVAN_SITE_NAME", "Caravan")
CARAVAN_PAGE_SIZE = int(os.environ.get("CARAVAN_PAGE_SIZE", "24"))
# E-mail (loan notifications). The console backend prints messages, which is what the demo
# wants; production names an SMTP server.
EMAIL_BACKEND = os.environ.get(
    "CARAVAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("CARAVAN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CARAVAN_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CARAVAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CARAVAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CARAVAN_EMAIL_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("CARAVAN_EMAIL_FROM", "caravan@localhost")

# API rate limits per caller, as "count/period" (s, min, h, day); empty means no limit. A
# member's token (or signed-in user) is counted by who it is, anyone else by address.
CARAVAN_API_RATE_ANONYMOUS = os.environ.get("CARAVAN_API_RATE_ANONYMOUS", "600/min")
CARAVAN_API_RATE_MEMBER = os.environ.get("CARAVAN_API_RATE_MEMBER", "6000/min")

# Background work (large imports started from the admin) goes through Django's tasks API. The
# database backend needs no extra server: `caravan worker` runs the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Ingest: harvest URLs that resolve to loopback, link-local or private addresses are refused
# unless this is on (a member's repository on Caravan's own private network, or tests).
CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES = (
    os.environ.get("CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES", "") == "1"
)
# Worker processes that map records in parallel; 0 means one per CPU core.
CARAVAN_INGEST_WORKERS = int(os.environ.get("CARAVAN_INGEST_WORKERS", "0"))
# The search index is derived from the database and rebuilt at will; each node keeps its own.
CARAVAN_SEARCH_INDEX_DIR = Path(
    os.environ.get("CARAVAN_SEARCH_INDEX_DIR") or CARAVAN_DATA_DIR / "search-index"
)
CARAVAN_SEARCH_WORKERS = int(os.environ.get("CARAVAN_SEARCH_WORKERS", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CARAVAN_LOG_LEVEL", "WARNING")},
}

# Open interfaces (OAI-PMH, IIIF, Linked Art, exports): each helper appends its own block below.

# IIIF (caravan/api/iiif, docs/iiif.md). Images Caravan hosts are served through the Image API;
# the derivatives it renders are cached on this node's disk, keyed by image and request.
CARAVAN_IIIF_CACHE_DIR = Path(
    os.environ.get("CARAVAN_IIIF_CACHE_DIR") or CARAVAN_DATA_DIR / "iiif-cache"
)
# Uploads larger than this many bytes, or with more pixels than this (decompression bombs), are
# refused. Above about 178 million pixels Pillow itself refuses to open an image.
CARAVAN_IIIF_MAX_UPLOAD_BYTES = int(
    os.environ.get("CARAVAN_IIIF_MAX_UPLOAD_BYTES", str(100 * 1024 * 1024))
)
CARAVAN_IIIF_MAX_UPLOAD_PIXELS = int(os.environ.get("CARAVAN_IIIF_MAX_UPLOAD_PIXELS", "100000000"))
# The largest image the Image API renders in one response: its longest side and its area
# (maxWidth/maxHeight and maxArea in info.json). Tiles are far smaller.
CARAVAN_IIIF_MAX_SIDE = int(os.environ.get("CARAVAN_IIIF_MAX_SIDE", "10000"))
CARAVAN_IIIF_MAX_AREA = int(os.environ.get("CARAVAN_IIIF_MAX_AREA", "25000000"))
# Manifests per IIIF collection document; a larger institution's collection is split into
# nested collections of this many.
CARAVAN_IIIF_COLLECTION_PAGE_SIZE = int(os.environ.get("CARAVAN_IIIF_COLLECTION_PAGE_SIZE", "1000"))

# Linked Art and exports (caravan.api.exports): the most rows one CSV or JSON Lines export of a
# search sends; the response headers say how many matched and whether the export was cut short.
CARAVAN_EXPORT_MAX_ROWS = int(os.environ.get("CARAVAN_EXPORT_MAX_ROWS", "100000"))

# OAI-PMH provider at /oai (docs/oai-pmh.md). The repository id is part of every OAI identifier
# (oai:{id}:{institution}:{local id}): set it once, to a domain name of the site, and keep it.
CARAVAN_OAI_REPOSITORY_ID = os.environ.get("CARAVAN_OAI_REPOSITORY_ID", "caravan.localhost")
# Comma-separated addresses Identify gives for the repository's administrators.
CARAVAN_OAI_ADMIN_EMAIL = os.environ.get(
    "CARAVAN_OAI_ADMIN_EMAIL", f"oai@{CARAVAN_OAI_REPOSITORY_ID}"
)
# Who provides the records to an aggregator: EDM's edm:provider (the alliance or the site).
CARAVAN_OAI_PROVIDER = os.environ.get("CARAVAN_OAI_PROVIDER", CARAVAN_SITE_NAME)
# Records (or headers) per ListRecords / ListIdentifiers response.
CARAVAN_OAI_PAGE_SIZE = int(os.environ.get("CARAVAN_OAI_PAGE_SIZE", "100"))
# Seconds a resumptionToken stays valid after it is issued.
CARAVAN_OAI_TOKEN_LIFETIME = int(os.environ.get("CARAVAN_OAI_TOKEN_LIFETIME", "86400"))
