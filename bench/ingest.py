"""Ingest throughput and memory: LIDO and CSV files of 200,000 and 1,000,000 synthetic records.

The records are shaped like the real corpus (../shared/corpus): LIDO records are the real DDB
records used as templates, with their identifiers, titles, object types and production event
(actor, date, materials) varied from values found in the corpus (Tate, the CIT catalogue) and in
the project's own vocabulary and period gazetteer, in English, Chinese, Russian, Arabic and
Armenian; CSV rows have the columns of Tate's artwork export plus title columns in those
languages, read with bench/ingest-csv.toml.

For each file: the bare parse (lxml iterparse over every record, or csv.reader over every row)
and `caravan ingest --json` run as a subprocess on a fresh SQLite data directory, with the
resident memory of its whole process tree (the main process and the mapping workers) sampled
every 0.1 s. Resident memory counts shared copy-on-write pages once per process, so the tree's
proportional set size (PSS, each shared page divided among its sharers) is given as well.

Run `python -m bench ingest --quick` (20,000 records) while working on the pipeline.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

NAME = "ingest"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
CSV_MAPPING = Path(__file__).resolve().parent / "ingest-csv.toml"
STARTER_VOCABULARY = REPO / "caravan" / "ingest" / "vocab" / "data" / "starter.ttl"
PERIODS = REPO / "caravan" / "ingest" / "normalise" / "data" / "periods.toml"

FULL_SIZES = (200_000, 1_000_000)
QUICK_SIZES = (20_000,)
FORMATS = ("lido", "lido-ddb", "csv")
SEED = 3
SAMPLE_SECONDS = 0.1
INSTITUTION = "bench"
TARGET_RECORDS_PER_SECOND = 5_000
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 300

LIDO = "http://www.lido-schema.org"
LIDO_RECORD = f"{{{LIDO}}}lido"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Languages a synthetic record's extra titles are given in, besides its own.
TITLE_LANGUAGES = ("zh-Hans", "ru", "ar", "hy")
SLOT = re.compile(r"@@SLOT_([A-Z]+)@@")
HAN = re.compile(r"[\u3400-\u9fff]")


# --------------------------------------------------------------------------------------------
# Values drawn from the corpus and the project's vocabulary data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dating:
    display: str
    lang: str
    earliest: int | None
    latest: int | None


@dataclass
class CorpusValues:
    """Pools of real values a synthetic record is assembled from."""

    western_titles: list[str] = field(default_factory=list)  # Tate, English
    chinese_titles: list[tuple[str, str]] = field(default_factory=list)  # CIT: (en, zh-Hant)
    western_artists: list[str] = field(default_factory=list)  # Tate, "Blake, Robert"
    chinese_artists: list[str] = field(default_factory=list)  # CIT
    media: list[str] = field(default_factory=list)  # Tate medium lines
    credit_lines: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    western_dates: list[Dating] = field(default_factory=list)
    chinese_dates: list[Dating] = field(default_factory=list)  # CIT: "1736-1795"
    periods: list[Dating] = field(default_factory=list)  # gazetteer labels in every language
    object_types: list[dict[str, str]] = field(default_factory=list)  # {lang: label}
    materials: list[dict[str, str]] = field(default_factory=list)


def corpus_values(corpus: Path = CORPUS, *, tate_files: int = 3000) -> CorpusValues:
    """Read the pools; `tate_files` Tate artwork files are enough for variety and load fast."""
    values = CorpusValues()
    _read_tate(values, corpus / "tate", tate_files)
    _read_cit(values, corpus / "cit_chinese_art_catalog" / "CATALOG.dmp")
    _read_vocabulary(values, STARTER_VOCABULARY)
    _read_periods(values, PERIODS)
    return values


def _read_tate(values: CorpusValues, tate: Path, limit: int) -> None:
    for path in sorted((tate / "artworks").rglob("*.json"))[:limit]:
        artwork = json.loads(path.read_text(encoding="utf-8"))
        if artwork.get("title"):
            values.western_titles.append(artwork["title"])
        for key, pool in (
            ("medium", values.media),
            ("creditLine", values.credit_lines),
            ("dimensions", values.dimensions),
        ):
            if artwork.get(key):
                pool.append(artwork[key])
        if artwork.get("dateText"):
            values.western_dates.append(_tate_dating(artwork))
    with (tate / "artist_data.csv").open(encoding="utf-8-sig", newline="") as handle:
        values.western_artists.extend(row["name"] for row in csv.DictReader(handle) if row["name"])


def _tate_dating(artwork: dict[str, Any]) -> Dating:
    years = re.findall(r"\d{4}", artwork["dateText"])
    earliest = int(years[0]) if years else None
    latest = int(years[-1]) if years else None
    return Dating(artwork["dateText"], "en", earliest, latest)


def _read_cit(values: CorpusValues, catalogue: Path) -> None:
    for line in catalogue.read_text(encoding="utf-8").splitlines():
        key, _, text = line.partition(" ")
        if key == "TITLE" and "|" in text:
            first, second = (part.strip() for part in text.split("|", 1))
            # Either order occurs: "English|中文" and "中文|English".
            pair = (second, first) if HAN.search(first) else (first, second)
            values.chinese_titles.append(pair)
        elif key == "PERSON.ARTIST" and text.strip():
            values.chinese_artists.append(text.strip())
        elif key == "DATE" and re.fullmatch(r"\d{3,4}(-\d{3,4})?", text.strip()):
            years = [int(year) for year in text.split("-")]
            values.chinese_dates.append(Dating(text.strip(), "en", years[0], years[-1]))


def _read_vocabulary(values: CorpusValues, path: Path) -> None:
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(path, format="turtle")
    materials = next(
        s for s, _, o in graph.triples((None, SKOS.notation, None)) if str(o) == "materials"
    )
    for concept in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str):
        labels = {
            label.language: str(label)
            for label in graph.objects(concept, SKOS.prefLabel)
            if isinstance(label, rdflib.Literal) and label.language
        }
        ancestors = set(graph.transitive_objects(concept, SKOS.broader)) - {concept}
        if materials in ancestors:
            values.materials.append(labels)
        elif ancestors and concept != materials:
            values.object_types.append(labels)


def _read_periods(values: CorpusValues, path: Path) -> None:
    for period in tomllib.loads(path.read_text(encoding="utf-8"))["period"]:
        for lang, labels in period["labels"].items():
            values.periods.append(Dating(labels[0], lang, period["earliest"], period["latest"]))


# --------------------------------------------------------------------------------------------
# One synthetic object, whatever the format
# --------------------------------------------------------------------------------------------


@dataclass
class SyntheticObject:
    number: int
    titles: dict[str, str]
    object_type: dict[str, str]
    material: dict[str, str]
    medium: str
    artist: str
    role: str
    dating: Dating
    dimensions: str
    credit_line: str


def synthetic_objects(
    values: CorpusValues, count: int, seed: int = SEED
) -> Iterator[SyntheticObject]:
    """`count` objects, the same ones for the same seed: a Tate-like, a CIT-like or a Silk Road
    object whose titles are its type and period in several languages."""
    chooser = random.Random(seed)
    for number in range(1, count + 1):
        kind = chooser.random()
        object_type = chooser.choice(values.object_types)
        material = chooser.choice(values.materials)
        period = chooser.choice(values.periods)
        titles: dict[str, str]
        if kind < 0.4:
            titles = {"en": chooser.choice(values.western_titles)}
            artist, dating = (
                chooser.choice(values.western_artists),
                chooser.choice(values.western_dates),
            )
        elif kind < 0.75:
            english, chinese = chooser.choice(values.chinese_titles)
            titles = {"en": english, "zh-Hant": chinese}
            artist = chooser.choice(values.chinese_artists)
            dating = chooser.choice(values.chinese_dates) if kind < 0.6 else period
        else:
            languages = chooser.sample(TITLE_LANGUAGES, chooser.randint(1, len(TITLE_LANGUAGES)))
            titles = _composed_titles(object_type, period, languages, values)
            artist, dating = "", period
        # Terms in English and in the record's other title language, as a member would give them.
        wanted = {"en", *titles}
        yield SyntheticObject(
            number=number,
            titles=titles,
            object_type={lang: text for lang, text in object_type.items() if lang in wanted},
            material={lang: text for lang, text in material.items() if lang in wanted},
            medium=chooser.choice(values.media),
            artist=artist,
            role="artist",
            dating=dating,
            dimensions=chooser.choice(values.dimensions),
            credit_line=chooser.choice(values.credit_lines),
        )


def _composed_titles(
    object_type: dict[str, str],
    period: Dating,
    languages: Sequence[str],
    values: CorpusValues,
) -> dict[str, str]:
    """ "碗, 清朝"-like titles: the type and a period, each in the title's language."""
    titles = {"en": object_type["en"].capitalize()}
    for lang in languages:
        label = object_type.get(lang)
        if not label:
            continue
        same_period = [
            item.display
            for item in values.periods
            if item.lang == lang
            and (item.earliest, item.latest) == (period.earliest, period.latest)
        ]
        titles[lang] = f"{label}, {same_period[0]}" if same_period else label
    return titles


# --------------------------------------------------------------------------------------------
# LIDO: the DDB records as templates
# --------------------------------------------------------------------------------------------


def _lido(name: str) -> str:
    return f"{{{LIDO}}}{name}"


@dataclass(frozen=True)
class LidoTemplate:
    """A real record cut into literal parts and named slots: parts[0] slot parts[1] slot …"""

    name: str
    parts: tuple[str, ...]
    slots: tuple[str, ...]


def lido_templates(corpus: Path = CORPUS) -> list[LidoTemplate]:
    from caravan.ingest.safety import parse_xml

    templates = []
    for path in sorted((corpus / "lido" / "ddb_real_records").glob("*.xml")):
        root = parse_xml(path.read_bytes())
        if root.tag == LIDO_RECORD:
            templates.append(_template(path.stem, root))
    return templates


def _template(name: str, root: etree._Element) -> LidoTemplate:
    for tag in ("lidoRecID", "recordID"):
        for node in root.iter(_lido(tag)):
            node.text = "@@SLOT_ID@@"
    for tag in ("objectPublishedID", "recordInfoLink"):
        for node in root.iter(_lido(tag)):
            node.text = "@@SLOT_PAGE@@"
    descriptive = root.find(_lido("descriptiveMetadata"))
    if descriptive is None:
        raise ValueError(f"{name}: a LIDO record without descriptiveMetadata")
    identification = _child(descriptive, "objectIdentificationWrap")
    classification = _child(descriptive, "objectClassificationWrap", position=0)
    _slot(_child(identification, "titleWrap", position=0), "TITLES")
    _slot(_child(classification, "objectWorkTypeWrap", position=0), "TYPES")
    events = _child(descriptive, "eventWrap", position=list(descriptive).index(identification) + 1)
    for event_set in list(events):
        if _is_production(event_set):
            events.remove(event_set)
    events.text = "@@SLOT_PRODUCTION@@"
    text = etree.tostring(root, encoding="unicode")
    pieces = SLOT.split(text)
    return LidoTemplate(name=name, parts=tuple(pieces[0::2]), slots=tuple(pieces[1::2]))


def _child(parent: etree._Element, name: str, position: int | None = None) -> etree._Element:
    found = parent.find(_lido(name))
    if found is None:
        found = etree.Element(_lido(name))
        parent.insert(len(parent) if position is None else position, found)
    return found


def _slot(element: etree._Element, slot: str) -> None:
    for child in list(element):
        element.remove(child)
    element.text = f"@@SLOT_{slot}@@"


def _is_production(event_set: etree._Element) -> bool:
    types = " ".join(str(text) for text in event_set.itertext())
    return "lido00007" in types or "Herstellung" in types or "Production" in types


def _terms(labels: dict[str, str], element: str) -> str:
    inner = "".join(
        f"<lido:term xml:lang={quoteattr(lang)}>{escape(text)}</lido:term>"
        for lang, text in labels.items()
    )
    return f"<lido:{element}>{inner}</lido:{element}>"


def lido_slots(item: SyntheticObject) -> dict[str, str]:
    titles = "".join(
        f"<lido:appellationValue xml:lang={quoteattr(lang)}>{escape(text)}</lido:appellationValue>"
        for lang, text in item.titles.items()
    )
    return {
        "ID": f"BENCH-{item.number:07d}",
        "PAGE": f"https://bench.caravan.example/object/{item.number}",
        "TITLES": f"<lido:titleSet>{titles}</lido:titleSet>",
        "TYPES": _terms(item.object_type, "objectWorkType"),
        "PRODUCTION": _production(item),
    }


def _production(item: SyntheticObject) -> str:
    actor = ""
    if item.artist:
        actor = (
            f"<lido:eventActor><lido:displayActorInRole>{escape(item.artist)}</lido:displayActorInRole>"
            '<lido:actorInRole><lido:actor lido:type="person"><lido:nameActorSet>'
            f"<lido:appellationValue>{escape(item.artist)}</lido:appellationValue>"
            "</lido:nameActorSet></lido:actor>"
            f'<lido:roleActor><lido:term xml:lang="en">{item.role}</lido:term></lido:roleActor>'
            "</lido:actorInRole></lido:eventActor>"
        )
    dating = item.dating
    years = ""
    if dating.earliest is not None and dating.latest is not None and item.number % 4:
        years = (
            f"<lido:date><lido:earliestDate>{dating.earliest}</lido:earliestDate>"
            f"<lido:latestDate>{dating.latest}</lido:latestDate></lido:date>"
        )
    return (
        "<lido:eventSet><lido:event><lido:eventType>"
        '<lido:conceptID lido:type="URI">http://terminology.lido-schema.org/lido00007</lido:conceptID>'
        '<lido:term xml:lang="en">Production</lido:term></lido:eventType>'
        f"{actor}<lido:eventDate><lido:displayDate xml:lang={quoteattr(dating.lang)}>"
        f"{escape(dating.display)}</lido:displayDate>{years}</lido:eventDate>"
        f'<lido:eventMaterialsTech><lido:displayMaterialsTech xml:lang="en">{escape(item.medium)}'
        "</lido:displayMaterialsTech><lido:materialsTech>"
        f"{_terms(item.material, 'termMaterialsTech')}</lido:materialsTech>"
        "</lido:eventMaterialsTech>"
        "</lido:event></lido:eventSet>"
    )


def render_lido(template: LidoTemplate, item: SyntheticObject) -> str:
    slots = lido_slots(item)
    pieces = [template.parts[0]]
    for slot, part in zip(template.slots, template.parts[1:], strict=True):
        pieces.append(slots[slot])
        pieces.append(part)
    return "".join(pieces)


# A museum's LIDO export of the usual shape (about 3.5 KB a record): the elements a collection
# management system fills for an object, without the long lists of a portal's aggregated
# records. The slots take the same synthetic values as the DDB templates.
COMPACT_LIDO = """<lido:lido xmlns:lido="http://www.lido-schema.org">
<lido:lidoRecID lido:source="Bench Museum" lido:type="local">@@SLOT_ID@@</lido:lidoRecID>
<lido:objectPublishedID lido:type="URI">@@SLOT_PAGE@@</lido:objectPublishedID><lido:category>
<lido:conceptID lido:type="URI">http://www.cidoc-crm.org/cidoc-crm/E22_Man-Made_Object
</lido:conceptID><lido:term xml:lang="en">Man-Made Object</lido:term></lido:category>
<lido:descriptiveMetadata xml:lang="en"><lido:objectClassificationWrap>
<lido:objectWorkTypeWrap>@@SLOT_TYPES@@</lido:objectWorkTypeWrap><lido:classificationWrap>
<lido:classification lido:type="collection"><lido:term xml:lang="en">Asian Art</lido:term>
</lido:classification></lido:classificationWrap></lido:objectClassificationWrap>
<lido:objectIdentificationWrap><lido:titleWrap>@@SLOT_TITLES@@</lido:titleWrap>
<lido:inscriptionsWrap><lido:inscriptions lido:type="mark">
<lido:inscriptionTranscription xml:lang="en">Seal of the collector in the lower left corner
</lido:inscriptionTranscription></lido:inscriptions></lido:inscriptionsWrap>
<lido:repositoryWrap><lido:repositorySet lido:type="current"><lido:repositoryName>
<lido:legalBodyName><lido:appellationValue>Bench Museum</lido:appellationValue>
</lido:legalBodyName></lido:repositoryName><lido:workID lido:type="inventory number">@@SLOT_ID@@
</lido:workID></lido:repositorySet></lido:repositoryWrap><lido:objectDescriptionWrap>
<lido:objectDescriptionSet>
<lido:descriptiveNoteValue xml:lang="en">Catalogued from the accession register.
</lido:descriptiveNoteValue></lido:objectDescriptionSet></lido:objectDescriptionWrap>
<lido:objectMeasurementsWrap><lido:objectMeasurementsSet>
<lido:displayObjectMeasurements>H. 24.5 cm; Diam. 18 cm</lido:displayObjectMeasurements>
</lido:objectMeasurementsSet></lido:objectMeasurementsWrap></lido:objectIdentificationWrap>
<lido:eventWrap>@@SLOT_PRODUCTION@@<lido:eventSet><lido:event><lido:eventType>
<lido:conceptID lido:type="URI">http://terminology.lido-schema.org/lido00001</lido:conceptID>
<lido:term xml:lang="en">Acquisition</lido:term></lido:eventType><lido:eventDate>
<lido:displayDate>1998</lido:displayDate></lido:eventDate></lido:event></lido:eventSet>
</lido:eventWrap><lido:objectRelationWrap><lido:subjectWrap><lido:subjectSet><lido:subject>
<lido:subjectConcept><lido:term xml:lang="en">landscape</lido:term></lido:subjectConcept>
</lido:subject></lido:subjectSet></lido:subjectWrap></lido:objectRelationWrap>
</lido:descriptiveMetadata><lido:administrativeMetadata xml:lang="en"><lido:rightsWorkWrap>
<lido:rightsWorkSet><lido:rightsType>
<lido:conceptID lido:type="URI">http://rightsstatements.org/vocab/NoC-OKLR/1.0/</lido:conceptID>
</lido:rightsType></lido:rightsWorkSet></lido:rightsWorkWrap><lido:recordWrap>
<lido:recordID lido:type="local">@@SLOT_ID@@</lido:recordID><lido:recordType>
<lido:term xml:lang="en">item</lido:term></lido:recordType><lido:recordSource>
<lido:legalBodyName><lido:appellationValue>Bench Museum</lido:appellationValue>
</lido:legalBodyName></lido:recordSource><lido:recordRights><lido:rightsType>
<lido:conceptID lido:type="URI">http://creativecommons.org/publicdomain/zero/1.0/
</lido:conceptID></lido:rightsType></lido:recordRights><lido:recordInfoSet>
<lido:recordInfoLink>@@SLOT_PAGE@@</lido:recordInfoLink></lido:recordInfoSet></lido:recordWrap>
<lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation lido:type="image_master">
<lido:linkResource lido:formatResource="image/jpeg">https://images.bench.caravan.example/full/master.jpg
</lido:linkResource></lido:resourceRepresentation>
<lido:resourceRepresentation lido:type="image_thumb">
<lido:linkResource lido:formatResource="image/jpeg">https://images.bench.caravan.example/thumb/master.jpg
</lido:linkResource></lido:resourceRepresentation><lido:rightsResource><lido:rightsType>
<lido:conceptID lido:type="URI">http://creativecommons.org/licenses/by/4.0/</lido:conceptID>
</lido:rightsType></lido:rightsResource></lido:resourceSet></lido:resourceWrap>
</lido:administrativeMetadata></lido:lido>"""


def compact_template() -> LidoTemplate:
    pieces = SLOT.split(COMPACT_LIDO.replace("\n", ""))
    return LidoTemplate(name="compact", parts=tuple(pieces[0::2]), slots=tuple(pieces[1::2]))


def write_lido(
    path: Path, count: int, values: CorpusValues, seed: int = SEED, *, shape: str = "compact"
) -> None:
    """A lidoWrap of `count` records with synthetic values: in the compact shape of a museum's
    own export, or (shape "ddb") each a DDB portal record in turn."""
    templates = lido_templates() if shape == "ddb" else [compact_template()]
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<lido:lidoWrap xmlns:lido="{LIDO}">\n'
        )
        for item in synthetic_objects(values, count, seed):
            handle.write(render_lido(templates[item.number % len(templates)], item))
            handle.write("\n")
        handle.write("</lido:lidoWrap>\n")


# --------------------------------------------------------------------------------------------
# CSV: a Tate-like export with multilingual title columns
# --------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "accession_number",
    "artist",
    "artistRole",
    "title",
    "title_zh",
    "title_ru",
    "title_ar",
    "title_hy",
    "object_type",
    "dateText",
    "medium",
    "material_zh",
    "creditLine",
    "year",
    "dimensions",
    "thumbnailUrl",
    "url",
)


def csv_row(item: SyntheticObject) -> list[str]:
    titles = item.titles
    year = "" if item.dating.earliest is None else str(item.dating.earliest)
    accession = f"B{item.number:07d}"
    return [
        str(item.number),
        accession,
        item.artist,
        item.role if item.artist else "",
        titles.get("en", ""),
        titles.get("zh-Hans") or titles.get("zh-Hant", ""),
        titles.get("ru", ""),
        titles.get("ar", ""),
        titles.get("hy", ""),
        item.object_type["en"],
        item.dating.display,
        item.medium,
        item.material.get("zh-Hans", ""),
        item.credit_line,
        year,
        item.dimensions,
        f"https://bench.caravan.example/images/{accession}_8.jpg",
        f"https://bench.caravan.example/object/{item.number}",
    ]


def write_csv(path: Path, count: int, values: CorpusValues, seed: int = SEED) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for item in synthetic_objects(values, count, seed):
            writer.writerow(csv_row(item))


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def bare_lido_parse(path: Path) -> tuple[float, int]:
    """Seconds to iterparse every record (cleared as it ends, as a streaming reader must)."""
    started = time.perf_counter()
    count = 0
    for _, element in etree.iterparse(
        str(path), events=("end",), tag=LIDO_RECORD, resolve_entities=False, no_network=True
    ):
        count += 1
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del element.getparent()[0]
    return time.perf_counter() - started, count


def bare_csv_parse(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle)) - 1
    return time.perf_counter() - started, count


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_tree_rss_kb = 0
        self.peak_main_rss_kb = 0
        self.peak_tree_pss_kb = 0
        self.peak_processes = 0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def sample(self) -> None:
        tree = process_tree(self.pid)
        rss = {pid: _status_kb(pid, "VmRSS") for pid in tree}
        self.peak_tree_rss_kb = max(self.peak_tree_rss_kb, sum(rss.values()))
        self.peak_main_rss_kb = max(self.peak_main_rss_kb, rss.get(self.pid, 0))
        self.peak_tree_pss_kb = max(self.peak_tree_pss_kb, sum(_pss_kb(pid) for pid in tree))
        self.peak_processes = max(self.peak_processes, len(tree))
        self.samples += 1


def process_tree(root: int) -> list[int]:
    """The process and its descendants, from the parent of every process in /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            parent = _parent(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children.get(pid, []))
    return found


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and brackets; fields after it are plain.
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def caravan_environment(data_dir: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CARAVAN_")
    }
    environment.update(
        CARAVAN_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="config.settings.base",
    )
    return environment


def caravan(*arguments: str) -> list[str]:
    return [str(Path(sys.executable).with_name("caravan")), *arguments]


def prepare_data_dir(data_dir: Path) -> None:
    """A fresh SQLite database with the institution and the starter vocabulary."""
    environment = caravan_environment(data_dir)
    for command in (
        caravan("migrate"),
        caravan("institution", "add", INSTITUTION, "--name", "Bench Museum", "--country", "AM"),
        caravan("vocab", "import", str(STARTER_VOCABULARY)),
    ):
        subprocess.run(command, env=environment, check=True, capture_output=True, cwd=REPO)


def end_to_end(
    path: Path, format_name: str, data_dir: Path, workers: int | None = None
) -> dict[str, Any]:
    """Run `caravan ingest` on the file; its wall time, counts and peak memory."""
    command = caravan(
        "ingest", str(path), "--institution", INSTITUTION, "--format", format_name, "--json"
    )
    if format_name == "csv":
        command += ["--mapping", str(CSV_MAPPING)]
    if workers:
        command += ["--workers", str(workers)]
    load_before = os.getloadavg()[0]
    cpu_before = _children_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=caravan_environment(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    memory = TreeMemory(process.pid)
    memory.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    memory.stop()
    cpu_seconds = _children_cpu_seconds() - cpu_before
    if process.returncode != 0:
        raise RuntimeError(
            f"caravan ingest failed ({process.returncode}): {stderr.decode()[-2000:]}"
        )
    return {
        "seconds": seconds,
        # Other work on the machine slows the run; the CPU it used does not depend on that.
        "cpu_seconds": cpu_seconds,
        "load_average_before": load_before,
        "counts": json.loads(stdout),
        "peak_tree_rss_mb": round(memory.peak_tree_rss_kb / 1024, 1),
        "peak_tree_pss_mb": round(memory.peak_tree_pss_kb / 1024, 1),
        "peak_main_rss_mb": round(memory.peak_main_rss_kb / 1024, 1),
        "processes": memory.peak_processes,
        "memory_samples": memory.samples,
    }


def _children_cpu_seconds() -> float:
    """CPU time of finished child processes and of the descendants they waited for (the pool)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(format_name: str, count: int, values: CorpusValues, workdir: Path) -> dict[str, Any]:
    """Write the file, time the bare parse and the ingest, then remove both file and database.

    Formats: "lido" (the compact shape of a museum's export), "lido-ddb" (DDB portal records,
    about 13 KB each), "csv".
    """
    is_lido = format_name.startswith("lido")
    path = workdir / f"bench-{count}.{'xml' if is_lido else 'csv'}"
    data_dir = workdir / f"data-{format_name}-{count}"
    started = time.perf_counter()
    if is_lido:
        write_lido(path, count, values, shape="ddb" if format_name == "lido-ddb" else "compact")
    else:
        write_csv(path, count, values)
    written_seconds = time.perf_counter() - started
    try:
        bare_seconds, parsed = (bare_lido_parse if is_lido else bare_csv_parse)(path)
        if parsed != count:
            raise RuntimeError(f"the bare parse found {parsed} records in {path}, not {count}")
        data_dir.mkdir()
        prepare_data_dir(data_dir)
        run = end_to_end(path, "lido" if is_lido else format_name, data_dir)
        database_mb = _size_mb(data_dir)
        file_mb = path.stat().st_size / 1_048_576
    finally:
        path.unlink(missing_ok=True)
        shutil.rmtree(data_dir, ignore_errors=True)
    return _figures(format_name, count, file_mb, written_seconds, bare_seconds, run, database_mb)


def _figures(
    format_name: str,
    count: int,
    file_mb: float,
    written_seconds: float,
    bare_seconds: float,
    run: dict[str, Any],
    database_mb: float,
) -> dict[str, Any]:
    counts = run["counts"]
    seconds = run["seconds"]
    return {
        "format": format_name,
        "records": count,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "file_mb": round(file_mb, 1),
        "average_record_bytes": round(file_mb * 1_048_576 / count),
        "synthesis_seconds": round(written_seconds, 1),
        "bare_parse_seconds": round(bare_seconds, 2),
        "bare_parse_records_per_second": round(count / bare_seconds),
        "end_to_end_seconds": round(seconds, 2),
        "end_to_end_records_per_second": round(count / seconds),
        "ratio_to_bare_parse": round(seconds / bare_seconds, 2),
        "end_to_end_cpu_seconds": round(run["cpu_seconds"], 1),
        "cpu_ms_per_record": round(run["cpu_seconds"] * 1000 / count, 2),
        "load_average_before": round(run["load_average_before"], 2),
        "peak_tree_rss_mb": run["peak_tree_rss_mb"],
        "peak_tree_pss_mb": run["peak_tree_pss_mb"],
        "peak_main_rss_mb": run["peak_main_rss_mb"],
        "processes": run["processes"],
        "database_mb": round(database_mb, 1),
        "counts": counts,
        "counts_ok": counts.get("created") == count and counts.get("rejected") == 0,
    }


def _size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1_048_576


# --------------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------------


def configured_sizes(quick: bool = False) -> tuple[int, ...]:
    """--quick, else CARAVAN_BENCH_INGEST_SIZES ("200000,1000000"), else 200k and 1M."""
    if quick:
        return QUICK_SIZES
    configured = os.environ.get("CARAVAN_BENCH_INGEST_SIZES", "")
    return tuple(int(size) for size in configured.split(",") if size.strip()) or FULL_SIZES


def run(
    *,
    sizes: Sequence[int] | None = None,
    formats: Sequence[str] = FORMATS,
    workdir: Path | None = None,
    quick: bool = False,
) -> dict[str, Any]:
    """Measure every format at every size; files go to a temporary folder, removed afterwards."""
    sizes = tuple(sizes or configured_sizes(quick))
    folder = Path(tempfile.mkdtemp(prefix="caravan-ingest-bench-", dir=workdir))
    values = corpus_values()
    results = []
    try:
        for format_name in formats:
            for count in sizes:
                print(f"  ingest: {format_name} × {count:,} …", file=sys.stderr, flush=True)
                results.append(measure(format_name, count, values, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "runs": _merged(results),
        "targets": {
            "records_per_second": TARGET_RECORDS_PER_SECOND,
            "ratio_to_bare_parse": TARGET_RATIO,
            "peak_memory_mb": TARGET_PEAK_MB,
        },
        "workers": os.cpu_count(),
        "database": "SQLite (fresh, in a temporary data directory)",
    }


def _merged(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """These runs, and the earlier results for other formats and sizes (a run of one format or
    size replaces only its own figures, so the slow sizes can be measured one at a time)."""
    previous_file = Path(__file__).resolve().parent / "results" / f"{NAME}.json"
    fresh = {(item["format"], item["records"]) for item in results}
    kept: list[dict[str, Any]] = []
    if previous_file.exists():
        previous = json.loads(previous_file.read_text(encoding="utf-8"))
        kept = [
            item
            for item in previous.get("runs", [])
            if (item.get("format"), item.get("records")) not in fresh
        ]
    merged = kept + results
    return sorted(merged, key=lambda item: (FORMATS.index(item["format"]), item["records"]))


def report(figures: dict[str, Any]) -> None:
    header = (
        f"{'format':<6} {'records':>9} {'file MB':>8} {'bare s':>7} {'e2e s':>8} {'rec/s':>7} "
        f"{'ratio':>6} {'cpu ms/rec':>10} {'tree RSS':>9} {'tree PSS':>9} {'main RSS':>9} "
        f"{'counts':>7}"
    )
    print(header)
    for item in figures["runs"]:
        print(
            f"{item['format']:<6} {item['records']:>9,} {item['file_mb']:>8,.0f} "
            f"{item['bare_parse_seconds']:>7.1f} {item['end_to_end_seconds']:>8.1f} "
            f"{item['end_to_end_records_per_second']:>7,} {item['ratio_to_bare_parse']:>6.2f} "
            f"{item['cpu_ms_per_record']:>10.2f} "
            f"{item['peak_tree_rss_mb']:>9.0f} {item['peak_tree_pss_mb']:>9.0f} "
            f"{item['peak_main_rss_mb']:>9.0f} {'ok' if item['counts_ok'] else 'WRONG':>7}"
        )
    targets = figures["targets"]
    print(
        f"targets: ≥ {targets['records_per_second']:,} records/s, "
        f"≤ {targets['ratio_to_bare_parse']}× the bare parse, "
        f"< {targets['peak_memory_mb']} MB peak (memory in MB; RSS counts shared pages in every "
        "process, PSS shares them out)"
    )


def write_sample(folder: Path, count: int = 20, seed: int = SEED) -> tuple[Path, Path]:
    """A small LIDO file and CSV file, to look at what the benchmark ingests."""
    values = corpus_values()
    lido, table = folder / "sample.xml", folder / "sample.csv"
    write_lido(lido, count, values, seed)
    write_csv(table, count, values, seed)
    return lido, table
