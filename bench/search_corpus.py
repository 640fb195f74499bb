"""Synthetic catalogue rows for the search benchmark, shaped like ../shared/corpus.

Every word comes from the corpus's own text, drawn in proportion to how often it occurs there, so
word frequencies follow the corpus's own Zipf-like curve: English titles from Tate, ACMI and the
CIT catalogue of Chinese art; English description text as windows of ACMI's descriptions; Chinese
titles from the CIT catalogue and ACMI (Traditional as written, a third turned into Simplified),
Chinese descriptions strung from them; Russian, Arabic and Armenian from the Europeana entity
labels, the starter vocabulary and the period gazetteer. About 30% of the records are Chinese, 8%
Russian, Arabic or Armenian, the rest English.

Rows are made in chunks, each from its own seeded random generator, so the same seed always gives
the same rows and any chunk can be made without the ones before it. The rows go straight to the
catalogue tables (catalogue_catalogueobject and its terms, agents and media) as tuples.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
import re
import tomllib
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
PERIODS = REPO / "caravan" / "ingest" / "normalise" / "data" / "periods.toml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OTHER_LANGUAGES = ("ru", "ar", "hy")
HAN = re.compile(r"[\u3400-\u9fff]")
CHUNK_SIZE = 10_000

# Each a rights URI the catalogue accepts, with how often it is given.
RIGHTS = (
    ("https://creativecommons.org/publicdomain/zero/1.0/", 30),
    ("http://rightsstatements.org/vocab/InC/1.0/", 20),
    ("http://rightsstatements.org/vocab/NoC-US/1.0/", 10),
    ("http://rightsstatements.org/vocab/CNE/1.0/", 10),
    ("https://creativecommons.org/licenses/by/4.0/", 10),
    ("https://creativecommons.org/licenses/by-nc-sa/4.0/", 8),
    ("http://rightsstatements.org/vocab/InC-EDU/1.0/", 2),
    ("", 10),
)
# (city, ISO country, Chinese name or ""): two institutions per city, 60 in all.
CITIES = (
    ("Xi'an", "CN", "西安"), ("Beijing", "CN", "北京"), ("Shanghai", "CN", "上海"),
    ("Dunhuang", "CN", "敦煌"), ("Lanzhou", "CN", "兰州"), ("Urumqi", "CN", "乌鲁木齐"),
    ("Taipei", "TW", "台北"), ("Hong Kong", "HK", "香港"), ("Nara", "JP", ""), ("Seoul", "KR", ""),
    ("Samarkand", "UZ", ""), ("Bukhara", "UZ", ""), ("Tashkent", "UZ", ""), ("Almaty", "KZ", ""),
    ("Bishkek", "KG", ""), ("Tehran", "IR", ""), ("Isfahan", "IR", ""), ("Yerevan", "AM", ""),
    ("Tbilisi", "GE", ""), ("Baku", "AZ", ""), ("Istanbul", "TR", ""), ("Damascus", "SY", ""),
    ("Cairo", "EG", ""), ("Moscow", "RU", ""), ("Saint Petersburg", "RU", ""),
    ("London", "GB", ""), ("Paris", "FR", ""), ("Berlin", "DE", ""), ("Melbourne", "AU", ""),
    ("Cleveland", "US", ""),
)  # fmt: skip
INSTITUTION_KINDS = (("History Museum", "历史博物馆"), ("Art Museum", "艺术博物馆"))
# Where objects of each kind were made, with weights.
COUNTRIES = {
    "zh": (("CN", 85), ("TW", 3), ("JP", 4), ("KR", 3), ("", 5)),
    "en": (("GB", 40), ("FR", 10), ("US", 12), ("IT", 8), ("NL", 5), ("DE", 5), ("", 20)),
    "ru": (("RU", 60), ("UZ", 15), ("KZ", 10), ("", 15)),
    "ar": (("EG", 30), ("SY", 25), ("IQ", 20), ("IR", 15), ("", 10)),
    "hy": (("AM", 80), ("GE", 10), ("", 10)),
}
PERIOD_REGIONS = {
    "zh": ("china",),
    "ru": ("steppe", "central-asia"),
    "ar": ("west-asia", "iran"),
    "hy": ("armenia",),
}


class Weighted:
    """Values drawn in proportion to their weights, quickly (one bisect per draw)."""

    def __init__(self, values: Sequence[Any], weights: Sequence[float]) -> None:
        if not values:
            raise ValueError("nothing to draw from")
        self.values = list(values)
        self.totals = list(accumulate(weights))

    def draw(self, chooser: random.Random) -> Any:
        return self.values[bisect(self.totals, chooser.random() * self.totals[-1])]


def zipf(values: Sequence[Any], exponent: float = 1.0) -> Weighted:
    """The first value most often, the n-th about 1/n^exponent as often."""
    return Weighted(values, [1 / (rank**exponent) for rank in range(1, len(values) + 1)])


def uniform(values: Sequence[Any]) -> Weighted:
    return Weighted(values, [1.0] * len(values))


@dataclass(frozen=True)
class Dating:
    display: str
    earliest: int | None
    latest: int | None


@dataclass
class Pools:
    """Real values from the corpus that synthetic records are assembled from."""

    english_titles: list[str] = field(default_factory=list)
    english_texts: list[list[str]] = field(default_factory=list)  # descriptions as words
    chinese_titles: list[tuple[str, str]] = field(default_factory=list)  # (en or "", zh-Hant)
    other_labels: dict[str, list[str]] = field(default_factory=dict)  # ru, ar, hy
    other_texts: dict[str, list[list[str]]] = field(default_factory=dict)
    western_artists: list[str] = field(default_factory=list)
    chinese_artists: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)  # Tate subject names, by frequency
    media: list[str] = field(default_factory=list)  # Tate medium lines, by frequency
    western_dates: list[Dating] = field(default_factory=list)
    chinese_dates: list[Dating] = field(default_factory=list)
    periods: dict[str, list[tuple[dict[str, str], int, int]]] = field(default_factory=dict)


def read_pools(corpus: Path = CORPUS) -> Pools:
    pools = Pools()
    _read_tate(pools, corpus / "tate")
    _read_acmi(pools, corpus / "acmi" / "dist" / "objects")
    _read_cit(pools, corpus / "cit_chinese_art_catalog" / "CATALOG.dmp")
    _read_europeana(pools, corpus / "vocabularies" / "europeana_entities")
    _read_periods(pools, PERIODS)
    return pools


def _read_tate(pools: Pools, tate: Path) -> None:
    subjects: dict[str, int] = {}
    media: dict[str, int] = {}
    for path in sorted((tate / "artworks").rglob("*.json")):
        artwork = json.loads(path.read_text(encoding="utf-8"))
        if artwork.get("title"):
            pools.english_titles.append(artwork["title"])
        if artwork.get("medium"):
            media[artwork["medium"]] = media.get(artwork["medium"], 0) + 1
        for name in _subject_names(artwork.get("subjects")):
            subjects[name] = subjects.get(name, 0) + 1
        years = re.findall(r"\d{4}", artwork.get("dateText") or "")
        if years:
            earliest, latest = int(years[0]), int(years[-1])
            if earliest <= latest:
                pools.western_dates.append(Dating(artwork["dateText"], earliest, latest))
    pools.subjects = sorted(subjects, key=lambda name: (-subjects[name], name))
    pools.media = sorted(media, key=lambda name: (-media[name], name))
    with (tate / "artist_data.csv").open(encoding="utf-8-sig", newline="") as handle:
        pools.western_artists.extend(row["name"] for row in csv.DictReader(handle) if row["name"])


def _subject_names(tree: Any) -> list[str]:
    """The leaf subject names of a Tate artwork ("trees", "river"…)."""
    if not isinstance(tree, dict):
        return []
    children = tree.get("children") or []
    if not children:
        return [tree["name"]] if tree.get("name") else []
    return [name for child in children for name in _subject_names(child)]


def _read_acmi(pools: Pools, objects: Path) -> None:
    for path in sorted(objects.rglob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        title = (item.get("title") or "").strip()
        if title:
            # "The Loner = Gu du de mou sha zhe = 孤独的谋杀者": the English and the Chinese.
            parts = [part.strip() for part in title.split(" = ")]
            chinese = [part for part in parts if HAN.search(part)]
            if chinese:
                pools.chinese_titles.append(("" if HAN.search(parts[0]) else parts[0], chinese[0]))
            else:
                pools.english_titles.append(title)
        for text in item.get("description") or []:
            words = re.sub(r"<[^>]+>", " ", text).split()
            if len(words) >= 12:
                pools.english_texts.append(words)


def _read_cit(pools: Pools, catalogue: Path) -> None:
    for line in catalogue.read_text(encoding="utf-8").splitlines():
        key, _, text = line.partition(" ")
        text = text.strip()
        if key == "TITLE":
            if "|" in text:
                first, second = (part.strip() for part in text.split("|", 1))
                english, chinese = (second, first) if HAN.search(first) else (first, second)
                pools.chinese_titles.append((english, " ".join(chinese.split())))
            elif text and not HAN.search(text):
                pools.english_titles.append(text)
        elif key == "PERSON.ARTIST" and text:
            pools.chinese_artists.append(text)
        elif key == "DATE" and re.fullmatch(r"\d{3,4}(-\d{3,4})?", text):
            years = [int(year) for year in text.split("-")]
            if years[0] <= years[-1]:
                pools.chinese_dates.append(Dating(text, years[0], years[-1]))


def _read_europeana(pools: Pools, folder: Path) -> None:
    found: dict[str, set[str]] = {lang: set() for lang in OTHER_LANGUAGES}
    for path in sorted(folder.glob("*.xml")):
        for _, element in etree.iterparse(str(path)):
            lang = element.get(XML_LANG)
            if lang in found and element.text and element.text.strip():
                found[lang].add(element.text.strip())
    for path in sorted(folder.glob("*.json")):
        _collect_json_labels(json.loads(path.read_text(encoding="utf-8")), found)
    for lang, texts in found.items():
        ordered = sorted(texts)
        pools.other_labels[lang] = [text for text in ordered if len(text.split()) <= 6]
        pools.other_texts[lang] = [text.split() for text in ordered if len(text.split()) > 6]


def _collect_json_labels(value: Any, found: dict[str, set[str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in found:
                for text in item if isinstance(item, list) else [item]:
                    if isinstance(text, str) and text.strip():
                        found[key].add(text.strip())
            else:
                _collect_json_labels(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_json_labels(item, found)


def _read_periods(pools: Pools, path: Path) -> None:
    for period in tomllib.loads(path.read_text(encoding="utf-8"))["period"]:
        labels = {lang: names[0] for lang, names in period["labels"].items() if names}
        entry = (labels, period["earliest"], period["latest"])
        pools.periods.setdefault(period.get("region", ""), []).append(entry)
        for lang in OTHER_LANGUAGES:
            if lang in labels:
                pools.other_labels.setdefault(lang, []).append(labels[lang])


@dataclass(frozen=True)
class Concept:
    pk: int
    labels: dict[str, str]


@dataclass(frozen=True)
class World:
    """Everything a chunk of rows is made from: the pools, the concepts, the institutions."""

    pools: Pools
    object_types: list[Concept]
    materials: list[Concept]
    institution_ids: list[int]
    seed: int


class _Draws:
    """The pools as weighted draws, built once per process."""

    def __init__(self, world: World) -> None:
        from opencc import OpenCC

        pools = world.pools
        simplify = OpenCC("t2s").convert
        self.english_titles = uniform(pools.english_titles)
        self.english_texts = uniform(pools.english_texts)
        self.chinese = uniform(
            [(english, chinese, simplify(chinese)) for english, chinese in pools.chinese_titles]
        )
        self.other_labels = {lang: uniform(pools.other_labels[lang]) for lang in OTHER_LANGUAGES}
        self.other_texts = {
            lang: uniform(pools.other_texts.get(lang) or [pools.other_labels[lang]])
            for lang in OTHER_LANGUAGES
        }
        self.western_artists = uniform(pools.western_artists)
        self.chinese_artists = uniform(pools.chinese_artists)
        self.subjects = zipf(pools.subjects, 0.8)
        self.media = zipf(pools.media, 0.9)
        self.western_dates = uniform(pools.western_dates)
        self.chinese_dates = uniform(pools.chinese_dates)
        self.periods = {
            kind: uniform([p for region in regions for p in pools.periods.get(region, [])])
            for kind, regions in PERIOD_REGIONS.items()
        }
        self.object_types = zipf(world.object_types, 1.1)
        self.materials = zipf(world.materials, 1.0)
        # A few large members hold most of the records, as in any alliance.
        self.institutions = zipf(world.institution_ids, 0.9)
        self.rights = Weighted(*zip(*RIGHTS, strict=True))
        self.countries = {
            kind: Weighted(*zip(*weights, strict=True)) for kind, weights in COUNTRIES.items()
        }


_draws_cache: dict[int, _Draws] = {}


def _draws(world: World) -> _Draws:
    key = id(world)
    if key not in _draws_cache:
        _draws_cache.clear()
        _draws_cache[key] = _Draws(world)
    return _draws_cache[key]


@dataclass
class ChunkRows:
    objects: list[tuple[Any, ...]] = field(default_factory=list)
    terms: list[tuple[Any, ...]] = field(default_factory=list)
    agents: list[tuple[Any, ...]] = field(default_factory=list)
    media: list[tuple[Any, ...]] = field(default_factory=list)


# The order of the values in ChunkRows.objects, terms, agents and media.
OBJECT_COLUMNS = (
    "id", "institution_id", "local_id", "language", "titles", "descriptions", "production_place",
    "production_place_uri", "production_country", "date_display", "earliest_year", "latest_year",
    "dimensions", "inscriptions", "credit_line", "rights", "visibility", "web_page", "has_image",
    "source_name", "source_format", "source_identifier", "raw_record", "content_hash",
    "created_at", "updated_at", "ingested_at", "withdrawn_at",
)  # fmt: skip
TERM_COLUMNS = ("object_id", "field", "text", "lang", "concept_id", "position")
AGENT_COLUMNS = ("object_id", "kind", "names", "role", "uri", "position")
MEDIA_COLUMNS = (
    "object_id", "image_url", "iiif_service", "thumbnail_url", "caption", "rights", "position"
)  # fmt: skip
EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def chunk_rows(
    world: World, chunk: int, *, first_id: int, count: int, text_times: bool = True
) -> ChunkRows:
    """Rows for `count` objects with ids from `first_id`, the same for the same world and chunk.

    Times are UTC text as Django stores them in SQLite, or aware datetimes (`text_times` False,
    for PostgreSQL).
    """
    draws = _draws(world)
    chooser = random.Random(world.seed * 1_000_003 + chunk)
    rows = ChunkRows()
    stamp = _text_time if text_times else _aware_time
    for object_id in range(first_id, first_id + count):
        _one_object(draws, chooser, object_id, rows, stamp(object_id))
    return rows


def _text_time(object_id: int) -> str:
    return (EPOCH + datetime.timedelta(seconds=object_id * 20)).replace(tzinfo=None).isoformat(" ")


def _aware_time(object_id: int) -> datetime.datetime:
    return EPOCH + datetime.timedelta(seconds=object_id * 20)


def _dump(language_map: dict[str, str]) -> str:
    """The map as JSON (the C string encoder; json.dumps costs several times more)."""
    items = [f"{encode_basestring(k)}: {encode_basestring(v)}" for k, v in language_map.items()]
    return "{" + ", ".join(items) + "}"


def _window(words: list[str], chooser: random.Random, low: int, high: int) -> str:
    length = chooser.randint(low, high)
    start = chooser.randrange(max(1, len(words) - length + 1))
    return " ".join(words[start : start + length])


def _one_object(
    draws: _Draws, chooser: random.Random, object_id: int, rows: ChunkRows, created: Any
) -> None:
    roll = chooser.random()
    kind = "zh" if roll < 0.30 else "en" if roll < 0.92 else OTHER_LANGUAGES[int(roll * 100) % 3]
    titles, descriptions, language = _texts(draws, chooser, kind)
    dating = _dating(draws, chooser, kind)
    visibility_roll = chooser.random()
    visibility = (
        "public" if visibility_roll < 0.975 else "members" if visibility_roll < 0.99 else "private"
    )
    has_image = chooser.random() < 0.7
    withdrawn = created if chooser.random() < 0.005 else None
    rights = draws.rights.draw(chooser)
    rows.objects.append(
        (
            object_id,
            draws.institutions.draw(chooser),
            f"B.{object_id:07d}",
            language,
            _dump(titles),
            _dump(descriptions),
            "{}",
            "",
            draws.countries[kind].draw(chooser),
            _dump({"en": dating.display}) if dating.display else "{}",
            dating.earliest,
            dating.latest,
            "{}",
            "{}",
            "{}",
            rights,
            visibility,
            "",
            has_image,
            "bench",
            "synthetic",
            f"B.{object_id:07d}",
            "",
            "",
            created,
            created,
            created,
            withdrawn,
        )
    )
    _terms(draws, chooser, object_id, kind, language, rows.terms)
    _maker(draws, chooser, object_id, kind, rows.agents)
    if has_image:
        url = f"https://images.example.org/bench/{object_id}.jpg"
        rows.media.append((object_id, url, "", url.replace(".jpg", "_t.jpg"), "{}", rights, 0))


def _texts(
    draws: _Draws, chooser: random.Random, kind: str
) -> tuple[dict[str, str], dict[str, str], str]:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    if kind == "zh":
        english, traditional, simplified = draws.chinese.draw(chooser)
        language = "zh-Hans" if chooser.random() < 0.33 else "zh-Hant"
        chinese = simplified if language == "zh-Hans" else traditional
        titles[language] = chinese
        if english and chooser.random() < 0.7:
            titles["en"] = english
        if chooser.random() < 0.6:
            phrases = [draws.chinese.draw(chooser)[2 if language == "zh-Hans" else 1]]
            phrases += [draws.chinese.draw(chooser)[2 if language == "zh-Hans" else 1]]
            phrases += [chinese] if chooser.random() < 0.5 else []
            descriptions[language] = "，".join(phrases) + "。"
        if chooser.random() < 0.2:
            descriptions["en"] = _window(draws.english_texts.draw(chooser), chooser, 10, 40)
    elif kind == "en":
        language = "en"
        titles["en"] = draws.english_titles.draw(chooser)
        if chooser.random() < 0.65:
            descriptions["en"] = _window(draws.english_texts.draw(chooser), chooser, 12, 60)
    else:
        language = kind
        titles[kind] = draws.other_labels[kind].draw(chooser)
        if chooser.random() < 0.5:
            titles["en"] = draws.english_titles.draw(chooser)
        if chooser.random() < 0.6:
            descriptions[kind] = _window(draws.other_texts[kind].draw(chooser), chooser, 6, 30)
    return titles, descriptions, language


def _dating(draws: _Draws, chooser: random.Random, kind: str) -> Dating:
    roll = chooser.random()
    if roll < 0.1:
        return Dating("", None, None)
    if kind == "en":
        dating: Dating = draws.western_dates.draw(chooser)
        return dating
    if kind == "zh" and roll < 0.6:
        chinese: Dating = draws.chinese_dates.draw(chooser)
        return chinese
    labels, earliest, latest = draws.periods[kind].draw(chooser)
    return Dating(labels.get("en", ""), earliest, latest)


def _terms(
    draws: _Draws,
    chooser: random.Random,
    object_id: int,
    kind: str,
    language: str,
    terms: list[tuple[Any, ...]],
) -> None:
    object_type: Concept = draws.object_types.draw(chooser)
    if chooser.random() < 0.65:
        # Linked to the vocabulary: the label in the record's language, or in English.
        lang = language if language in object_type.labels else "en"
        terms.append((object_id, "object_type", object_type.labels[lang], lang, object_type.pk, 0))
    else:
        terms.append((object_id, "object_type", object_type.labels["en"], "en", None, 0))
    for position in range(chooser.choice((1, 1, 1, 2, 2, 3))):
        material: Concept = draws.materials.draw(chooser)
        roll = chooser.random()
        if roll < 0.5:
            lang = language if language in material.labels else "en"
            terms.append(
                (object_id, "material", material.labels[lang], lang, material.pk, position)
            )
        elif roll < 0.8 and kind == "en":
            terms.append((object_id, "material", draws.media.draw(chooser), "en", None, position))
        else:
            terms.append((object_id, "material", material.labels["en"], "en", None, position))
    if kind == "en":
        for position in range(chooser.choice((0, 0, 1, 2, 3))):
            terms.append((object_id, "subject", draws.subjects.draw(chooser), "en", None, position))


def _maker(
    draws: _Draws, chooser: random.Random, object_id: int, kind: str, agents: list[tuple[Any, ...]]
) -> None:
    if chooser.random() > 0.7 or kind not in ("en", "zh"):
        return
    name = (draws.western_artists if kind == "en" else draws.chinese_artists).draw(chooser)
    agents.append((object_id, "person", _dump({"en": name}), _dump({"en": "artist"}), "", 0))


def institution_rows() -> list[dict[str, Any]]:
    """60 institutions in 30 cities of the Silk Road and beyond."""
    result = []
    for city, country, chinese_city in CITIES:
        for english_kind, chinese_kind in INSTITUTION_KINDS:
            names = {"en": f"{city} {english_kind}"}
            if chinese_city:
                names["zh-Hans"] = chinese_city + chinese_kind
            code = re.sub(r"[^a-z0-9]+", "-", f"{city} {english_kind}".lower()).strip("-")
            result.append({"code": code, "names": names, "country": country})
    return result
