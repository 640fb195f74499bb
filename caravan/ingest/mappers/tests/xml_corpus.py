"""Where the shared corpus lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "xml"


def corpus_path(*parts: str) -> Path:
    """A path in the shared corpus; the test is skipped when the corpus is not there."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return path
