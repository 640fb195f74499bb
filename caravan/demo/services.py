"""Loading the bundled demo data: real open-licence records from several museums.

Safe to run again: institutions and alliances are brought up to date by code, memberships are
added only where none is current, and objects go through `object_upsert`, which leaves
identical records untouched.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from caravan.catalogue.records import RecordError, record_from_dict
from caravan.catalogue.services import UpsertOutcome, object_upsert
from caravan.demo.alliance_life import alliance_life_load
from caravan.institutions.models import Alliance, Institution, Membership
from caravan.institutions.services import alliance_upsert, institution_upsert, membership_add

DEMO_DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_ADMIN_USERNAME = "admin"
BATCH_SIZE = 500

Progress = Callable[[int], None]


@dataclass
class DemoLoadReport:
    institutions: int = 0
    alliances: int = 0
    memberships_added: int = 0
    objects: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UpsertOutcome, 0))
    rejected: list[str] = field(default_factory=list)


def demo_load(
    *, data_dir: Path = DEMO_DATA_DIR, progress: Progress | None = None
) -> DemoLoadReport:
    """Load institutions, alliances, memberships and objects; a bad record is reported, not fatal.

    Objects are stored in batches, each in its own transaction.
    """
    report = DemoLoadReport()
    directory = json.loads((data_dir / "institutions.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        institutions = _load_institutions(directory["institutions"], report)
        _load_alliances(directory["alliances"], institutions, report)
        _load_memberships(directory["memberships"], report)
    alliance_life_load()  # agreements, events, programmes, resources: caravan/demo/alliance_life.py
    _load_objects(data_dir / "objects.jsonl", institutions, report, progress)
    return report


def _load_institutions(
    rows: list[dict[str, Any]], report: DemoLoadReport
) -> dict[str, Institution]:
    institutions = {}
    for row in rows:
        details = {
            key: value for key, value in row.items() if key not in {"code", "names", "country"}
        }
        details = {key: ("" if value is None else value) for key, value in details.items()}
        for coordinate in ("latitude", "longitude"):
            details[coordinate] = row.get(coordinate)
        institutions[row["code"]] = institution_upsert(
            code=row["code"], names=row["names"], country=row["country"], **details
        )
        report.institutions += 1
    return institutions


def _load_alliances(
    rows: list[dict[str, Any]], institutions: dict[str, Institution], report: DemoLoadReport
) -> None:
    for row in rows:
        alliance_upsert(
            code=row["code"],
            names=row["names"],
            acronym=row.get("acronym") or "",
            founded=datetime.date.fromisoformat(row["founded"]) if row.get("founded") else None,
            secretariat=institutions.get(row.get("secretariat") or ""),
            description=row.get("description") or {},
            is_sample=bool(row.get("is_sample", True)),
        )
        report.alliances += 1


def _load_memberships(rows: list[dict[str, Any]], report: DemoLoadReport) -> None:
    for row in rows:
        institution = Institution.objects.get(code=row["institution"])
        alliance = Alliance.objects.get(code=row["alliance"])
        if Membership.objects.filter(institution=institution, alliance=alliance).exists():
            continue
        membership_add(
            institution=institution,
            alliance=alliance,
            role=row["role"],
            status=row["status"],
            start_date=datetime.date.fromisoformat(row["start_date"]),
        )
        report.memberships_added += 1


def _load_objects(
    path: Path,
    institutions: dict[str, Institution],
    report: DemoLoadReport,
    progress: Progress | None,
) -> None:
    for batch in _batches(_read_lines(path), BATCH_SIZE):
        with transaction.atomic():
            for line_number, data in batch:
                _load_object(line_number, data, institutions, report)
        if progress:
            progress(len(batch))


def _load_object(
    line_number: int,
    data: dict[str, Any],
    institutions: dict[str, Institution],
    report: DemoLoadReport,
) -> None:
    institution = institutions.get(data.get("institution", ""))
    if institution is None:
        report.rejected.append(
            f"line {line_number}: unknown institution {data.get('institution')!r}"
        )
        return
    try:
        record = record_from_dict(data)
    except RecordError as error:
        report.rejected.append(f"line {line_number}: {error}")
        return
    _, outcome = object_upsert(institution=institution, record=record)
    report.objects[outcome] += 1


def _read_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield number, json.loads(line)


def _batches(
    items: Iterator[tuple[int, dict[str, Any]]], size: int
) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def demo_object_count(data_dir: Path = DEMO_DATA_DIR) -> int:
    with (data_dir / "objects.jsonl").open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def demo_admin_ensure(*, password: str) -> tuple[str, bool]:
    """The demo administrator (a superuser and secretariat member); created once, never reset."""
    users = get_user_model()
    if users.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return DEMO_ADMIN_USERNAME, False
    users.objects.create_superuser(
        username=DEMO_ADMIN_USERNAME, email="", password=password, is_secretariat=True
    )
    return DEMO_ADMIN_USERNAME, True
