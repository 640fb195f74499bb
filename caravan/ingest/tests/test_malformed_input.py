"""Malformed input, through the whole pipeline: each problem is one clear report line, and no
good record of the same batch is lost."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import RunIssue, Severity
from caravan.ingest.services import ingest

pytestmark = pytest.mark.django_db(transaction=True)

HERE = Path(__file__).resolve().parent
GOOD = HERE / "fixtures" / "three-objects.lido.xml"
BROKEN = HERE.parent / "mappers" / "tests" / "fixtures" / "xml"


def huge_field(folder: Path) -> Path:
    path = folder / "huge.xml"
    title = "<lido:appellationValue>" + "S" * 50_000_000 + "</lido:appellationValue>"
    path.write_text(
        '<lido:lidoWrap xmlns:lido="http://www.lido-schema.org"><lido:lido>'
        '<lido:lidoRecID>huge-1</lido:lidoRecID><lido:descriptiveMetadata xml:lang="en">'
        f"<lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet>{title}"
        "</lido:titleSet></lido:titleWrap></lido:objectIdentificationWrap>"
        "</lido:descriptiveMetadata></lido:lido></lido:lidoWrap>",
        encoding="utf-8",
    )
    return path


CASES = {
    "truncated.xml": ("truncated.xml, line 6, column 1", "breaks"),
    "wrong_encoding.xml": ("wrong_encoding.xml, line 4", "encoding"),
    "no_identifier.xml": ("no_identifier.xml, LIDO record 2", "no identifier"),
    "xxe.xml": ("xxe.xml", "entities"),
    "billion_laughs.xml": ("billion_laughs.xml", "entities"),
    "huge.xml": ("huge.xml, huge-1", "byte limit"),
}


@pytest.mark.parametrize("broken", sorted(CASES))
def test_a_broken_file_costs_a_report_line_and_no_good_record(
    broken: str, make_institution: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a-good.xml")
    if broken == "huge.xml":
        huge_field(folder)
    else:
        shutil.copy(BROKEN / broken, folder / broken)

    run = ingest(
        str(folder), institution=make_institution("erebuni"), format_name="lido", workers=1
    )

    stored = set(CatalogueObject.objects.values_list("local_id", flat=True))
    assert {"ER-0001", "ER-0002"} <= stored
    errors = list(RunIssue.objects.filter(run=run, severity=Severity.ERROR))
    expected_identifier, expected_words = CASES[broken]
    problems = [issue for issue in errors if issue.identifier != "ER-0003"]
    assert problems, "the broken file left no report line"
    assert any(expected_words in issue.problem for issue in problems), [
        issue.problem for issue in problems
    ]
    assert any(issue.identifier.startswith(expected_identifier) for issue in problems), [
        issue.identifier for issue in problems
    ]
    assert not any("root:" in issue.problem for issue in errors)  # /etc/passwd never read
