"""The derivative cache: rendered images on this node's disk, one folder per hosted image.

A derivative is keyed by the stored original's file name and the canonical form of the request,
so equivalent requests (`pct:50` and `500,` of a 1000-pixel image) share one file, and a
replaced original (which always gets a new file name) is never answered from the old one's
derivatives. Each folder remembers which original its files came from; the first miss after a
replacement empties it. Files are written to a temporary name and renamed, so a reader never
sees half a file and two processes rendering the same derivative do no harm.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

_SOURCE_MARK = "source"


def cache_folder(hosted_id: str) -> Path:
    return Path(settings.CARAVAN_IIIF_CACHE_DIR) / hosted_id


def cache_path(*, hosted_id: str, source_name: str, canonical: str, suffix: str) -> Path:
    digest = hashlib.sha256(f"{source_name}\n{canonical}".encode()).hexdigest()[:40]
    return cache_folder(hosted_id) / f"{digest}.{suffix}"


def cached_derivative(
    *, hosted_id: str, source_name: str, canonical: str, suffix: str, render: Callable[[], bytes]
) -> Path:
    """The cached file for a request, rendered and stored first when it is not there yet."""
    path = cache_path(
        hosted_id=hosted_id, source_name=source_name, canonical=canonical, suffix=suffix
    )
    if path.is_file():
        return path
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    _forget_other_sources(folder, source_name)
    data = render()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _forget_other_sources(folder: Path, source_name: str) -> None:
    mark = folder / _SOURCE_MARK
    try:
        current = mark.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if current == source_name:
        return
    if current is not None:  # the original was replaced: its derivatives are garbage now
        for entry in folder.iterdir():
            if entry.name != _SOURCE_MARK and not entry.name.startswith(".part-"):
                entry.unlink(missing_ok=True)
    mark.write_text(source_name, encoding="utf-8")
