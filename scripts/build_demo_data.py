#!/usr/bin/env python3
"""Build Caravan's bundled demo data: real open-licence source records, copied verbatim.

Usage (from the repository root, with lxml installed):

    python scripts/build_demo_data.py [--corpus ../shared/corpus] [--out caravan/demo/data]

Selects CC0 records from the shared corpus in their own standard formats and writes them,
unchanged, where `caravan demo` ingests them through the real importers:

* ``sources/<institution>/...``: the records (LIDO and EDM files copied as they are; Tate and
  ACMI JSON as JSON Lines, one original object per line; CIT catalogue records as one ``.dmp``
  per holder with the records' original lines);
* ``vocabularies/cit-subset.dmp``: the CIT thesaurus terms those records use, with their
  broader terms, as the thesaurus's original records;
* ``sources.toml``: each demo source (code, institution, format, location, mapping file,
  default language, record count) and the vocabularies to import first;
* ``SOURCES.md``: where every record came from, under which licence, chosen by which rule;
* ``licences/``: plain copies of the sources' licence files.

``institutions.json`` (real institutions, sample alliances) is kept by hand and not written here.
Nothing depends on the clock or a random generator: choices follow sorted paths and SHA-256
ranks, so running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# lxml ships no type hints; lxml-stubs has them where installed (hence the two codes).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus"
DEFAULT_OUT = REPO_ROOT / "caravan" / "demo" / "data"
GENERATED = ("sources", "vocabularies", "licences", "sources.toml", "SOURCES.md")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# No entity expansion, no DTD, no network: the corpus is trusted, but habits matter.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
LIDO_NS = {"lido": "http://www.lido-schema.org"}
CC0_URI = "creativecommons.org/publicdomain/zero/"

CIT_QUOTAS = {"npm": 520, "met": 300, "vam": 300, "hyl": 300, "cma": 300}
CIT_HOLDERS = {"NPM": "npm", "MET": "met", "VANDA": "vam", "HYL": "hyl", "CMA": "cma"}
CIT_LANGUAGES = {"npm": "zh-Hant", "hyl": "zh-Hant", "met": "en", "vam": "en", "cma": "en"}
LIDO_HOLDERS = {"DE-MUS-097410": "dm", "DE-MUS-027614": "khb"}  # ISIL: institution
TATE_COUNT = 400
ACMI_COUNT = 300
EDM_COUNT = 250
CIT_VOCABULARY = "vocabularies/cit-subset.dmp"


@dataclass(frozen=True)
class Origin:
    """One upstream data set: where it lives, under which licence, how records are chosen."""

    name: str
    repository: str
    path: str
    note: str
    commit: str
    licence: str
    licence_files: tuple[tuple[str, str], ...]
    selection: str


@dataclass(frozen=True)
class DemoSource:
    """One demo source as `caravan demo` registers and ingests it."""

    code: str
    institution: str
    format: str
    location: str
    default_language: str
    records: int
    mapping: str = ""


@dataclass
class Built:
    """What the selection produced: the sources, per origin, and the files to write."""

    sources: dict[str, list[DemoSource]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[str, str] = field(default_factory=dict)  # out-relative path -> text
    copies: dict[str, Path] = field(default_factory=dict)  # out-relative path -> corpus file
    vocabulary_terms: int = 0


CIT = Origin(
    name="CIT catalogue of Chinese art (V&A Chinese Iconography Thesaurus)",
    repository="iconclass/cit",
    path="data/CATALOG.dmp",
    note="the last version of the file under 4 MiB",
    commit="1e1eae9a2c5c5f4ef219db14c7eb1398a9e94f8f",
    licence="CC0 1.0 (the repository's LICENSE); records compiled by the V&A CIT project from "
    "the holding museums' catalogues",
    licence_files=(("cit_chinese_art_catalog/LICENSE", "cit-LICENSE"),),
    selection="The holding museum (COL) is the record's institution, and each holder's records "
    "go to their own `.dmp` file, with their original lines, in catalogue order. Records need "
    "a TITLE and the holder's own inventory number (INSTIT.INV; for the V&A its museum number, "
    "ID.INV.ALT); only the first record of each number is kept, so album leaves filed under "
    "one number make one object. Within each holder, records whose title has Chinese come "
    "first, then the rest; each group is ordered by the SHA-256 of the inventory number, and "
    f"at most {', '.join(f'{n} ({code})' for code, n in CIT_QUOTAS.items())} are taken.",
)
CIT_THESAURUS = Origin(
    name="CIT Chinese Iconography Thesaurus (vocabulary)",
    repository="iconclass/cit",
    path="data/CIT.dmp",
    note="14,844 terms",
    commit="602600a9f0a57787e69ef7b78f72a1065f24c0ec",
    licence="CC0 1.0 (the repository's LICENSE)",
    licence_files=(("vocabularies/cit_chinese_iconography/LICENSE", "cit-thesaurus-LICENSE"),),
    selection=f"`{CIT_VOCABULARY}` holds only the thesaurus records that the demo's catalogue "
    "records name in their CIT field (the catalogue's THESnnnnnn is the thesaurus entry "
    "CIT0nnnnnn) and all their broader terms (BROADER, followed to the top), as the original "
    "record lines in thesaurus order. The whole thesaurus is 3.3 MB and would more than double "
    "the demo's size for terms no demo object uses; `caravan vocab import` reads the whole file "
    "the same way. `caravan demo` imports it before the catalogue records, so their subject "
    "concepts carry English, Traditional Chinese and pinyin labels.",
)
TATE = Origin(
    name="Tate collection data",
    repository="tategallery/collection",
    path="artworks/**.json",
    note="the shared corpus holds every 8th file in sorted path order",
    commit="a51d8afc988ed083557e2950f4d0b644e7719f4a",
    licence="CC0 1.0 (LICENCE)",
    licence_files=(("tate/LICENCE", "tate-LICENCE"),),
    selection="Artworks with a title and a thumbnail URL, ordered by the SHA-256 of the "
    "accession number (`acno`), then taken in turn from each Tate `classification` (painting, "
    f"sculpture, print, work on paper, ...) until {TATE_COUNT} are chosen, so small "
    "classifications are all included. Written as JSON Lines in corpus path order: each line is "
    "one original file's object, re-serialised compactly (Python `json.dumps(value, "
    "ensure_ascii=False, separators=(',', ':'))`, keys in their original order), so every "
    "value is unchanged and only the white space differs. Mapped by "
    "`caravan/ingest/mappings/tate-json.toml`.",
)
ACMI = Origin(
    name="ACMI collection data",
    repository="ACMILabs/collection",
    path="dist/objects/**.json",
    note="an old commit (later ones deleted the data); the shared corpus holds every 16th file "
    "plus all files with non-Latin text",
    commit="ce07d26f61d7049a22dbff17e79f0e53fc00b1bf",
    licence="CC0 1.0 (LICENSE.md, README)",
    licence_files=(("acmi/LICENSE.md", "acmi-LICENSE.md"),),
    selection="Every record with a title whose `title` or `other_title` has Chinese characters "
    "(all of them), then other titled records ordered by the SHA-256 of the ACMI `system_id` "
    f"until {ACMI_COUNT} are chosen. Written as JSON Lines in corpus path order, each line one "
    "original file's object re-serialised compactly as for Tate. Mapped by "
    "`caravan/ingest/mappings/acmi-json.toml`.",
)
EDM = Origin(
    name="Europeana EDM records (HOPE / Amsab-ISG)",
    repository="europeana/metis-framework",
    path="metis-validation/metis-validation-service/src/test/resources/test_batch.zip",
    note="unzipped: 1,506 rdf:RDF records from HOPE, data provider Amsab-ISG",
    commit="d11967503c5bbd2c44c411c0a5d5f5a1c107c224",
    licence="The repository is EUPL-1.2; the records are Europeana metadata, which Europeana "
    "publishes under CC0 1.0. No licence file exists for the records themselves.",
    licence_files=(),
    selection="Files with a `dc:title`: all `mid-level` records (the serial Combat and its "
    "yearly volumes), then issue-level records spread evenly over the sorted file names, "
    f"{EDM_COUNT} in all, copied unchanged under their own file names.",
)
LIDO = Origin(
    name="Deutsche Digitale Bibliothek LIDO records",
    repository="nfdi4objects/lido-examples",
    path="AQinDa_DDB-real-data/*.xml",
    note="real records from the Deutsche Digitale Bibliothek API, one file per holder",
    commit="c6d8c7d45a2f415d04ce2cff21ee304701ebebb3",
    licence="The repository has no licence file; each record chosen states CC0 1.0 in its own "
    "lido:recordRights.",
    licence_files=(),
    selection="Files whose every record states CC0 in lido:recordRights and names one demo "
    "institution (Deutsches Museum, Kunsthalle Bremen) by ISIL in lido:repositoryName, copied "
    "unchanged; each holds one record. The KENOM records (lido/kenom) were left out: their "
    "recordRights say CC BY 4.0.",
)
ORIGINS = (CIT, CIT_THESAURUS, TATE, ACMI, EDM, LIDO)


def rank(value: str) -> str:
    """A stable pseudo-random order key: the SHA-256 of the value."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def compact_json(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def spread(items: Sequence[Any], count: int) -> list[Any]:
    """`count` items evenly spaced through a sequence (all of it when it is shorter)."""
    if count >= len(items):
        return list(items)
    return [items[index * len(items) // count] for index in range(count)]


def round_robin(groups: dict[str, list[Any]], count: int) -> list[Any]:
    """Take one item from each group in turn (groups in name order) until `count` are taken."""
    queues = [list(groups[name]) for name in sorted(groups)]
    chosen: list[Any] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    return chosen


# --------------------------------------------------------------------------------------------
# CIT: catalogue records per holder, and the thesaurus terms they use
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DmpRecord:
    """One dmp record: its original lines (the closing `$` included) and its fields."""

    lines: tuple[str, ...]
    fields: dict[str, list[str]]

    def first(self, name: str) -> str:
        return (self.fields.get(name) or [""])[0]


def read_dmp(path: Path) -> Iterator[DmpRecord]:
    """`FIELD value` lines, `; value` continuing the field above, `$` ending a record."""
    lines: list[str] = []
    fields: dict[str, list[str]] = defaultdict(list)
    last = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if line.strip() == "$":
            yield DmpRecord(tuple(lines), dict(fields))
            lines, fields, last = [], defaultdict(list), ""
        elif line.startswith("; ") and last:
            fields[last].append(line[2:].strip())
        elif line.strip():
            last, _, value = line.strip().partition(" ")
            fields[last].append(value.strip())


def cit_inventory_number(record: DmpRecord) -> str:
    return record.first("ID.INV.ALT" if record.first("COL") == "VANDA" else "INSTIT.INV")


def select_cit(records: Iterable[DmpRecord]) -> dict[str, list[DmpRecord]]:
    """Per institution, the chosen records in catalogue order."""
    by_holder: dict[str, dict[str, tuple[int, DmpRecord]]] = defaultdict(dict)
    for position, record in enumerate(records):
        institution = CIT_HOLDERS.get(record.first("COL"))
        number = cit_inventory_number(record)
        if institution and number and record.first("TITLE"):
            by_holder[institution].setdefault(number, (position, record))
    chosen = {}
    for institution, candidates in sorted(by_holder.items()):
        ordered = sorted(
            candidates.items(),
            key=lambda item: (not HAN.search(item[1][1].first("TITLE")), rank(item[0])),
        )
        kept = sorted(entry for _, entry in ordered[: CIT_QUOTAS[institution]])
        chosen[institution] = [record for _, record in kept]
    return chosen


def cit_notation(code: str) -> str:
    return "CIT0" + code[4:] if code.startswith("THES") else code


def thesaurus_subset(thesaurus: list[DmpRecord], used: set[str]) -> list[DmpRecord]:
    """The used terms and every broader term above them, in thesaurus order."""
    broader = {record.first("ID"): record.fields.get("BROADER", []) for record in thesaurus}
    wanted: set[str] = set()
    pending = [notation for notation in used if notation in broader]
    while pending:
        notation = pending.pop()
        if notation not in wanted:
            wanted.add(notation)
            pending += [parent for parent in broader.get(notation, []) if parent in broader]
    return [record for record in thesaurus if record.first("ID") in wanted]


def build_cit(corpus: Path, built: Built) -> None:
    chosen = select_cit(read_dmp(corpus / "cit_chinese_art_catalog/CATALOG.dmp"))
    used: set[str] = set()
    for institution, records in chosen.items():
        location = f"sources/{institution}/cit-catalogue.dmp"
        built.texts[location] = dmp_text(records)
        used |= {cit_notation(code) for record in records for code in record.fields.get("CIT", [])}
        built.sources[CIT.name].append(
            DemoSource(
                code=f"demo-cit-{institution}",
                institution=institution,
                format="cit",
                location=location,
                default_language=CIT_LANGUAGES[institution],
                records=len(records),
            )
        )
    thesaurus = list(read_dmp(corpus / "vocabularies/cit_chinese_iconography/CIT.dmp"))
    subset = thesaurus_subset(thesaurus, used)
    built.texts[CIT_VOCABULARY] = dmp_text(subset)
    built.vocabulary_terms = len(subset)


def dmp_text(records: Iterable[DmpRecord]) -> str:
    return "".join(line + "\n" for record in records for line in record.lines)


# --------------------------------------------------------------------------------------------
# Tate and ACMI: one JSON file per record in the corpus, JSON Lines here
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JsonFile:
    path: Path
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> JsonFile:
        return cls(path, json.loads(path.read_text(encoding="utf-8")))


def json_lines(files: Iterable[JsonFile]) -> str:
    ordered = sorted(files, key=lambda file: file.path)
    return "".join(compact_json(file.path.read_text(encoding="utf-8")) + "\n" for file in ordered)


def build_tate(corpus: Path, built: Built) -> None:
    groups: dict[str, list[JsonFile]] = defaultdict(list)
    for path in sorted((corpus / "tate/artworks").rglob("*.json")):
        file = JsonFile.read(path)
        if (file.data.get("title") or "").strip() and file.data.get("thumbnailUrl"):
            groups[(file.data.get("classification") or "-").strip()].append(file)
    for files in groups.values():
        files.sort(key=lambda file: rank(str(file.data["acno"])))
    chosen = round_robin(groups, TATE_COUNT)
    location = "sources/tate/artworks.jsonl"
    built.texts[location] = json_lines(chosen)
    built.sources[TATE.name].append(
        DemoSource(
            code="demo-tate-artworks",
            institution="tate",
            format="json",
            location=location,
            default_language="en",
            records=len(chosen),
            mapping="tate-json.toml",
        )
    )


def acmi_has_chinese(data: dict[str, Any]) -> bool:
    texts = [data.get("title") or "", *(data.get("other_title") or [])]
    return any(HAN.search(text) for text in texts if isinstance(text, str))


def build_acmi(corpus: Path, built: Built) -> None:
    files = [JsonFile.read(path) for path in sorted((corpus / "acmi/dist/objects").rglob("*.json"))]
    titled = [file for file in files if (file.data.get("title") or "").strip()]
    chinese = [file for file in titled if acmi_has_chinese(file.data)]
    others = sorted(
        (file for file in titled if not acmi_has_chinese(file.data)),
        key=lambda file: rank(str(file.data["system_id"])),
    )
    chosen = chinese + others[: ACMI_COUNT - len(chinese)]
    location = "sources/acmi/works.jsonl"
    built.texts[location] = json_lines(chosen)
    built.sources[ACMI.name].append(
        DemoSource(
            code="demo-acmi-works",
            institution="acmi",
            format="json",
            location=location,
            default_language="en",
            records=len(chosen),
            mapping="acmi-json.toml",
        )
    )


# --------------------------------------------------------------------------------------------
# EDM and LIDO: XML files copied as they are
# --------------------------------------------------------------------------------------------


def build_edm(corpus: Path, built: Built) -> None:
    paths = sorted((corpus / "europeana_edm/metis_test_batch_hope").glob("*.xml"))
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    titled = [path for path in paths if "<dc:title" in texts[path]]
    # HOPE marks the serial and its yearly volumes as dc:type "mid-level", issues as "item".
    upper = [path for path in titled if ">mid-level</dc:type>" in texts[path]]
    items = [path for path in titled if path not in set(upper)]
    chosen = sorted(upper + spread(items, EDM_COUNT - len(upper)))
    folder = "sources/amsab/edm-hope"
    for path in chosen:
        built.copies[f"{folder}/{path.name}"] = path
    built.sources[EDM.name].append(
        DemoSource(
            code="demo-amsab-hope",
            institution="amsab",
            format="edm",
            location=folder,
            default_language="fr",
            records=len(chosen),
        )
    )


def lido_demo_holder(path: Path) -> str | None:
    """The demo institution holding every record of the file, when all of them are CC0."""
    root = etree.parse(str(path), XML_PARSER).getroot()
    records = (
        [root] if etree.QName(root).localname == "lido" else root.findall("lido:lido", LIDO_NS)
    )
    holders: set[str | None] = set()
    for record in records:
        rights = record.iterfind(".//lido:recordRights/lido:rightsType/lido:conceptID", LIDO_NS)
        if not any(CC0_URI in (node.text or "") for node in rights):
            return None
        bodies = record.iterfind(
            ".//lido:repositorySet/lido:repositoryName/lido:legalBodyID", LIDO_NS
        )
        isils = {(node.text or "").strip().rsplit("/", 1)[-1] for node in bodies}
        holders |= {LIDO_HOLDERS[isil] for isil in isils if isil in LIDO_HOLDERS} or {None}
    return holders.pop() if len(holders) == 1 else None


def build_lido(corpus: Path, built: Built) -> None:
    for path in sorted((corpus / "lido/ddb_real_records").glob("*.xml")):
        institution = lido_demo_holder(path)
        if institution is None:
            continue
        location = f"sources/{institution}/{path.name}"
        built.copies[location] = path
        built.sources[LIDO.name].append(
            DemoSource(
                code=f"demo-{institution}-ddb",
                institution=institution,
                format="lido",
                location=location,
                default_language="de",
                records=1,
            )
        )


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def toml_value(value: str | int) -> str:
    # A JSON string is a valid TOML basic string for the plain texts written here.
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def sources_toml(built: Built) -> str:
    lines = [
        "# The demo's sources, ingested in this order by `caravan demo` through the real",
        "# importers. Generated by scripts/build_demo_data.py; do not edit by hand.",
        "# Locations are relative to this file; `mapping` names a file in caravan/ingest/mappings;",
        "# `records` is how many records the location holds.",
        "",
        "[[vocabularies]]",
        'code = "cit"',
        'format = "cit"',
        f"location = {toml_value(CIT_VOCABULARY)}",
    ]
    for origin in ORIGINS:
        for source in built.sources.get(origin.name, []):
            lines += ["", "[[sources]]"]
            for key in ("code", "institution", "format", "location", "mapping"):
                if getattr(source, key):
                    lines.append(f"{key} = {toml_value(getattr(source, key))}")
            lines.append(f"default_language = {toml_value(source.default_language)}")
            lines.append(f"records = {source.records}")
    return "\n".join(lines) + "\n"


def taken(sources: list[DemoSource]) -> str:
    total = sum(source.records for source in sources)
    if len(sources) < 2:
        return str(total)
    details = ", ".join(f"{source.institution} {source.records}" for source in sources)
    return f"{total} ({details})"


def sources_markdown(built: Built) -> str:
    lines = [
        "# Where the demo data comes from",
        "",
        "Everything under `sources/` and `vocabularies/`, and `sources.toml`, is generated by "
        "`scripts/build_demo_data.py` from the shared test corpus; do not edit it by hand. The "
        "records are in their sources' own formats and, but for the JSON Lines noted below, "
        "byte for byte as published; `caravan demo` loads them through the same importers as "
        "any member's data (`caravan ingest`), and every object keeps its source record "
        "verbatim. Only records released under CC0 are used. `institutions.json` is kept by "
        "hand: the institutions are real; the two alliances, their roles and membership dates "
        "are sample data.",
        "",
        "Access rules: after loading, `caravan demo` makes some objects `members` (alliance "
        "members only) and some `private`, so that the access rules can be shown: the SHA-256 "
        "of `visibility:<institution>:<local id>` picks a bucket of 100; bucket 0 is private, "
        "buckets 1 to 3 are members-only (about 1% and 3%). This is a demo-only step; the "
        "sources say nothing about access.",
        "",
    ]
    for origin in ORIGINS:
        copies = ", ".join(f"`licences/{name}`" for _, name in origin.licence_files)
        sources = built.sources.get(origin.name, [])
        lines += [
            f"## {origin.name}",
            "",
            f"* Repository: https://github.com/{origin.repository}",
            f"* Path: `{origin.path}` ({origin.note})",
            f"* Commit: `{origin.commit}`",
            f"* Licence: {origin.licence}",
            f"* Licence files copied: {copies or 'none (the source has no licence file)'}",
        ]
        if origin is CIT_THESAURUS:
            lines.append(f"* Terms taken: {built.vocabulary_terms:,}")
        if sources:
            lines += [
                f"* Records taken: {taken(sources)}",
                "* Demo sources: "
                + ", ".join(f"`{source.code}` (`{source.location}`)" for source in sources),
            ]
        lines += [f"* Selection: {origin.selection}", ""]
    return "\n".join(lines)


def write(built: Built, corpus: Path, out: Path) -> None:
    for name in GENERATED:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
    for relative, text in sorted(built.texts.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relative, path in sorted(built.copies.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (out / "licences").mkdir(parents=True)
    for origin in ORIGINS:
        for relative, name in origin.licence_files:
            shutil.copyfile(corpus / relative, out / "licences" / name)
    (out / "sources.toml").write_text(sources_toml(built), encoding="utf-8")
    (out / "SOURCES.md").write_text(sources_markdown(built), encoding="utf-8")


def summary(built: Built, out: Path) -> str:
    lines = [
        f"{source.code}: {source.records} records ({source.format}, {source.location})"
        for sources in built.sources.values()
        for source in sources
    ]
    total = sum(source.records for sources in built.sources.values() for source in sources)
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return "\n".join([*lines, f"records: {total}; data folder: {size:,} bytes"])


def build(corpus: Path, out: Path) -> int:
    built = Built()
    for step in (build_cit, build_tate, build_acmi, build_edm, build_lido):
        step(corpus, built)
    out.mkdir(parents=True, exist_ok=True)
    write(built, corpus, out)
    print(summary(built, out))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="the shared corpus directory (default: ../shared/corpus)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="where to write the demo data (default: caravan/demo/data)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"no corpus directory at {args.corpus}")
    return build(args.corpus.resolve(), args.out.resolve())


if __name__ == "__main__":
    sys.exit(main())
