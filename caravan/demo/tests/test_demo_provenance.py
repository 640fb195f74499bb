"""The committed demo data is exactly what the build script makes from the shared corpus.

Runs only where ../shared/corpus is present (CI has it): it proves that every demo record comes
unchanged from the named open-licence sources.
"""

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
DEMO_DATA = ROOT / "caravan" / "demo" / "data"
# What the script writes; institutions.json is kept by hand.
GENERATED = ("sources", "vocabularies", "licences", "sources.toml", "SOURCES.md")


def files_under(root: Path) -> set[str]:
    found = set()
    for name in GENERATED:
        path = root / name
        if path.is_file():
            found.add(name)
        else:
            found |= {str(item.relative_to(root)) for item in path.rglob("*") if item.is_file()}
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_demo_data_rebuilds_byte_for_byte_from_the_corpus(tmp_path):
    built = subprocess.run(  # noqa: S603 - our own script
        [
            sys.executable,
            str(ROOT / "scripts" / "build_demo_data.py"),
            "--corpus",
            str(CORPUS),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    names = files_under(tmp_path)
    assert names == files_under(DEMO_DATA)
    assert len(names) > 250
    _, mismatch, errors = filecmp.cmpfiles(tmp_path, DEMO_DATA, sorted(names), shallow=False)
    assert mismatch == errors == []
