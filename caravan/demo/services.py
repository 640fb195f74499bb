"""Loading the bundled demo data through the real importers.

The demo ships standard-format source files (LIDO, EDM, JSON with mapping files, the CIT
catalogue and thesaurus) listed in `data/sources.toml`; loading registers each as a file source
and ingests it exactly as `caravan ingest` would. Safe to run again: institutions and alliances
are brought up to date by code, memberships are added only where none exists, vocabularies and
objects are matched by identifier and left untouched when their content is unchanged.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from caravan.catalogue.models import CatalogueObject, Visibility
from caravan.demo.alliance_life import alliance_life_load
from caravan.exhibitions.demo import exhibitions_demo_load
from caravan.ingest.inputs import InputUnreadable
from caravan.ingest.models import HarvestRun, RunIssue, Severity, Source, SourceKind
from caravan.ingest.pipeline import BatchReport
from caravan.ingest.services import ingest, source_add, source_check
from caravan.ingest.vocab.cit import read_cit_file
from caravan.ingest.vocab.services import starter_vocabulary_ensure, vocabulary_import
from caravan.institutions.models import Alliance, Institution, Membership
from caravan.institutions.services import alliance_upsert, institution_upsert, membership_add

DEMO_DATA_DIR = Path(__file__).resolve().parent / "data"
MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "ingest" / "mappings"
DEMO_ADMIN_USERNAME = "admin"
RUN_COUNTS = ("seen", "created", "updated", "unchanged", "withdrawn", "rejected", "warned")
# The sample access rules: of every 100 hash buckets, one is private and three members-only.
PRIVATE_BUCKETS = range(0, 1)
MEMBERS_BUCKETS = range(1, 4)

Progress = Callable[[int], None]


@dataclass(frozen=True)
class DemoSource:
    """One entry of sources.toml: a file source of the demo and how to map it."""

    code: str
    institution: str
    format: str
    location: str
    default_language: str = "und"
    mapping: str = ""
    records: int = 0


@dataclass
class SourceOutcome:
    """What ingesting one demo source did: the run's counts, or why the input was unreadable."""

    code: str
    institution: str
    format: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RUN_COUNTS, 0))
    run_id: int | None = None
    failure: str = ""


@dataclass
class DemoLoadReport:
    institutions: int = 0
    alliances: int = 0
    memberships_added: int = 0
    vocabularies: dict[str, dict[str, int]] = field(default_factory=dict)
    sources: list[SourceOutcome] = field(default_factory=list)
    # "source: record: problem" for every record the importers rejected
    rejected: list[str] = field(default_factory=list)
    access_changed: dict[str, int] = field(default_factory=dict)

    @property
    def objects(self) -> dict[str, int]:
        """The run counts summed over every source."""
        return {name: sum(outcome.counts[name] for outcome in self.sources) for name in RUN_COUNTS}


def demo_load(
    *,
    data_dir: Path = DEMO_DATA_DIR,
    progress: Progress | None = None,
    workers: int | None = None,
) -> DemoLoadReport:
    """Load institutions, alliances, memberships, vocabularies and every demo source.

    A rejected record is reported, not fatal; a source whose input cannot be read is reported
    with its reason and the others still load. `progress` is told how many records each batch
    read. Ends with the demo's sample access rules (see `sample_visibility`).
    """
    report = DemoLoadReport()
    directory = json.loads((data_dir / "institutions.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        institutions = _load_institutions(directory["institutions"], report)
        _load_alliances(directory["alliances"], institutions, report)
        _load_memberships(directory["memberships"], report)
    manifest = _read_manifest(data_dir)
    _load_vocabularies(manifest.get("vocabularies", []), data_dir, report)
    sources = demo_sources(data_dir)
    for spec in sources:
        report.sources.append(
            _load_source(spec, institutions[spec.institution], data_dir, progress, workers)
        )
    report.rejected = _rejected_lines(report.sources)
    report.access_changed = sample_access_apply(source_codes=[spec.code for spec in sources])
    alliance_life_load()  # agreements, events, programmes, resources: caravan/demo/alliance_life.py
    exhibitions_demo_load()  # a travelling exhibition and its loans: caravan/exhibitions/demo.py
    return report


def demo_sources(data_dir: Path = DEMO_DATA_DIR) -> list[DemoSource]:
    """The demo's sources in load order, as sources.toml lists them."""
    return [DemoSource(**entry) for entry in _read_manifest(data_dir).get("sources", [])]


def demo_record_count(data_dir: Path = DEMO_DATA_DIR) -> int:
    """How many source records the demo holds (for a progress bar)."""
    return sum(spec.records for spec in demo_sources(data_dir))


def _read_manifest(data_dir: Path) -> dict[str, Any]:
    with (data_dir / "sources.toml").open("rb") as manifest:
        return tomllib.load(manifest)


# --------------------------------------------------------------------------------------------
# Institutions, alliances, memberships
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Vocabularies and sources
# --------------------------------------------------------------------------------------------


def _load_vocabularies(
    entries: list[dict[str, str]], data_dir: Path, report: DemoLoadReport
) -> None:
    """The starter vocabulary, then the demo's own (the CIT thesaurus terms its records use).

    They come before any record so that concept references find their labels.
    """
    report.vocabularies["caravan-types"] = starter_vocabulary_ensure().as_dict()
    for entry in entries:
        vocabulary = read_cit_file(data_dir / entry["location"], code=entry["code"])
        report.vocabularies[entry["code"]] = vocabulary_import(vocabulary=vocabulary).as_dict()


def _load_source(
    spec: DemoSource,
    institution: Institution,
    data_dir: Path,
    progress: Progress | None,
    workers: int | None,
) -> SourceOutcome:
    outcome = SourceOutcome(code=spec.code, institution=spec.institution, format=spec.format)
    source = demo_source_ensure(spec=spec, institution=institution, data_dir=data_dir)

    def batch_done(_run: HarvestRun, batch: BatchReport) -> None:
        if progress:
            progress(batch.seen)

    try:
        run = ingest(
            source.location,
            institution=institution,
            format_name=source.format,
            source=source,
            on_batch=batch_done,
            workers=workers,
        )
    except InputUnreadable as error:
        outcome.failure = str(error)
        return outcome
    outcome.run_id = run.pk
    outcome.counts = {name: getattr(run, name) for name in RUN_COUNTS}
    return outcome


def demo_source_ensure(*, spec: DemoSource, institution: Institution, data_dir: Path) -> Source:
    """The demo source registered as sources.toml says, created or brought up to date.

    The location is stored as an absolute path, so a moved checkout is followed on the next
    load; a changed mapping file is stored too (objects then update on ingest).
    """
    wanted: dict[str, Any] = {
        "institution": institution,
        "kind": SourceKind.FILE,
        "format": spec.format,
        "location": str((data_dir / spec.location).resolve()),
        "mapping": (MAPPINGS_DIR / spec.mapping).read_text(encoding="utf-8")
        if spec.mapping
        else "",
        "default_language": spec.default_language,
    }
    source = Source.objects.filter(code=spec.code).first()
    if source is None:
        return source_add(
            code=spec.code,
            institution=institution,
            kind=wanted["kind"],
            format_name=wanted["format"],
            location=wanted["location"],
            mapping_text=wanted["mapping"],
            default_language=wanted["default_language"],
        )
    changed = [name for name, value in wanted.items() if getattr(source, name) != value]
    if changed:
        for name in changed:
            setattr(source, name, wanted[name])
        source_check(source)
        source.save(update_fields=changed)
    return source


def _rejected_lines(outcomes: Iterable[SourceOutcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if outcome.failure:
            lines.append(f"{outcome.code}: the input could not be read: {outcome.failure}")
        if outcome.run_id is None:
            continue
        issues = RunIssue.objects.filter(run_id=outcome.run_id, severity=Severity.ERROR)
        for identifier, problem in issues.order_by("pk").values_list("identifier", "problem"):
            lines.append(f"{outcome.code}: {identifier}: {problem}")
    return lines


# --------------------------------------------------------------------------------------------
# Sample access rules (demo only)
# --------------------------------------------------------------------------------------------


def sample_visibility(institution: str, local_id: str) -> str:
    """About 1% private and 3% members-only, fixed by a hash of the identifiers."""
    digest = hashlib.sha256(f"visibility:{institution}:{local_id}".encode()).hexdigest()
    bucket = int(digest[:8], 16) % 100
    if bucket in PRIVATE_BUCKETS:
        return Visibility.PRIVATE
    if bucket in MEMBERS_BUCKETS:
        return Visibility.MEMBERS
    return Visibility.PUBLIC


def sample_access_apply(*, source_codes: list[str]) -> dict[str, int]:
    """Make the sample's chosen objects members-only or private; returns how many changed.

    A demo-only step so that the access rules can be shown: the sources say nothing about
    access. Only the chosen few are touched (an import stores records as public), so it changes
    nothing when run again, and other objects keep whatever an administrator set.
    """
    rows = CatalogueObject.objects.filter(source_name__in=source_codes).values_list(
        "pk", "institution__code", "local_id", "visibility"
    )
    to_change: dict[str, list[int]] = {Visibility.MEMBERS: [], Visibility.PRIVATE: []}
    for pk, institution, local_id, visibility in rows.iterator(chunk_size=2000):
        wanted = sample_visibility(institution, local_id)
        if wanted != Visibility.PUBLIC and wanted != visibility:
            to_change[wanted].append(pk)
    for visibility, pks in to_change.items():
        CatalogueObject.objects.filter(pk__in=pks).update(visibility=visibility)
    return {str(visibility): len(pks) for visibility, pks in to_change.items()}


def demo_admin_ensure(*, password: str) -> tuple[str, bool]:
    """The demo administrator (a superuser and secretariat member); created once, never reset."""
    users = get_user_model()
    if users.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return DEMO_ADMIN_USERNAME, False
    users.objects.create_superuser(
        username=DEMO_ADMIN_USERNAME, email="", password=password, is_secretariat=True
    )
    return DEMO_ADMIN_USERNAME, True
