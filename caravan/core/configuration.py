"""Where Caravan keeps its files and its secret, read from the environment.

Imported by the settings modules, so it must not import Django.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DEFAULT_DATA_DIR = "var"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a key


def data_dir() -> Path:
    """The data directory (CARAVAN_DATA_DIR, default ``var/`` under the working directory)."""
    path = Path(os.environ.get("CARAVAN_DATA_DIR") or DEFAULT_DATA_DIR).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """CARAVAN_SECRET_KEY, or a key generated once and kept (mode 0600) in the data directory."""
    from_environment = os.environ.get("CARAVAN_SECRET_KEY")
    if from_environment:
        return from_environment
    key_file = directory / SECRET_KEY_FILE
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(50)
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (a second server worker) wrote it first
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
