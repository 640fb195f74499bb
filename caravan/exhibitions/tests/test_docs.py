"""docs/exhibitions.md says what the code does: its workflow table is the workflow."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from caravan.exhibitions.workflow import LOAN_TRANSITIONS, REQUIREMENT_DESCRIPTIONS

DOC = Path(__file__).resolve().parents[3] / "docs" / "exhibitions.md"


def documented_rows() -> list[tuple[str, str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    table = re.search(r"<!-- loan-workflow:.*?-->(.*?)<!-- /loan-workflow -->", text, re.S)
    assert table, "the workflow table's markers are missing"
    rows = []
    for line in table.group(1).strip().splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append((cells[0], cells[1], cells[2], cells[3]))
    return rows


def test_the_documented_workflow_is_the_workflow():
    expected = [
        (
            rule.source,
            rule.target,
            rule.side,
            "; ".join(str(REQUIREMENT_DESCRIPTIONS[name]) for name in rule.requires) or "–",
        )
        for rule in LOAN_TRANSITIONS
    ]
    assert documented_rows() == expected


def test_every_service_and_selector_is_documented():
    from caravan.exhibitions import selectors, services

    text = DOC.read_text(encoding="utf-8")
    public = [name for name in services.__all__ if name[0].islower()]
    public += [
        name
        for name, value in vars(selectors).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == selectors.__name__
    ]
    missing = [
        name
        for name in public
        if f"{name}(" not in text
        and name not in {"notifications_email", "loans_cancel_with_exhibition"}
    ]
    assert missing == []
