"""`caravan report` writes the work report as HTML or PDF; a wrong alliance is a clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from caravan.cli import main
from caravan.insight.tests.report_world import YEAR, build_report_world

pytestmark = pytest.mark.django_db


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> Any:
    return build_report_world(make_institution, make_object)


def test_report_as_html(world: Any, capsys: Any, tmp_path: Path) -> None:
    output = tmp_path / "silk-2024.html"
    code, _, err = run(
        capsys,
        "report",
        "--alliance",
        "silk",
        "--year",
        str(YEAR),
        "--format",
        "html",
        "--language",
        "zh-hans",
        "-o",
        str(output),
    )
    assert code == 0, err
    html = output.read_text(encoding="utf-8")
    assert '<html lang="zh-hans"' in html
    assert "丝路联盟" in html and "西安宣言" in html  # the record texts in Chinese
    assert str(output) in err


def test_report_as_pdf(world: Any, capsys: Any, tmp_path: Path) -> None:
    output = tmp_path / "silk-2024.pdf"
    code, _, err = run(
        capsys,
        "report",
        "--alliance",
        "silk",
        "--year",
        str(YEAR),
        "--format",
        "pdf",
        "-o",
        str(output),
    )
    assert code == 0, err
    document = pypdfium2.PdfDocument(str(output))
    try:
        assert "Silk Road Alliance" in document[0].get_textpage().get_text_range()
        assert len(document) >= 4
    finally:
        document.close()


def test_unknown_alliance_is_a_clear_error(db: Any, capsys: Any, tmp_path: Path) -> None:
    output = tmp_path / "none.pdf"
    code, _, err = run(
        capsys, "report", "--alliance", "nowhere", "--year", "2024", "-o", str(output)
    )
    assert code == 1
    assert err.strip() == "caravan: there is no alliance 'nowhere'"
    assert not output.exists()


def test_year_and_format_are_checked(db: Any, capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "report", "--alliance", "silk", "--year", "24", "-o", str(tmp_path / "x")
    )
    assert code == 2 and "--year" in err
    code, _, err = run(
        capsys,
        "report",
        "--alliance",
        "silk",
        "--year",
        "2024",
        "--format",
        "doc",
        "-o",
        str(tmp_path / "x"),
    )
    assert code == 2 and "--format" in err
