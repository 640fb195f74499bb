"""Where files that are not for everyone are kept.

Uploaded media under MEDIA_ROOT are served to anyone at /media/. Application documents, signed
agreements, meeting documents and shared resources are not: they go to the ``protected``
storage (``<data dir>/protected`` by default), which no URL serves directly. Views hand them out
one at a time, after asking the permission rules.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def protected_storage() -> Storage:
    """The storage for permission-checked files (a callable, so tests can swap the backend)."""
    return storages["protected"]
