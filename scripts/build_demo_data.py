#!/usr/bin/env python3
"""Build Caravan's bundled demo data from the shared open-data corpus.

Usage (from the repository root, with lxml installed):

    python scripts/build_demo_data.py [--corpus ../shared/corpus] [--out caravan/demo/data]

Reads CC0 catalogue records in five source formats (CIT dmp text, Tate JSON, ACMI JSON,
Europeana EDM RDF/XML, LIDO XML), maps each record to Caravan's own object shape and writes:

* ``objects.jsonl``: one object per line, sorted by institution then local_id;
* ``institutions.json``: the institutions, two sample alliances and their memberships;
* ``SOURCES.md``: where every record came from, under which licence, chosen by which rule;
* ``licences/``: plain copies of the sources' licence files.

The output depends only on the corpus: the selection uses sorted paths and SHA-256 ranks, never
the clock or a random generator, so running it twice gives byte-identical files. It ends with a
validation pass and exits non-zero when a record breaks the shape.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# lxml ships no type hints; lxml-stubs has them where installed (hence the two codes).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus"
DEFAULT_OUT = REPO_ROOT / "caravan" / "demo" / "data"

CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
CNE = "http://rightsstatements.org/vocab/CNE/1.0/"
IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"

Record = dict[str, Any]
LangMap = dict[str, str]
Term = dict[str, Any]
DmpFields = dict[str, list[str]]

# Safe XML parsing: no entity expansion, no network access.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_BYTES = 9_000_000
REQUIRED_KEYS = (
    "institution",
    "local_id",
    "language",
    "titles",
    "descriptions",
    "object_types",
    "materials",
    "techniques",
    "subjects",
    "agents",
    "production_place",
    "date_display",
    "earliest_year",
    "latest_year",
    "dimensions",
    "inscriptions",
    "credit_line",
    "rights",
    "visibility",
    "media",
    "web_page",
    "source",
    "raw",
)
RIGHTS_URI = re.compile(
    r"http://rightsstatements\.org/vocab/[A-Za-z-]+/1\.0/"
    r"|https?://creativecommons\.org/(licenses/[a-z-]+/\d\.\d/|publicdomain/(zero|mark)/1\.0/)"
)


# How much each source contributes. objects.jsonl must stay under 9 MB with every source
# record kept verbatim in `raw`, which is what limits Tate and ACMI (about 6 KB per object).
CIT_QUOTAS = {"npm": 520, "met": 300, "vam": 300, "hyl": 300, "cma": 300}
# The catalogue gives up to ~50 subject codes per record, the main subject first; six are kept
# in `subjects` (all of them stay in `raw`).
CIT_SUBJECTS = 6
TATE_COUNT = 400
ACMI_COUNT = 300
EDM_COUNT = 250

# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One upstream data set: where it lives, under which licence, and how records are chosen."""

    name: str
    format: str
    url: str
    repository: str
    path: str
    note: str
    commit: str
    licence: str
    licence_files: tuple[tuple[str, str], ...]
    selection: str

    def stamp(self) -> dict[str, str]:
        return {"name": self.name, "format": self.format, "url": self.url, "licence": CC0}


CIT = Source(
    name="CIT catalogue of Chinese art (V&A Chinese Iconography Thesaurus)",
    format="cit-dmp",
    url="https://github.com/iconclass/cit",
    repository="iconclass/cit",
    path="data/CATALOG.dmp",
    note="the last version of the file under 4 MiB; subject terms come from data/CIT.dmp of "
    "the same repository at commit 602600a9f0a57787e69ef7b78f72a1065f24c0ec",
    commit="1e1eae9a2c5c5f4ef219db14c7eb1398a9e94f8f",
    licence="CC0 1.0 (the repository's LICENSE); records compiled by the V&A CIT project from "
    "the holding museums' catalogues",
    licence_files=(("cit_chinese_art_catalog/LICENSE", "cit-LICENSE"),),
    selection="The holding museum (COL) is the record's institution. Records are grouped by the "
    "holder's own inventory number (the V&A museum number for the V&A), and only the first "
    "record of each number is kept, so album leaves filed under one number become one object. "
    "Within each holder, records whose title has Chinese come first, then the rest; each group "
    "is ordered by the SHA-256 of the inventory number, and at most "
    f"{', '.join(f'{n} ({code})' for code, n in CIT_QUOTAS.items())} are taken. "
    "CIT/THES subject codes are resolved through the CIT thesaurus to terms with English and "
    "Traditional Chinese labels (the catalogue's THESnnnnnn is the thesaurus entry CIT0nnnnnn); "
    f"the first {CIT_SUBJECTS} resolved codes become `subjects`, and all codes stay in `raw`. "
    "An artist's Chinese name is added only when a run of characters in the Chinese title "
    "reads exactly as the romanised name (readings learnt from the thesaurus's pinyin).",
)
TATE = Source(
    name="Tate collection data",
    format="tate-json",
    url="https://github.com/tategallery/collection",
    repository="tategallery/collection",
    path="artworks/**.json",
    note="the shared corpus holds every 8th file in sorted path order",
    commit="a51d8afc988ed083557e2950f4d0b644e7719f4a",
    licence="CC0 1.0 (LICENCE)",
    licence_files=(("tate/LICENCE", "tate-LICENCE"),),
    selection="Artworks with a title and a thumbnail URL, ordered by the SHA-256 of the accession "
    "number, then taken in turn from each Tate classification (painting, sculpture, print, "
    f"work on paper, ...) until {TATE_COUNT} are chosen, so small classifications are all "
    "included. "
    "`rights` is InC when Tate names a copyright holder for the image "
    "(`thumbnailCopyright`), otherwise CNE. Foreign-language titles (`foreignTitle`) have no "
    "language tag in the source and are kept only in `raw`.",
)
ACMI = Source(
    name="ACMI collection data",
    format="acmi-json",
    url="https://github.com/ACMILabs/collection",
    repository="ACMILabs/collection",
    path="dist/objects/**.json",
    note="an old commit (later ones deleted the data); the shared corpus holds every 16th file "
    "plus all files with non-Latin text",
    commit="ce07d26f61d7049a22dbff17e79f0e53fc00b1bf",
    licence="CC0 1.0 (LICENSE.md, README)",
    licence_files=(("acmi/LICENSE.md", "acmi-LICENSE.md"),),
    selection="Every record with a Chinese title (all of them), then other records ordered by the "
    f"SHA-256 of the ACMI system id until {ACMI_COUNT} are chosen. `local_id` is the system id, "
    "which "
    "ACMI recommends as the stable identifier. Chinese titles are tagged zh-Hans or zh-Hant "
    "when every distinguishing character belongs to one script (GB 2312 versus Big5 "
    "coverage), else zh; the pinyin part of an `English = pinyin` title is tagged "
    "zh-Latn-pinyin. The JSON has no rights field for the works, so `rights` is CNE.",
)
EDM = Source(
    name="Europeana EDM records (HOPE / Amsab-ISG)",
    format="edm-rdfxml",
    url="https://github.com/europeana/metis-framework",
    repository="europeana/metis-framework",
    path="metis-validation/metis-validation-service/src/test/resources/test_batch.zip",
    note="unzipped: 1,506 rdf:RDF records from HOPE, data provider Amsab-ISG",
    commit="d11967503c5bbd2c44c411c0a5d5f5a1c107c224",
    licence="The repository is EUPL-1.2; the records are Europeana metadata, which Europeana "
    "publishes under CC0 1.0. No licence file exists for the records themselves.",
    licence_files=(),
    selection="All 33 `mid-level` records (the serial Combat and its yearly volumes), then "
    "issue-level records spread evenly over the sorted file names, "
    f"{EDM_COUNT} in all. `local_id` is "
    "the handle of the edm:ProvidedCHO, because every record carries the same shelf mark "
    "(PV-MTSF 258). The obsolete Europeana statement rr-f (rights reserved, free access) is "
    "mapped to its successor InC 1.0. Texts without xml:lang take the record's dc:language "
    "(fra, so fr), except subject headings, which are tagged und.",
)
LIDO = Source(
    name="Deutsche Digitale Bibliothek LIDO records",
    format="lido-xml",
    url="https://github.com/nfdi4objects/lido-examples",
    repository="nfdi4objects/lido-examples",
    path="AQinDa_DDB-real-data/*.xml",
    note="real records from the Deutsche Digitale Bibliothek API, one file per holder",
    commit="c6d8c7d45a2f415d04ce2cff21ee304701ebebb3",
    licence="The repository has no licence file; each record chosen states CC0 1.0 in its own "
    "lido:recordRights.",
    licence_files=(),
    selection="Only records whose lido:recordRights is CC0 and whose holder is a demo "
    "institution (Deutsches Museum, Kunsthalle Bremen): one record each. The KENOM records "
    "(lido/kenom) were left out: their recordRights say CC BY 4.0, not CC0.",
)
SOURCES = (CIT, TATE, ACMI, EDM, LIDO)


# --------------------------------------------------------------------------------------------
# Small helpers shared by the mappers
# --------------------------------------------------------------------------------------------


def clean(text: str | None) -> str:
    return (text or "").strip()


def lang_map(lang: str, text: str | None) -> LangMap:
    """A one-language map, or {} when the text is empty."""
    return {lang: clean(text)} if clean(text) else {}


def term(text: str | None, lang: str, concept: dict[str, Any] | None = None) -> Term | None:
    if not clean(text):
        return None
    return {"text": clean(text), "lang": lang, "concept": concept}


def unique_terms(terms: Iterable[Term | None]) -> list[Term]:
    """Drop empty terms and repeats of the same text, keeping the first."""
    seen: set[str] = set()
    kept = []
    for item in terms:
        if item is None or item["text"].casefold() in seen:
            continue
        seen.add(item["text"].casefold())
        kept.append(item)
    return kept


def media_item(image: str | None, thumbnail: str | None = None, rights: str = "") -> dict[str, Any]:
    item: dict[str, Any] = {
        "image_url": image,
        "thumbnail_url": thumbnail or image,
        "iiif_service": None,
    }
    if rights:
        item["rights"] = rights
    return item


def rank(value: str) -> str:
    """A stable pseudo-random order key: the SHA-256 of the value."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def visibility_for(institution: str, local_id: str) -> str:
    """About 1% private and 3% members-only, fixed by the identifiers."""
    bucket = int(rank(f"visibility:{institution}:{local_id}")[:8], 16) % 100
    if bucket == 0:
        return "private"
    return "members" if bucket <= 3 else "public"


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


def normalise_rights(uri: str | None) -> str | None:
    """A CC or rightsstatements.org URI in its canonical form, or None for anything else."""
    value = clean(uri)
    value = re.sub(r"deed\.[a-z-]+$", "", value)
    if value and not value.endswith("/"):
        value += "/"
    return value if RIGHTS_URI.fullmatch(value) else None


def make_record(
    *,
    source: Source,
    institution: str,
    local_id: str,
    language: str,
    titles: LangMap,
    raw: str,
    **fields: Any,
) -> Record:
    """A complete object line: every key present, empty fields as {} / [] / null."""
    record: Record = {
        "descriptions": {},
        "object_types": [],
        "materials": [],
        "techniques": [],
        "subjects": [],
        "agents": [],
        "production_place": {},
        "date_display": {},
        "earliest_year": None,
        "latest_year": None,
        "dimensions": {},
        "inscriptions": {},
        "credit_line": {},
        "rights": CNE,
        "media": [],
        "web_page": None,
    }
    record.update({key: value for key, value in fields.items() if value not in (None, "")})
    record.update(
        institution=institution,
        local_id=local_id,
        language=language,
        titles=titles,
        raw=raw,
        source=source.stamp(),
        visibility=visibility_for(institution, local_id),
    )
    return record


# --------------------------------------------------------------------------------------------
# Dates: the text as given, plus earliest/latest years where the text allows
# --------------------------------------------------------------------------------------------

Years = tuple[int | None, int | None]
UNKNOWN: Years = (None, None)

# Well-known ranges; ambiguous names (e.g. "Jin", which is two different dynasties) are absent.
CHINESE_PERIODS: dict[str, tuple[int, int]] = {
    "shang": (-1600, -1046),
    "zhou": (-1046, -256),
    "western zhou": (-1046, -771),
    "eastern zhou": (-770, -256),
    "spring and autumn": (-770, -476),
    "warring states": (-475, -221),
    "qin": (-221, -206),
    "han": (-206, 220),
    "western han": (-206, 9),
    "eastern han": (25, 220),
    "three kingdoms": (220, 280),
    "six dynasties": (220, 589),
    "southern dynasties": (420, 589),
    "northern and southern dynasties": (420, 589),
    "sui": (581, 618),
    "tang": (618, 907),
    "five dynasties": (907, 960),
    "five dynasties and ten kingdoms": (907, 979),
    "song": (960, 1279),
    "northern song": (960, 1127),
    "southern song": (1127, 1279),
    "liao": (907, 1125),
    "yuan": (1271, 1368),
    "ming": (1368, 1644),
    "qing": (1644, 1911),
    "republic": (1912, 1949),
    # Reign periods of the Ming and Qing emperors.
    "hongwu": (1368, 1398),
    "yongle": (1403, 1424),
    "xuande": (1426, 1435),
    "chenghua": (1465, 1487),
    "hongzhi": (1488, 1505),
    "zhengde": (1506, 1521),
    "jiajing": (1522, 1566),
    "longqing": (1567, 1572),
    "wanli": (1573, 1620),
    "tianqi": (1621, 1627),
    "chongzhen": (1628, 1644),
    "shunzhi": (1644, 1661),
    "kangxi": (1662, 1722),
    "yongzheng": (1723, 1735),
    "qianlong": (1736, 1795),
    "jiaqing": (1796, 1820),
    "daoguang": (1821, 1850),
    "xianfeng": (1851, 1861),
    "tongzhi": (1862, 1874),
    "guangxu": (1875, 1908),
    "xuantong": (1909, 1911),
}
MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
APPROXIMATE = re.compile(r"^(?:c\.|ca\.?|circa|about|approx\.?)\s*")
ERA_BC = re.compile(r"\s*(?:bc|bce|b\.c\.|b\.c\.e\.)$")
ERA_AD = re.compile(r"^(?:ad|a\.d\.)\s*|\s*(?:ad|ce|a\.d\.|n\. chr\.)$")
RANGE_SPLIT = re.compile(r"\s*(?:-|\bto\b|\bbis\b)\s*")


def chinese_period(text: str) -> Years:
    """Years of a Chinese dynasty or reign name ("Qing dynasty", "Qianlong period")."""
    name = re.sub(r"\b(dynasty|dynasties period|period|reign)\b", "", text.lower()).strip()
    name = re.sub(r"\s+", " ", name)
    return CHINESE_PERIODS.get(name, UNKNOWN)


def parse_years(text: str | None) -> Years:
    """Earliest and latest year of a date as written; (None, None) when unsure."""
    value = clean(text).lower().replace("\u2013", "-").replace("\u2014", "-")
    value = re.sub(r"\bmid-", "mid ", value)
    if not value or value.startswith("-"):
        return UNKNOWN  # empty, or an open range ("-1921": until 1921)
    inner = re.search(r"\(([^()]*\d[^()]*)\)", value)
    if inner and parse_years(inner.group(1)) != UNKNOWN:
        return parse_years(inner.group(1))
    parts = [part for part in RANGE_SPLIT.split(value, maxsplit=1) if part]
    if len(parts) == 1:
        return _point(parts[0])
    return _range(parts[0], parts[1])


def _range(left: str, right: str) -> Years:
    bare_left = APPROXIMATE.sub("", left)
    if re.fullmatch(r"\d{4}\??", bare_left) and re.fullmatch(r"\d{2}", right):
        right = bare_left[:2] + right  # "1542-43" is 1542 to 1543
    right_bc = bool(ERA_BC.search(right))
    start = _point(left, force_bc=right_bc)[0]
    end = _point(right)[1]
    if start is None or end is None or start > end:
        return UNKNOWN
    return start, end


def _point(text: str, *, force_bc: bool = False) -> Years:
    value = APPROXIMATE.sub("", text.strip()).rstrip("?").strip()
    negative = force_bc or bool(ERA_BC.search(value))
    value = ERA_AD.sub("", ERA_BC.sub("", value)).strip()
    years = _plain_point(value)
    if not negative or years[0] is None or years[1] is None:
        return years
    if "half" in value:
        return UNKNOWN  # halves of a BC span would need reversing; rare, so left unknown
    if "century" in value:  # the 3rd century BC runs from 300 to 201 BC
        return -(years[1] + 1), -(years[1] + 1) + 99
    return -years[1], -years[0]


def _plain_point(value: str) -> Years:
    halves = re.fullmatch(r"(first|second) half(?: of)? (.+)", value)
    if halves:
        return _half(halves.group(1), _plain_point(halves.group(2)))
    value = re.sub(r"^(?:early|mid|late|mid-)\s*", "", value)  # keeps the whole span: safe
    for pattern, read in _POINT_PATTERNS:
        match = re.fullmatch(pattern, value)
        if match:
            return read(match)
    return UNKNOWN


def _half(which: str, span: Years) -> Years:
    start, end = span
    if start is None or end is None:
        return UNKNOWN
    middle = start + (end - start + 1) // 2
    return (start, middle - 1) if which == "first" else (middle, end)


def _century(match: re.Match[str]) -> Years:
    number = int(match.group(1))
    return max((number - 1) * 100, 1), (number - 1) * 100 + 99  # no year 0


def _hundreds(match: re.Match[str]) -> Years:
    year = int(match.group(1))
    if year % 100 == 0:
        return year, year + 99  # "1500s": the sixteenth century
    return (year, year + 9) if year % 10 == 0 else UNKNOWN


def _single(match: re.Match[str]) -> Years:
    year = int(match.group(1))
    return year, year


_POINT_PATTERNS: tuple[tuple[str, Callable[[re.Match[str]], Years]], ...] = (
    (r"(\d{1,2})(?:st|nd|rd|th) century", _century),
    (r"(\d{3,4})'?s", _hundreds),
    (r"(\d{1,4})", _single),
    (rf"(?:\d{{1,2}}\s+)?(?:{MONTHS})[a-z]*\.?\s+(\d{{4}})", _single),
    (r"\d{1,2}[./]\d{1,2}[./](\d{4})", _single),
    (r"\d{1,2}[./](\d{4})", _single),
)


def date_fields(text: str | None, lang: str, years: Years | None = None) -> dict[str, Any]:
    """date_display exactly as given, and the years (from the source or parsed from the text)."""
    earliest, latest = years if years and years[0] is not None else parse_years(text)
    return {"date_display": lang_map(lang, text), "earliest_year": earliest, "latest_year": latest}


# --------------------------------------------------------------------------------------------
# Chinese script detection (ACMI titles)
# --------------------------------------------------------------------------------------------


def _encodes(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def chinese_tag(text: str) -> str:
    """zh-Hans or zh-Hant when the characters that differ all point one way, else zh.

    GB 2312 covers Simplified characters and Big5 Traditional ones; a character in only one
    of them tells the script. Characters in both (or neither) say nothing.
    """
    simplified = traditional = 0
    for character in HAN.findall(text):
        in_gb, in_big5 = _encodes(character, "gb2312"), _encodes(character, "big5")
        simplified += in_gb and not in_big5
        traditional += in_big5 and not in_gb
    if simplified and not traditional:
        return "zh-Hans"
    if traditional and not simplified:
        return "zh-Hant"
    return "zh"


# --------------------------------------------------------------------------------------------
# Source 1: CIT catalogue of Chinese art (dmp text records)
# --------------------------------------------------------------------------------------------

CIT_HOLDERS: dict[str, tuple[str, str]] = {
    # COL code: (institution, cataloguing language)
    "NPM": ("npm", "zh-Hant"),
    "MET": ("met", "en"),
    "VANDA": ("vam", "en"),
    "HYL": ("hyl", "zh-Hant"),
    "CMA": ("cma", "en"),
}
NO_ARTIST = {"unknown", "unidentified", "anonymous", "n/a"}


def parse_dmp(text: str) -> Iterator[tuple[DmpFields, str]]:
    """Records of an Iconclass dmp file: `FIELD value` lines, `; value` continuations, `$` ends."""
    fields: DmpFields = defaultdict(list)
    lines: list[str] = []
    last = ""
    for line in text.splitlines():
        if line.strip() == "$":
            if lines:
                yield dict(fields), "\n".join([*lines, "$"])
            fields, lines, last = defaultdict(list), [], ""
            continue
        lines.append(line)
        if line.startswith("; ") and last:
            fields[last].append(line[2:].strip())
        elif line.strip():
            last, _, value = line.partition(" ")
            fields[last].append(value.strip())


def first(fields: DmpFields, name: str) -> str:
    values = fields.get(name) or [""]
    return values[0].strip()


@dataclass(frozen=True)
class CitTerm:
    notation: str
    en: str
    zh: str
    pinyin: str

    def subject(self) -> Term | None:
        labels = {"en": self.en, "zh-Hant": self.zh}
        concept = {
            "scheme": "cit",
            "notation": self.notation,
            "labels": {tag: text for tag, text in labels.items() if text},
        }
        if self.en:
            return term(self.en, "en", concept)
        return term(self.zh, "zh-Hant", concept)


def load_cit_vocabulary(path: Path) -> dict[str, CitTerm]:
    vocabulary = {}
    for fields, _raw in parse_dmp(path.read_text(encoding="utf-8")):
        notation = first(fields, "ID")
        vocabulary[notation] = CitTerm(
            notation=notation,
            en=first(fields, "TERM_EN"),
            zh=first(fields, "TERM_ZH"),
            pinyin=first(fields, "TERM_PINYIN"),
        )
    return vocabulary


def cit_concept(code: str, vocabulary: dict[str, CitTerm]) -> CitTerm | None:
    """The thesaurus entry of a catalogue code; THESnnnnnn was renumbered CIT0nnnnnn."""
    if code.startswith("THES"):
        code = "CIT0" + code[4:]
    return vocabulary.get(code)


def cit_titles(title: str) -> LangMap:
    """`English|中文` (either order) split into a language map; Chinese here is Traditional."""
    titles: LangMap = {}
    for part in title.split("|"):
        tag = "zh-Hant" if HAN.search(part) else "en"
        if clean(part) and tag not in titles:
            titles[tag] = clean(part)
    return titles


def cit_local_id(fields: DmpFields) -> str:
    if first(fields, "COL") == "VANDA":
        return first(fields, "ID.INV.ALT")  # the V&A museum number
    return first(fields, "INSTIT.INV")


def cit_agents(fields: DmpFields, titles: LangMap, readings: PinyinIndex) -> list[dict[str, Any]]:
    name = first(fields, "PERSON.ARTIST")
    if not name or name.lower() in NO_ARTIST:
        return []
    names = {"en": name}
    chinese = readings.find_name(name, titles.get("zh-Hant", ""))
    if chinese:
        names["zh-Hant"] = chinese
    role = first(fields, "PERSON.ROLE") or "artist"
    return [{"name": names, "role": {"en": role}, "kind": "person"}]


def cit_record(
    fields: DmpFields, raw: str, vocabulary: dict[str, CitTerm], readings: PinyinIndex
) -> Record | None:
    institution, language = CIT_HOLDERS[first(fields, "COL")]
    local_id = cit_local_id(fields)
    titles = cit_titles(first(fields, "TITLE"))
    if not local_id or not titles:
        return None
    concepts = [cit_concept(code, vocabulary) for code in fields.get("CIT", [])]
    return make_record(
        source=CIT,
        institution=institution,
        local_id=local_id,
        language=language,
        titles=titles,
        raw=raw,
        object_types=unique_terms([term(first(fields, "DESCRIPTION"), "en")]),
        subjects=unique_terms(c.subject() for c in concepts if c)[:CIT_SUBJECTS],
        agents=cit_agents(fields, titles, readings),
        **date_fields(first(fields, "DATE"), "en", cit_years(first(fields, "DATE"))),
        web_page=first(fields, "URL.WEBPAGE"),
    )


def cit_years(text: str) -> Years:
    period = chinese_period(text)
    return period if period != UNKNOWN else parse_years(text)


def select_cit(records: Iterable[Record]) -> list[Record]:
    """First record per inventory number; Chinese titles first; SHA-256 order; quota per holder."""
    by_holder: dict[str, dict[str, Record]] = defaultdict(dict)
    for record in records:
        by_holder[record["institution"]].setdefault(record["local_id"], record)
    chosen = []
    for institution, candidates in sorted(by_holder.items()):
        ordered = sorted(
            candidates.values(),
            key=lambda r: (
                not any(tag.startswith("zh") for tag in r["titles"]),
                rank(r["local_id"]),
            ),
        )
        chosen.extend(ordered[: CIT_QUOTAS[institution]])
    return chosen


def load_cit(corpus: Path) -> list[Record]:
    vocabulary = load_cit_vocabulary(corpus / "vocabularies/cit_chinese_iconography/CIT.dmp")
    readings = PinyinIndex.from_vocabulary(vocabulary.values())
    text = (corpus / "cit_chinese_art_catalog/CATALOG.dmp").read_text(encoding="utf-8")
    records = (cit_record(fields, raw, vocabulary, readings) for fields, raw in parse_dmp(text))
    return select_cit(record for record in records if record)


class PinyinIndex:
    """Readings of Chinese characters, learnt from the CIT thesaurus's TERM_ZH/TERM_PINYIN pairs.

    Used to find an artist's name in Chinese inside a record's Chinese title: a run of 2-4
    characters is accepted only when its readings spell the romanised name exactly
    ("Xiao Yuncong" = xiao + yun + cong), so no name is ever guessed.
    """

    def __init__(self, readings: dict[str, set[str]]) -> None:
        self.readings = readings

    @classmethod
    def from_vocabulary(cls, terms: Iterable[CitTerm]) -> PinyinIndex:
        readings: dict[str, set[str]] = defaultdict(set)
        for entry in terms:
            characters = HAN.findall(entry.zh)
            syllables = re.findall(r"[a-z\u00fc]+", entry.pinyin.lower().replace("u:", "\u00fc"))
            if characters and len(characters) == len(syllables):
                for character, syllable in zip(characters, syllables, strict=True):
                    readings[character].add(syllable.replace("\u00fc", "u"))
        return cls(dict(readings))

    def spells(self, characters: str, letters: str) -> bool:
        if not characters:
            return not letters
        return any(
            letters.startswith(syllable) and self.spells(characters[1:], letters[len(syllable) :])
            for syllable in self.readings.get(characters[0], ())
        )

    def find_name(self, name: str, title: str) -> str | None:
        letters = re.sub(r"[^a-z]", "", name.lower().replace("\u00fc", "u"))
        runs: list[str] = re.findall(r"[\u3400-\u9fff]+", title)
        for run in runs:
            for size in (2, 3, 4):
                for start in range(len(run) - size + 1):
                    candidate = run[start : start + size]
                    if self.spells(candidate, letters):
                        return candidate
        return None


# --------------------------------------------------------------------------------------------
# Source 2: Tate (one JSON file per artwork)
# --------------------------------------------------------------------------------------------


def tate_subjects(node: dict[str, Any] | None) -> Iterator[Term | None]:
    """The leaves of Tate's subject tree (the specific terms, e.g. 'hand', 'jug')."""
    if not node:
        return
    children = node.get("children") or []
    if not children and node.get("name") and node.get("id") != 1:
        concept = {
            "scheme": "tate-subjects",
            "notation": str(node["id"]),
            "labels": {"en": node["name"]},
        }
        yield term(node["name"], "en", concept)
    for child in children:
        yield from tate_subjects(child)


def tate_agent(contributor: dict[str, Any]) -> dict[str, Any]:
    name = contributor.get("fc") or ""
    if contributor.get("gender"):
        kind = "person"
    elif "school" in name.lower():
        kind = "culture"
    elif re.search(r"&| and |family|collective|;", name, re.IGNORECASE):
        kind = "group"
    else:
        kind = "person"
    return {"name": {"en": name}, "role": lang_map("en", contributor.get("role")), "kind": kind}


def tate_record(path: Path) -> Record | None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    years = data.get("dateRange") or {}
    thumbnail = data.get("thumbnailUrl")
    movements = [term(item.get("name"), "en") for item in data.get("movements") or []]
    return make_record(
        source=TATE,
        institution="tate",
        local_id=data["acno"],
        language="en",
        titles=lang_map("en", data.get("title")),
        raw=text,
        object_types=unique_terms([term(data.get("classification"), "en")]),
        materials=unique_terms([term(data.get("medium"), "en")]),
        subjects=unique_terms([*tate_subjects(data.get("subjects")), *movements]),
        agents=[tate_agent(item) for item in data.get("contributors") or [] if item.get("fc")],
        **date_fields(
            data.get("dateText"),
            "en",
            (years.get("startYear"), years.get("endYear")) if years else None,
        ),
        dimensions=lang_map("en", data.get("dimensions")),
        inscriptions=lang_map("en", data.get("inscription")),
        credit_line=lang_map("en", data.get("creditLine")),
        rights=IN_COPYRIGHT if data.get("thumbnailCopyright") else CNE,
        media=[media_item(thumbnail)] if thumbnail else [],
        web_page=data.get("url"),
    )


def load_tate(corpus: Path) -> list[Record]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for path in sorted((corpus / "tate/artworks").rglob("*.json")):
        record = tate_record(path)
        if record and record["titles"] and record["media"]:
            kind = record["object_types"][0]["text"] if record["object_types"] else "-"
            groups[kind].append(record)
    for records in groups.values():
        records.sort(key=lambda r: rank(r["local_id"]))
    return round_robin(groups, TATE_COUNT)


# --------------------------------------------------------------------------------------------
# Source 3: ACMI (one JSON file per film, programme or work)
# --------------------------------------------------------------------------------------------

ACMI_GROUP_ROLES = {
    "production company",
    "distributor",
    "production facilities",
    "partner",
    "funding",
    "support",
    "sponsor",
    "school",
    "finance",
}


def acmi_values(data: dict[str, Any], key: str) -> list[str]:
    return [clean(value) for value in data.get(key) or [] if clean(value)]


def acmi_titles(data: dict[str, Any]) -> LangMap:
    """The English title; for Chinese films also the Chinese title and its pinyin."""
    title = clean(data.get("title"))
    segments = [clean(part) for part in title.split(" = ") if clean(part)]
    chinese = [text for text in [*segments, *acmi_values(data, "other_title")] if HAN.search(text)]
    if not chinese:
        return lang_map("en", title)
    titles: LangMap = {}
    if segments and not HAN.search(segments[0]):
        titles["en"] = segments[0]
    pinyin = [part for part in segments[1:] if not HAN.search(part)]
    if pinyin:
        titles["zh-Latn-pinyin"] = pinyin[0]
    titles[chinese_tag(chinese[0])] = chinese[0]
    return titles


def acmi_agent(entry: str) -> dict[str, Any]:
    name, _, role = entry.rpartition(", ") if ", " in entry else (entry, "", "")
    kind = "group" if role.lower() in ACMI_GROUP_ROLES else "person"
    return {"name": {"en": name.strip()}, "role": lang_map("en", role), "kind": kind}


def acmi_terms(data: dict[str, Any], key: str, *, leaf: bool) -> list[Term]:
    """Terms of a `Parent/Child` list: the top level (leaf=False) or the most specific part."""
    values = acmi_values(data, key)
    return unique_terms(term(value.split("/")[-1 if leaf else 0], "en") for value in values)


def acmi_record(path: Path) -> Record:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    dates = acmi_values(data, "creation_date")
    length = "; ".join(acmi_values(data, "length"))
    return make_record(
        source=ACMI,
        institution="acmi",
        local_id=str(data["system_id"]),
        language="en",
        titles=acmi_titles(data),
        raw=text,
        descriptions=lang_map(
            "en", "\n\n".join(acmi_values(data, "abstract") + acmi_values(data, "description"))
        ),
        object_types=acmi_terms(data, "form", leaf=False),
        techniques=unique_terms(
            term(value, "en")
            for value in acmi_values(data, "colour") + acmi_values(data, "sound_audio")
        ),
        subjects=unique_terms(
            [*acmi_terms(data, "genre", leaf=True), *acmi_terms(data, "subject_group", leaf=True)]
        ),
        agents=[acmi_agent(entry) for entry in acmi_values(data, "creator_contributor_role")],
        production_place=lang_map("en", ", ".join(acmi_values(data, "place_of_production"))),
        **date_fields(dates[0] if dates else None, "en"),
        dimensions=lang_map("en", f"duration {length}" if length else None),
        web_page=data.get("permalink"),
    )


def load_acmi(corpus: Path) -> list[Record]:
    records = [acmi_record(path) for path in sorted((corpus / "acmi/dist/objects").rglob("*.json"))]
    records = [record for record in records if record["titles"]]
    chinese = [r for r in records if any(tag.startswith("zh") for tag in r["titles"])]
    chosen = {r["local_id"] for r in chinese}
    others = sorted(
        (r for r in records if r["local_id"] not in chosen), key=lambda r: rank(r["local_id"])
    )
    return chinese + others[: ACMI_COUNT - len(chinese)]


# --------------------------------------------------------------------------------------------
# Source 4: Europeana EDM (RDF/XML, one rdf:RDF per file)
# --------------------------------------------------------------------------------------------

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "edm": "http://www.europeana.eu/schemas/edm/",
    "ore": "http://www.openarchives.org/ore/terms/",
    "lido": "http://www.lido-schema.org",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RDF_ABOUT = f"{{{NS['rdf']}}}about"
RDF_RESOURCE = f"{{{NS['rdf']}}}resource"
ISO_639_2 = {
    "fra": "fr",
    "fre": "fr",
    "nld": "nl",
    "dut": "nl",
    "deu": "de",
    "ger": "de",
    "eng": "en",
    "ita": "it",
    "spa": "es",
    "zho": "zh",
    "chi": "zh",
    "rus": "ru",
}
# Europeana's retired statements and their rightsstatements.org successors.
EUROPEANA_RIGHTS = {
    "http://www.europeana.eu/rights/rr-f/": IN_COPYRIGHT,
    "http://www.europeana.eu/rights/rr-p/": IN_COPYRIGHT,
    "http://www.europeana.eu/rights/rr-r/": IN_COPYRIGHT,
    "http://www.europeana.eu/rights/unknown/": CNE,
}


def bcp47(code: str | None, default: str) -> str:
    value = clean(code).lower()
    return ISO_639_2.get(value, value) if value else default


def texts(element: etree._Element | None, path: str) -> list[etree._Element]:
    if element is None:
        return []
    return [node for node in element.findall(path, NS) if clean(node.text)]


def edm_map(element: etree._Element | None, path: str, default: str) -> LangMap:
    """A language map from repeated elements: xml:lang when present, else the default tag."""
    found: LangMap = {}
    for node in texts(element, path):
        found.setdefault(bcp47(node.get(XML_LANG), default), clean(node.text))
    return found


def edm_resource(element: etree._Element | None, path: str) -> str | None:
    node = element.find(path, NS) if element is not None else None
    return node.get(RDF_RESOURCE) if node is not None else None


def edm_rights(aggregation: etree._Element | None) -> str:
    uri = clean(edm_resource(aggregation, "edm:rights"))
    return EUROPEANA_RIGHTS.get(uri) or normalise_rights(uri) or CNE


def edm_record(path: Path) -> Record | None:
    root = etree.parse(str(path), XML_PARSER).getroot()
    proxy = root.find("ore:Proxy", NS)
    aggregation = root.find("ore:Aggregation", NS)
    cho = root.find("edm:ProvidedCHO", NS)
    if proxy is None or cho is None:
        return None
    languages = texts(proxy, "dc:language")
    language = bcp47(languages[0].text if languages else None, "und")
    image = edm_resource(aggregation, "edm:isShownBy")
    dates = texts(proxy, "dcterms:issued") + texts(proxy, "dc:date")
    kinds = texts(proxy, "edm:type")
    return make_record(
        source=EDM,
        institution="amsab",
        local_id=cho.get(RDF_ABOUT, ""),
        language=language,
        titles=edm_map(proxy, "dc:title", language),
        raw=etree.tostring(root, encoding="unicode"),
        descriptions=edm_map(proxy, "dc:description", language),
        object_types=unique_terms(term(clean(node.text).lower(), "en") for node in kinds),
        materials=unique_terms(
            term(node.text, bcp47(node.get(XML_LANG), language))
            for node in texts(proxy, "dcterms:medium")
        ),
        subjects=unique_terms(
            term(node.text, bcp47(node.get(XML_LANG), "und")) for node in texts(proxy, "dc:subject")
        ),
        agents=[
            {"name": {language: clean(node.text)}, "role": {"en": "creator"}, "kind": "person"}
            for node in texts(proxy, "dc:creator")
        ],
        **date_fields(dates[0].text if dates else None, language),
        rights=edm_rights(aggregation),
        media=[media_item(image, edm_resource(aggregation, "edm:object"))] if image else [],
        web_page=edm_resource(aggregation, "edm:isShownAt"),
    )


def load_edm(corpus: Path) -> list[Record]:
    paths = sorted((corpus / "europeana_edm/metis_test_batch_hope").glob("*.xml"))
    records = [record for record in map(edm_record, paths) if record and record["titles"]]
    # HOPE marks the serial and its yearly volumes as dc:type "mid-level", issues as "item".
    upper = [r for r in records if ">mid-level</dc:type>" in r["raw"]]
    items = [r for r in records if ">mid-level</dc:type>" not in r["raw"]]
    return upper + spread(items, EDM_COUNT - len(upper))


# --------------------------------------------------------------------------------------------
# Source 5: LIDO (Deutsche Digitale Bibliothek records)
# --------------------------------------------------------------------------------------------

LIDO_HOLDERS = {"DE-MUS-097410": "dm", "DE-MUS-027614": "khb"}  # ISIL: institution
PRODUCTION_EVENTS = ("lido00007", "E12_Production", "eventType/production")
LIDO_TYPE = f"{{{NS['lido']}}}type"


def lido_lang(node: etree._Element, default: str) -> str:
    return bcp47(node.get(XML_LANG), default)


def lido_text(element: etree._Element | None, path: str) -> str:
    found = element.find(path, NS) if element is not None else None
    return clean(found.text) if found is not None else ""


def lido_term(node: etree._Element, default: str, scheme: str) -> Term | None:
    """The preferred term of a LIDO concept node (not an added search term)."""
    labels = [
        label
        for label in node.findall("lido:term", NS)
        if label.get(f"{{{NS['lido']}}}addedSearchTerm") != "yes" and clean(label.text)
    ]
    if not labels:
        return None
    text, lang = clean(labels[0].text), lido_lang(labels[0], default)
    uri = lido_text(node, "lido:conceptID")
    if not scheme or not uri.startswith("http"):
        return term(text, lang)
    notation = uri.rstrip("/").rsplit("/", 1)[-1]
    concept = {"scheme": scheme, "notation": notation, "uri": uri, "labels": {lang: text}}
    return term(text, lang, concept)


def lido_terms(nodes: Iterable[etree._Element], default: str, scheme: str = "") -> list[Term]:
    """Preferred terms, with a concept (scheme, notation, URI) when asked and available."""
    return unique_terms(lido_term(node, default, scheme) for node in nodes)


def lido_holder(lido: etree._Element) -> str | None:
    for node in lido.iterfind(".//lido:repositorySet/lido:repositoryName/lido:legalBodyID", NS):
        isil = clean(node.text).rsplit("/", 1)[-1]
        if isil in LIDO_HOLDERS:
            return LIDO_HOLDERS[isil]
    return None


def lido_is_cc0(lido: etree._Element) -> bool:
    uris = lido.iterfind(".//lido:recordRights/lido:rightsType/lido:conceptID", NS)
    return any("creativecommons.org/publicdomain/zero/" in clean(node.text) for node in uris)


def lido_production(lido: etree._Element) -> etree._Element | None:
    for event in lido.iterfind(".//lido:eventSet/lido:event", NS):
        kind = lido_text(event, "lido:eventType/lido:conceptID")
        if kind.endswith(PRODUCTION_EVENTS):
            return event
    return None


def lido_agent(role: etree._Element, lang: str) -> dict[str, Any] | None:
    actor = role.find("lido:actor", NS)
    name = lido_text(actor, "lido:nameActorSet/lido:appellationValue")
    if actor is None or not name:
        return None
    kind = "group" if re.search("corporat|organi|group", actor.get(LIDO_TYPE, "")) else "person"
    agent: dict[str, Any] = {
        "name": {lang: name},
        "kind": kind,
        "role": lang_map(lang, lido_text(role, "lido:roleActor/lido:term")),
    }
    uris = [
        clean(node.text)
        for node in actor.findall("lido:actorID", NS)
        if clean(node.text).startswith("http")
    ]
    if uris:
        agent["uri"] = uris[0]
    return agent


def lido_agents(event: etree._Element | None, lang: str) -> list[dict[str, Any]]:
    if event is None:
        return []
    roles = event.iterfind("lido:eventActor/lido:actorInRole", NS)
    return [agent for agent in (lido_agent(role, lang) for role in roles) if agent]


def lido_event_dates(event: etree._Element | None, lang: str) -> dict[str, Any]:
    if event is None:
        return {}
    display = lido_text(event, "lido:eventDate/lido:displayDate")
    start = lido_text(event, "lido:eventDate/lido:date/lido:earliestDate")
    end = lido_text(event, "lido:eventDate/lido:date/lido:latestDate")
    years = (lido_year(start), lido_year(end)) if start and end else None
    return date_fields(display, lang, years)


def lido_year(value: str) -> int | None:
    match = re.match(r"(-?\d{1,4})", value)
    return int(match.group(1)) if match else None


def lido_materials(event: etree._Element | None, lang: str) -> tuple[list[Term], list[Term]]:
    """(materials, techniques) of the production event; the display text when untyped."""
    if event is None:
        return [], []
    materials: list[Term | None] = []
    techniques: list[Term | None] = []
    for wrap in event.iterfind("lido:eventMaterialsTech", NS):
        for node in wrap.iterfind("lido:materialsTech/lido:termMaterialsTech", NS):
            kind = node.get(LIDO_TYPE, "")
            (techniques if kind.endswith("technique") else materials).extend(
                lido_terms([node], lang)
            )
        if not wrap.findall("lido:materialsTech/lido:termMaterialsTech", NS):
            materials.append(term(lido_text(wrap, "lido:displayMaterialsTech"), lang))
    return unique_terms(materials), unique_terms(techniques)


def lido_joined(lido: etree._Element, path: str, separator: str) -> str:
    return separator.join(clean(node.text) for node in lido.iterfind(path, NS) if clean(node.text))


def lido_rights(lido: etree._Element) -> str:
    """The work's rights statement, else the first image's, else CNE."""
    for path in (
        ".//lido:rightsWorkWrap//lido:rightsType/lido:conceptID",
        ".//lido:resourceSet/lido:rightsResource/lido:rightsType/lido:conceptID",
    ):
        for node in lido.iterfind(path, NS):
            if normalise_rights(node.text):
                return normalise_rights(node.text) or CNE
    return CNE


def lido_media(lido: etree._Element) -> list[dict[str, Any]]:
    media = []
    for resource in lido.iterfind(".//lido:resourceWrap/lido:resourceSet", NS):
        links = [
            node
            for node in resource.iterfind(".//lido:linkResource", NS)
            if node.get(f"{{{NS['lido']}}}formatResource", "").startswith("image/")
        ]
        if not links:
            continue
        rights = lido_text(resource, "lido:rightsResource/lido:rightsType/lido:conceptID")
        media.append(
            media_item(clean(links[0].text), clean(links[-1].text), normalise_rights(rights) or "")
        )
    return media


def lido_web_page(lido: etree._Element) -> str | None:
    for path in (".//lido:recordInfoSet/lido:recordInfoLink", "lido:objectPublishedID"):
        for node in lido.iterfind(path, NS):
            if clean(node.text).startswith("http"):
                return clean(node.text)
    return None


def lido_record(lido: etree._Element, institution: str) -> Record:
    descriptive = lido.find("lido:descriptiveMetadata", NS)
    language = lido_lang(descriptive, "de") if descriptive is not None else "de"
    event = lido_production(lido)
    materials, techniques = lido_materials(event, language)
    title = lido.find(".//lido:titleWrap/lido:titleSet/lido:appellationValue", NS)
    return make_record(
        source=LIDO,
        institution=institution,
        local_id=lido_text(lido, ".//lido:repositorySet/lido:workID")
        or lido_text(lido, "lido:lidoRecID"),
        language=language,
        titles=lang_map(
            lido_lang(title, language) if title is not None else language,
            title.text if title is not None else None,
        ),
        raw=etree.tostring(lido, encoding="unicode"),
        descriptions=lang_map(
            language,
            lido_joined(lido, ".//lido:objectDescriptionSet/lido:descriptiveNoteValue", "\n\n"),
        ),
        object_types=lido_terms(lido.iterfind(".//lido:objectWorkType", NS), language),
        materials=materials,
        techniques=techniques,
        subjects=lido_terms(
            lido.iterfind(".//lido:subject/lido:subjectConcept", NS),
            language,
            scheme="lido-subject",
        ),
        agents=lido_agents(event, language),
        production_place=lang_map(language, lido_text(event, "lido:eventPlace/lido:displayPlace")),
        **lido_event_dates(event, language),
        dimensions=lang_map(
            language,
            lido_joined(lido, ".//lido:objectMeasurementsSet/lido:displayObjectMeasurements", "; "),
        ),
        inscriptions=lang_map(
            language, lido_joined(lido, ".//lido:inscriptions/lido:inscriptionTranscription", "; ")
        ),
        rights=lido_rights(lido),
        media=lido_media(lido),
        web_page=lido_web_page(lido),
    )


def load_lido(corpus: Path) -> list[Record]:
    records = []
    for path in sorted((corpus / "lido/ddb_real_records").glob("*.xml")):
        root = etree.parse(str(path), XML_PARSER).getroot()
        for lido in (
            [root] if root.tag == f"{{{NS['lido']}}}lido" else root.iterfind("lido:lido", NS)
        ):
            institution = lido_holder(lido)
            if institution and lido_is_cc0(lido):
                records.append(lido_record(lido, institution))
    return records


# --------------------------------------------------------------------------------------------
# Institutions, sample alliances and memberships
# --------------------------------------------------------------------------------------------


def institution(
    code: str,
    names: LangMap,
    short: str,
    country: str,
    city: LangMap,
    place: tuple[float, float],
    kind: str,
    website: str,
    description: LangMap,
    wikidata: str | None = None,
    isil: str | None = None,
) -> dict[str, Any]:
    return {
        "code": code,
        "names": names,
        "short_name": {"en": short},
        "country": country,
        "city": city,
        "latitude": place[0],
        "longitude": place[1],
        "type": kind,
        "website": website,
        "wikidata": wikidata,
        "isil": isil,
        "description": description,
    }


LONDON = {"en": "London", "zh-Hans": "伦敦", "ru": "Лондон", "ar": "لندن"}

INSTITUTIONS = [
    institution(
        "acmi",
        {
            "en": "ACMI (Australian Centre for the Moving Image)",
            "zh-Hans": "澳大利亚移动影像中心",
            "ru": "Австралийский центр движущегося изображения (ACMI)",
            "ar": "المركز الأسترالي للصورة المتحركة",
        },
        "ACMI",
        "AU",
        {"en": "Melbourne", "zh-Hans": "墨尔本", "ru": "Мельбурн", "ar": "ملبورن"},
        (-37.8177, 144.9690),
        "other",
        "https://www.acmi.net.au/",
        {
            "en": "Australia's museum of screen culture at Federation Square, Melbourne; it "
            "collects film, television, video games and digital art.",
            "zh-Hans": "位于墨尔本联邦广场的澳大利亚影像文化博物馆，"
            "收藏电影、电视、电子游戏和数字艺术。",
        },
    ),
    institution(
        "amsab",
        {
            "en": "Amsab-Institute of Social History",
            "zh-Hans": "阿姆萨布社会史研究所",
            "ru": "Институт социальной истории Амсаб",
            "ar": "معهد أمساب للتاريخ الاجتماعي",
        },
        "Amsab-ISG",
        "BE",
        {"en": "Ghent", "zh-Hans": "根特", "ru": "Гент", "ar": "غنت"},
        (51.046, 3.728),
        "library_archive",
        "https://www.amsab.be/",
        {
            "en": "Archive, library and museum in Ghent that documents the history of the "
            "socialist movement and other social movements in Belgium.",
            "zh-Hans": "位于根特的档案馆、图书馆和博物馆，"
            "记录比利时社会主义运动及其他社会运动的历史。",
        },
    ),
    institution(
        "cma",
        {
            "en": "Cleveland Museum of Art",
            "zh-Hans": "克利夫兰艺术博物馆",
            "ru": "Кливлендский музей искусств",
            "ar": "متحف كليفلاند للفنون",
        },
        "CMA",
        "US",
        {"en": "Cleveland", "zh-Hans": "克利夫兰", "ru": "Кливленд", "ar": "كليفلاند"},
        (41.5089, -81.6119),
        "art",
        "https://www.clevelandart.org/",
        {
            "en": "Art museum in Cleveland's University Circle, opened in 1916, known for its "
            "Asian and medieval collections and its free admission.",
            "zh-Hans": "位于克利夫兰大学圈的艺术博物馆，1916年开馆，"
            "以亚洲艺术和中世纪艺术收藏著称，免费参观。",
        },
        wikidata="Q657415",
    ),
    institution(
        "dm",
        {
            "en": "Deutsches Museum",
            "zh-Hans": "德意志博物馆",
            "ru": "Немецкий музей",
            "ar": "المتحف الألماني",
        },
        "DM",
        "DE",
        {"en": "Munich", "zh-Hans": "慕尼黑", "ru": "Мюнхен", "ar": "ميونخ"},
        (48.1299, 11.5834),
        "science_technology",
        "https://www.deutsches-museum.de/",
        {
            "en": "Museum of science and technology on an island in the Isar in Munich, founded "
            "in 1903.",
            "zh-Hans": "位于慕尼黑伊萨尔河岛上的科学技术博物馆，创建于1903年。",
        },
        isil="DE-MUS-097410",
    ),
    institution(
        "hyl",
        {
            "en": "Harvard-Yenching Library",
            "zh-Hans": "哈佛燕京图书馆",
            "ru": "Библиотека Гарвард-Яньцзин",
            "ar": "مكتبة هارفارد-ينتشينغ",
        },
        "HYL",
        "US",
        {
            "en": "Cambridge, Massachusetts",
            "zh-Hans": "马萨诸塞州剑桥",
            "ru": "Кембридж (Массачусетс)",
            "ar": "كامبريدج، ماساتشوستس",
        },
        (42.3781, -71.1143),
        "library_archive",
        "https://library.harvard.edu/libraries/harvard-yenching",
        {
            "en": "Harvard University's library for East Asian studies, with large holdings of "
            "Chinese, Japanese and Korean books, including rare illustrated editions.",
            "zh-Hans": "哈佛大学的东亚研究图书馆，收藏大量中文、日文和韩文书籍，包括珍稀的插图本。",
        },
    ),
    institution(
        "khb",
        {
            "en": "Kunsthalle Bremen",
            "zh-Hans": "不来梅艺术馆",
            "ru": "Кунстхалле Бремена",
            "ar": "قاعة الفنون في بريمن",
        },
        "KHB",
        "DE",
        {"en": "Bremen", "zh-Hans": "不来梅", "ru": "Бремен", "ar": "بريمن"},
        (53.0727, 8.8137),
        "art",
        "https://www.kunsthalle-bremen.de/",
        {
            "en": "Art museum in Bremen run by the Kunstverein in Bremen, a private art society "
            "founded in 1823."
        },
        isil="DE-MUS-027614",
    ),
    institution(
        "met",
        {
            "en": "The Metropolitan Museum of Art",
            "zh-Hans": "大都会艺术博物馆",
            "ru": "Метрополитен-музей",
            "ar": "متحف المتروبوليتان للفنون",
        },
        "The Met",
        "US",
        {"en": "New York", "zh-Hans": "纽约", "ru": "Нью-Йорк", "ar": "نيويورك"},
        (40.7794, -73.9632),
        "art",
        "https://www.metmuseum.org/",
        {
            "en": "Art museum on Fifth Avenue in New York, founded in 1870, whose collection "
            "spans five thousand years of art from around the world.",
            "zh-Hans": "位于纽约第五大道的艺术博物馆，创建于1870年，藏品跨越五千年的世界艺术。",
        },
        wikidata="Q160236",
    ),
    institution(
        "npm",
        {
            "en": "National Palace Museum",
            "zh-Hans": "台北故宫博物院",
            "zh-Hant": "國立故宮博物院",
            "ru": "Национальный дворцовый музей (Тайбэй)",
            "ar": "متحف القصر الوطني",
        },
        "NPM",
        "TW",
        {"en": "Taipei", "zh-Hans": "台北", "zh-Hant": "臺北", "ru": "Тайбэй", "ar": "تايبيه"},
        (25.1024, 121.5485),
        "art",
        "https://www.npm.gov.tw/",
        {
            "en": "Museum in Taipei's Shilin District whose collection of Chinese painting, "
            "calligraphy, bronzes and ceramics comes largely from the imperial collections.",
            "zh-Hans": "位于台北士林区的博物馆，所藏中国书画、铜器和瓷器大多源自历代宫廷收藏。",
        },
    ),
    institution(
        "tate",
        {"en": "Tate", "zh-Hans": "泰特美术馆", "ru": "Галерея Тейт", "ar": "تيت"},
        "Tate",
        "GB",
        LONDON,
        (51.4910, -0.1275),
        "art",
        "https://www.tate.org.uk/",
        {
            "en": "Group of four British galleries (Tate Britain, Tate Modern, Tate Liverpool and "
            "Tate St Ives) holding the national collection of British art and of "
            "international modern and contemporary art.",
            "zh-Hans": "由泰特不列颠、泰特现代、泰特利物浦和泰特圣艾夫斯四座美术馆组成，"
            "收藏英国国家艺术藏品及国际现当代艺术。",
        },
        wikidata="Q430682",
    ),
    institution(
        "vam",
        {
            "en": "Victoria and Albert Museum",
            "zh-Hans": "维多利亚与艾伯特博物馆",
            "ru": "Музей Виктории и Альберта",
            "ar": "متحف فيكتوريا وألبرت",
        },
        "V&A",
        "GB",
        LONDON,
        (51.4966, -0.1722),
        "art",
        "https://www.vam.ac.uk/",
        {
            "en": "Museum of art, design and performance in South Kensington, London, founded in "
            "1852.",
            "zh-Hans": "位于伦敦南肯辛顿的艺术、设计与表演博物馆，创建于1852年。",
        },
        wikidata="Q213322",
    ),
]

ALLIANCES = [
    {
        "code": "sample-silk",
        "names": {
            "en": "Caravan Sample Alliance (sample data)",
            "zh-Hans": "商队样例联盟（样例数据）",
            "ru": "Образцовый альянс «Караван» (демонстрационные данные)",
            "ar": "تحالف القافلة النموذجي (بيانات نموذجية)",
        },
        "acronym": "CSA",
        "founded": "2019-05-18",
        "secretariat": "npm",
        "description": {
            "en": "A made-up alliance for trying Caravan out: its members are real museums, "
            "but the alliance, its roles and its dates are sample data.",
            "zh-Hans": "用于试用 Caravan 的虚构联盟：成员是真实的博物馆，"
            "但联盟本身及其角色和日期均为样例数据。",
        },
        "is_sample": True,
    },
    {
        "code": "sample-records",
        "names": {
            "en": "Open Collections Records Network (sample data)",
            "zh-Hans": "开放藏品记录网络（样例数据）",
            "ru": "Сеть открытых данных о коллекциях (демонстрационные данные)",
            "ar": "شبكة سجلات المجموعات المفتوحة (بيانات نموذجية)",
        },
        "acronym": "OCRN",
        "founded": "2021-09-14",
        "secretariat": "amsab",
        "description": {
            "en": "A second made-up alliance, so that one institution can be shown in several "
            "alliances; its members are real, its roles and dates are sample data.",
            "zh-Hans": "第二个虚构联盟，用于展示一个机构可同时加入多个联盟；成员真实，"
            "角色和日期为样例数据。",
        },
        "is_sample": True,
    },
]


def membership(
    institution_code: str, alliance: str, role: str, start: str, status: str = "member"
) -> dict[str, str]:
    return {
        "institution": institution_code,
        "alliance": alliance,
        "role": role,
        "status": status,
        "start_date": start,
    }


MEMBERSHIPS = [
    membership("npm", "sample-silk", "secretariat", "2019-05-18"),
    membership("met", "sample-silk", "president", "2019-05-18"),
    membership("vam", "sample-silk", "vice_president", "2019-05-18"),
    membership("cma", "sample-silk", "convener", "2020-03-02"),
    membership("tate", "sample-silk", "founding_member", "2019-05-18"),
    membership("hyl", "sample-silk", "member", "2020-11-09"),
    membership("acmi", "sample-silk", "member", "2021-06-21"),
    membership("dm", "sample-silk", "member", "2024-02-12", status="applicant"),
    membership("amsab", "sample-records", "secretariat", "2021-09-14"),
    membership("tate", "sample-records", "president", "2021-09-14"),
    membership("dm", "sample-records", "vice_president", "2021-09-14"),
    membership("khb", "sample-records", "convener", "2022-04-04"),
    membership("acmi", "sample-records", "founding_member", "2021-09-14"),
    membership("met", "sample-records", "member", "2022-01-17"),
    membership("vam", "sample-records", "member", "2022-01-17"),
    membership("hyl", "sample-records", "member", "2023-05-08"),
]


def institutions_document() -> dict[str, Any]:
    return {"alliances": ALLIANCES, "institutions": INSTITUTIONS, "memberships": MEMBERSHIPS}


# --------------------------------------------------------------------------------------------
# Writing and checking the output
# --------------------------------------------------------------------------------------------


def write_objects(records: list[Record], path: Path) -> None:
    records.sort(key=lambda r: (r["institution"], r["local_id"]))
    lines = (
        json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for r in records
    )
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def write_institutions(path: Path) -> None:
    text = json.dumps(institutions_document(), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def copy_licences(corpus: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for source in SOURCES:
        for relative, name in source.licence_files:
            shutil.copyfile(corpus / relative, target / name)


def sources_markdown(records: list[Record]) -> str:
    counts = Counter((r["source"]["format"], r["institution"]) for r in records)
    lines = [
        "# Where the demo data comes from",
        "",
        "`objects.jsonl` is generated by `scripts/build_demo_data.py` from the shared test "
        "corpus; do not edit it by hand. Every object keeps its source record verbatim in "
        "`raw`. Only sources that release their records under CC0 are used. The institutions "
        "are real; the two alliances, their roles and membership dates are sample data.",
        "",
        "Rights: `rights` holds the source's own statement where it has one (mapped to a "
        "rightsstatements.org or Creative Commons URI); otherwise it is CNE (copyright not "
        "evaluated). About 3% of objects are `members` and 1% `private`, chosen by a hash of "
        "the identifiers, so that access rules can be shown.",
        "",
    ]
    for source in SOURCES:
        copies = ", ".join(f"`licences/{name}`" for _, name in source.licence_files)
        lines += [
            f"## {source.name}",
            "",
            f"* Repository: https://github.com/{source.repository}",
            f"* Path: `{source.path}` ({source.note})",
            f"* Commit: `{source.commit}`",
            f"* Licence: {source.licence}",
            f"* Licence files copied: {copies or 'none (the source has no licence file)'}",
            f"* Objects taken: {taken(counts, source)}",
            f"* Selection and mapping: {source.selection}",
            "",
        ]
    return "\n".join(lines)


def taken(counts: Counter[tuple[str, str]], source: Source) -> str:
    """The objects one source gave, per institution when it has several: "1503 (cma 83, ...)"."""
    mine = {code: n for (fmt, code), n in sorted(counts.items()) if fmt == source.format}
    total = sum(mine.values())
    details = ", ".join(f"{code} {n}" for code, n in mine.items())
    return f"{total} ({details})" if len(mine) > 1 else str(total)


def problems_in(records: list[Record], codes: set[str]) -> list[str]:
    """Every way the records break the object shape (empty when all is well)."""
    problems = []
    seen: set[tuple[str, str]] = set()
    for record in records:
        label = f"{record.get('institution')}:{record.get('local_id')}"
        problems += [f"{label}: missing {key}" for key in REQUIRED_KEYS if key not in record]
        key = (record.get("institution", ""), record.get("local_id", ""))
        problems += [f"{label}: duplicate local_id"] if key in seen else []
        seen.add(key)
        problems += record_problems(record, codes, label)
    return problems


def record_problems(record: Record, codes: set[str], label: str) -> list[str]:
    problems = []
    if record.get("institution") not in codes:
        problems.append(f"{label}: unknown institution")
    if not RIGHTS_URI.fullmatch(record.get("rights") or ""):
        problems.append(f"{label}: rights {record.get('rights')!r} is not a CC/RS URI")
    if not record.get("titles") or not record.get("local_id"):
        problems.append(f"{label}: no title or no local_id")
    earliest, latest = record.get("earliest_year"), record.get("latest_year")
    if earliest is not None and latest is not None and earliest > latest:
        problems.append(f"{label}: earliest year after latest")
    if has_empty_text(record):
        problems.append(f"{label}: an empty string value")
    return problems


def has_empty_text(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return any(has_empty_text(item) for item in value.values())
    if isinstance(value, list):
        return any(has_empty_text(item) for item in value)
    return False


def validate_file(path: Path, codes: set[str]) -> list[str]:
    """Re-read the written JSON Lines file and check it line by line."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            return [f"line {number} does not parse: {error}"]
    problems = problems_in(records, codes)
    if path.stat().st_size >= MAX_BYTES:
        problems.append(f"{path.name} is {path.stat().st_size} bytes, over {MAX_BYTES}")
    return problems


def report(records: list[Record], out: Path) -> str:
    languages = Counter(tag for r in records for tag in r["titles"])
    lines = [
        f"objects: {len(records)}",
        "per institution: "
        + ", ".join(
            f"{code} {count}"
            for code, count in sorted(Counter(r["institution"] for r in records).items())
        ),
        "per source: "
        + ", ".join(
            f"{key} {count}"
            for key, count in sorted(Counter(r["source"]["format"] for r in records).items())
        ),
        "title languages: " + ", ".join(f"{tag} {n}" for tag, n in languages.most_common()),
        "record languages: "
        + ", ".join(
            f"{tag} {n}" for tag, n in Counter(r["language"] for r in records).most_common()
        ),
        f"with media: {sum(1 for r in records if r['media'])}",
        f"with earliest_year: {sum(1 for r in records if r['earliest_year'] is not None)}",
        "visibility: "
        + ", ".join(
            f"{k} {v}" for k, v in sorted(Counter(r["visibility"] for r in records).items())
        ),
    ]
    for path in sorted(out.rglob("*")):
        if path.is_file():
            lines.append(f"  {path.relative_to(out)}: {path.stat().st_size:,} bytes")
    return "\n".join(lines)


# One loader per source format, in the order of SOURCES.
LOADERS: tuple[Callable[[Path], list[Record]], ...] = (
    load_cit,
    load_tate,
    load_acmi,
    load_edm,
    load_lido,
)


def build(corpus: Path, out: Path) -> int:
    records = [record for load in LOADERS for record in load(corpus)]
    out.mkdir(parents=True, exist_ok=True)
    write_objects(records, out / "objects.jsonl")
    write_institutions(out / "institutions.json")
    (out / "SOURCES.md").write_text(sources_markdown(records) + "\n", encoding="utf-8")
    copy_licences(corpus, out / "licences")
    codes = {entry["code"] for entry in INSTITUTIONS}
    problems = validate_file(out / "objects.jsonl", codes)
    print(report(records, out))
    for problem in problems[:50]:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
