from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPOSITORY = Path(__file__).resolve().parents[4]
CIT_THESAURUS = (
    REPOSITORY / ".." / "shared" / "corpus" / "vocabularies" / "cit_chinese_iconography" / "CIT.dmp"
)


@pytest.fixture
def cit_thesaurus() -> Path:
    if not CIT_THESAURUS.is_file():
        pytest.skip("the shared corpus (CIT.dmp) is not present")
    return CIT_THESAURUS
