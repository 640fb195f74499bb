"""Mapping files: how a CSV column or a JSON path becomes a field of an ObjectRecord.

A mapping file is TOML data (documented with examples in docs/ingest-formats.md). `load_mapping`
reads and validates it, reporting any mistake with the key path that holds it; `Mapping.compiled`
turns it once into closures, so mapping a record walks no configuration at all.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from collections.abc import Mapping as AbstractMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from caravan.catalogue.records import AGENT_KINDS, RecordError
from caravan.core.langmap import LanguageMapError, normalize_tag
from caravan.ingest.safety import MAX_FIELD_CHARS

Getter = Callable[[Any], list[Any]]
Transform = Callable[[str], str | None]
LanguageDetector = Callable[[str], str | None]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the key that is wrong."""


# --------------------------------------------------------------------------------------------
# Named transforms and language detectors (third-party code may register its own)
# --------------------------------------------------------------------------------------------

TRANSFORMS: dict[str, Transform] = {}
LANGUAGE_DETECTORS: dict[str, LanguageDetector] = {}


def register_transform(name: str) -> Callable[[Transform], Transform]:
    def register(function: Transform) -> Transform:
        TRANSFORMS[name] = function
        return function

    return register


def register_language_detector(name: str) -> Callable[[LanguageDetector], LanguageDetector]:
    def register(function: LanguageDetector) -> LanguageDetector:
        LANGUAGE_DETECTORS[name] = function
        return function

    return register


@register_transform("lower")
def _lower(value: str) -> str:
    return value.lower()


@register_transform("first-segment")
def _first_segment(value: str) -> str:
    """`Feature films/Feature films - China` → `Feature films`."""
    return value.split("/", 1)[0].strip()


@register_transform("last-segment")
def _last_segment(value: str) -> str:
    return value.rsplit("/", 1)[-1].strip()


@register_transform("before-last-comma")
def _before_last_comma(value: str) -> str:
    """`Zhang Junzhao, director` → `Zhang Junzhao` (the whole text when there is no comma)."""
    return value.rpartition(", ")[0].strip() if ", " in value else value


@register_transform("after-last-comma")
def _after_last_comma(value: str) -> str | None:
    return value.rpartition(", ")[2].strip() if ", " in value else None


@register_transform("drop-han")
def _drop_han(value: str) -> str | None:
    """Drop a value written in Chinese characters (to keep the Latin parts of a parallel title)."""
    return None if HAN.search(value) else value


_LEADING_YEAR = re.compile(r"-?\d{1,4}")


@register_transform("year")
def _year_transform(value: str) -> str | None:
    """The first whole number of up to four digits ("1961", "c.1961" → "1961"), else nothing."""
    match = _LEADING_YEAR.search(value)
    return match.group() if match else None


@register_transform("uninvert-name")
def _uninvert_name(value: str) -> str:
    """`Blake, Robert` → `Robert Blake`; a name with no comma or several is kept as it is."""
    parts = [part.strip() for part in value.split(",")]
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 and all(parts) else value


_GROUP_NAME = re.compile(r"&| and |family|collective|;", re.IGNORECASE)


@register_transform("agent-kind-from-name")
def _agent_kind_from_name(name: str) -> str:
    """A guess from a name alone: 'School' is a culture, 'X & Y' or 'family' a group."""
    if "school" in name.lower():
        return "culture"
    return "group" if _GROUP_NAME.search(name) else "person"


def _encodes(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=65536)
def _script_vote(character: str) -> int:
    """+1 for a Simplified-only character (GB 2312), -1 for Traditional-only (Big5), else 0."""
    return _encodes(character, "gb2312") - _encodes(character, "big5")


@register_language_detector("detect-han")
def detect_han(text: str) -> str | None:
    """zh-Hans or zh-Hant when the distinguishing characters all point one way, else zh.

    Text without Chinese characters is not this detector's: it returns None and the value is
    left out. Characters in both GB 2312 and Big5 (or neither) say nothing about the script.
    """
    characters = HAN.findall(text)
    if not characters:
        return None
    votes = [_script_vote(character) for character in characters]
    simplified, traditional = votes.count(1), votes.count(-1)
    if simplified and not traditional:
        return "zh-Hans"
    if traditional and not simplified:
        return "zh-Hant"
    return "zh"


# --------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------

_PATH = re.compile(r"(?:[^.\[\]]+|\[\d*\])(?:\.[^.\[\]]+|\[\d*\])*")
_PATH_STEP = re.compile(r"([^.\[\]]+)|\[(\d*)\]")


def compile_json_path(path: str) -> Getter:
    """A function giving the values at a dotted path: `a.b`, `a[]` (every item), `a[0]`.

    A path that ends on a list gives its items; missing keys give no values; `.` is the node
    itself (an item of `each` that is a plain value).
    """
    if path == ".":
        return lambda node: _flatten_end([node])
    if not _PATH.fullmatch(path):
        raise ValueError(f"'{path}' is not a path like a.b[].c")
    steps: list[Callable[[list[Any]], list[Any]]] = []
    for match in _PATH_STEP.finditer(path):
        key, index = match.group(1), match.group(2)
        if key is not None:
            steps.append(_key_step(key))
        else:
            steps.append(_index_step(int(index)) if index else _every_item)

    def get(node: Any) -> list[Any]:
        current = [node]
        for step in steps:
            current = step(current)
            if not current:
                return current
        return _flatten_end(current)

    return get


def _key_step(key: str) -> Callable[[list[Any]], list[Any]]:
    def step(nodes: list[Any]) -> list[Any]:
        return [node[key] for node in nodes if isinstance(node, dict) and node.get(key) is not None]

    return step


def _index_step(index: int) -> Callable[[list[Any]], list[Any]]:
    def step(nodes: list[Any]) -> list[Any]:
        return [node[index] for node in nodes if isinstance(node, list) and len(node) > index]

    return step


def _every_item(nodes: list[Any]) -> list[Any]:
    return [item for node in nodes if isinstance(node, list) for item in node]


def _flatten_end(nodes: list[Any]) -> list[Any]:
    if any(isinstance(node, list) for node in nodes):
        return [item for node in nodes for item in (node if isinstance(node, list) else [node])]
    return nodes


def compile_column(name: str) -> Getter:
    """A CSV column: the row is a dict of header → text, and a column name is never a path."""

    def get(row: Any) -> list[Any]:
        value = row.get(name)
        return [value] if value else []

    return get


def text_of(value: Any) -> str:
    """A JSON leaf as text; objects and lists have no text of their own."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return ""


# --------------------------------------------------------------------------------------------
# The mapping file: load and validate
# --------------------------------------------------------------------------------------------

LANGUAGE_MAP_FIELDS = (
    "titles",
    "descriptions",
    "date_display",
    "production_place",
    "dimensions",
    "inscriptions",
    "credit_line",
)
TERM_FIELDS = ("object_types", "materials", "techniques", "subjects")
SCALAR_FIELDS = (
    "local_id",
    "earliest_year",
    "latest_year",
    "rights",
    "web_page",
    "visibility",
    "production_place_uri",
)
AGENT_PARTS = {"name": "langmap", "role": "langmap", "kind": "scalar", "uri": "scalar"}
MEDIA_PARTS = {
    "image_url": "scalar",
    "thumbnail_url": "scalar",
    "iiif_service": "scalar",
    "rights": "scalar",
    "caption": "langmap",
}
SETTINGS = {
    "format": str,
    "name": str,
    "description": str,
    "record_language": str,
    "parse_dates": bool,
    "csv": dict,
    "json": dict,
}
CSV_SETTINGS: dict[str, type] = {"delimiter": str, "encoding": str, "quotechar": str}
JSON_SETTINGS: dict[str, type] = {"lines": bool}
FORMATS = ("csv", "json")

SOURCE_KEYS = {
    "each",
    "from",
    "value",
    "template",
    "lang",
    "lang_from",
    "split",
    "transform",
    "map",
    "map_default",
    "index",
    "join",
    "when",
    "unless",
}
TERM_SOURCE_KEYS = {"concept_scheme", "concept_notation", "concept_uri"}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class Mapping(AbstractMapping[str, Any]):
    """A validated mapping file: read-only TOML data.

    It pickles as its data, so it can travel to worker processes inside a MappingContext.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"Mapping({self.data.get('name') or sorted(self.data)!r})"

    @property
    def record_language(self) -> str | None:
        language = self.data.get("record_language")
        return str(language) if language else None

    def setting(self, section: str, key: str, default: Any) -> Any:
        """A format option, e.g. setting("csv", "delimiter", ",")."""
        return (self.data.get(section) or {}).get(key, default)


def load_mapping(source: str | Path | AbstractMapping[str, Any]) -> Mapping:
    """Read and validate a mapping: a file path, TOML text, or already-parsed data.

    Raises MappingError naming the key at fault (`titles[2].lang: 'english' is not ...`).
    """
    if isinstance(source, Mapping):
        return source
    data = dict(source) if isinstance(source, AbstractMapping) else _read_toml(source)
    validate_mapping(data)
    return Mapping(data)


def _read_toml(source: str | Path) -> dict[str, Any]:
    text = source
    if isinstance(source, Path) or ("\n" not in source and source.endswith(".toml")):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise MappingError(f"the mapping file {source} cannot be read: {error}") from error
    try:
        return tomllib.loads(str(text))
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"the mapping file is not valid TOML: {error}") from error


def validate_mapping(data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key in SETTINGS:
            _check_setting(key, value)
        elif key in LANGUAGE_MAP_FIELDS:
            _check_sources(key, value, kind="langmap")
        elif key in TERM_FIELDS:
            _check_sources(key, value, kind="terms")
        elif key in SCALAR_FIELDS:
            _check_sources(key, value, kind="scalar")
        elif key == "agents":
            _check_compound(key, value, AGENT_PARTS, required=("name",))
        elif key == "media":
            _check_compound(key, value, MEDIA_PARTS, required=())
        else:
            raise MappingError(f"{key}: unknown key (known: {', '.join(_known_top_keys())})")
    for required in ("local_id", "titles"):
        if required not in data:
            raise MappingError(f"{required}: this key is required")


def _known_top_keys() -> list[str]:
    return [*SETTINGS, *SCALAR_FIELDS, *LANGUAGE_MAP_FIELDS, *TERM_FIELDS, "agents", "media"]


def _check_setting(key: str, value: Any) -> None:
    _expect(key, value, SETTINGS[key])
    if key == "format" and value not in FORMATS:
        raise MappingError(f"format: '{value}' is not one of {', '.join(FORMATS)}")
    if key == "record_language":
        _check_tag(key, value)
    sections: dict[str, dict[str, type]] = {"csv": CSV_SETTINGS, "json": JSON_SETTINGS}
    if key in sections:
        for option, option_value in value.items():
            if option not in sections[key]:
                raise MappingError(f"{key}.{option}: unknown key")
            _expect(f"{key}.{option}", option_value, sections[key][option])
    if key == "csv" and len(value.get("delimiter", ",")) != 1:
        raise MappingError("csv.delimiter: must be one character")
    if key == "csv" and "encoding" in value:
        _check_encoding(value["encoding"])


def _check_encoding(name: str) -> None:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError as error:
        raise MappingError(f"csv.encoding: '{name}' is not a known text encoding") from error


def _expect(key: str, value: Any, wanted: type) -> None:
    if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
        names = {str: "text", bool: "true or false", dict: "a table", int: "a whole number"}
        raise MappingError(f"{key}: must be {names.get(wanted, wanted.__name__)}")


def _check_tag(key: str, value: str) -> None:
    try:
        normalize_tag(value)
    except LanguageMapError as error:
        raise MappingError(f"{key}: {error}") from error


def source_list(value: Any) -> list[dict[str, Any]]:
    """A field's sources: "path" is short for {from = "path"}; one table is a list of one."""
    items = value if isinstance(value, list) else [value]
    return [{"from": item} if isinstance(item, str) else item for item in items]


def _check_sources(key: str, value: Any, *, kind: str) -> None:
    if not isinstance(value, str | dict | list) or value == []:
        raise MappingError(f"{key}: must be a path, a table or a list of tables")
    for position, source in enumerate(source_list(value)):
        where = f"{key}[{position}]" if isinstance(value, list) else key
        if not isinstance(source, dict):
            raise MappingError(f"{where}: must be a path or a table")
        _check_source(where, source, kind=kind)


def _check_source(where: str, source: dict[str, Any], *, kind: str) -> None:
    allowed = SOURCE_KEYS | (TERM_SOURCE_KEYS if kind == "terms" else set())
    for key in source:
        if key not in allowed:
            raise MappingError(f"{where}.{key}: unknown key (known: {', '.join(sorted(allowed))})")
    given = [key for key in ("from", "value", "template") if key in source]
    if len(given) != 1:
        raise MappingError(f"{where}: give exactly one of from, value or template")
    _check_source_types(where, source)
    if kind == "scalar" and ("lang" in source or "lang_from" in source):
        raise MappingError(f"{where}.lang: this field is not text in a language")
    if "lang" in source and "lang_from" in source:
        raise MappingError(f"{where}: give lang or lang_from, not both")
    if "lang" in source and source["lang"] not in LANGUAGE_DETECTORS:
        _check_tag(f"{where}.lang", source["lang"])
    for name in _as_list(source.get("transform", [])):
        if name not in TRANSFORMS:
            known = ", ".join(sorted(TRANSFORMS))
            raise MappingError(f"{where}.transform: unknown transform '{name}' (known: {known})")
    _check_paths(where, source)
    if "concept_notation" in source and "concept_scheme" not in source:
        raise MappingError(f"{where}.concept_scheme: needed with concept_notation")


def _check_source_types(where: str, source: dict[str, Any]) -> None:
    expected: dict[str, Any] = {
        "each": str,
        "value": str,
        "template": str,
        "lang": str,
        "lang_from": str,
        "split": str,
        "map": dict,
        "map_default": str,
        "index": int,
        "join": str,
        "concept_scheme": str,
        "concept_notation": str,
        "concept_uri": str,
    }
    for key, wanted in expected.items():
        if key in source:
            _expect(f"{where}.{key}", source[key], wanted)
    if "from" in source and not all(isinstance(item, str) for item in _as_list(source["from"])):
        raise MappingError(f"{where}.from: must be a path or a list of paths")
    if "transform" in source and not all(
        isinstance(item, str) for item in _as_list(source["transform"])
    ):
        raise MappingError(f"{where}.transform: must be a name or a list of names")
    if "split" in source and not source["split"]:
        raise MappingError(f"{where}.split: the separator is empty")
    for key in ("when", "unless"):
        if key in source:
            _check_condition(f"{where}.{key}", source[key])


def _check_condition(where: str, condition: Any) -> None:
    if isinstance(condition, str):
        return
    if not isinstance(condition, dict) or "from" not in condition:
        raise MappingError(f"{where}: must be a path or a table with from (and matches)")
    if not all(isinstance(path, str) for path in _as_list(condition["from"])):
        raise MappingError(f"{where}.from: must be a path or a list of paths")
    for key in condition:
        if key not in ("from", "matches"):
            raise MappingError(f"{where}.{key}: unknown key (known: from, matches)")
    if "matches" in condition:
        try:
            re.compile(condition["matches"])
        except (re.error, TypeError) as error:
            raise MappingError(f"{where}.matches: not a regular expression: {error}") from error


def _check_paths(where: str, source: dict[str, Any]) -> None:
    paths = [("each", source.get("each")), ("lang_from", source.get("lang_from"))]
    paths += [("from", path) for path in _as_list(source.get("from", []))]
    paths += [(key, source.get(key)) for key in ("concept_notation", "concept_uri")]
    paths += [("template", name) for name in _PLACEHOLDER.findall(source.get("template", ""))]
    for key in ("when", "unless"):
        condition = source.get(key)
        if isinstance(condition, dict):
            condition = condition.get("from")
        paths += [(key, path) for path in _as_list(condition)]
    for key, path in paths:
        if path is None:
            continue
        try:
            compile_json_path(path)
        except ValueError as error:
            raise MappingError(f"{where}.{key}: {error}") from error


def _check_compound(
    key: str, value: Any, parts: dict[str, str], *, required: tuple[str, ...]
) -> None:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, dict) for item in items):
        raise MappingError(f"{key}: must be a table or a list of tables ([[{key}]])")
    for position, item in enumerate(items):
        where = f"{key}[{position}]" if isinstance(value, list) else key
        for part, part_value in item.items():
            if part in ("each", "when", "unless"):
                _check_source_types(where, {part: part_value})
                _check_paths(where, {part: part_value})
            elif part in parts:
                _check_sources(f"{where}.{part}", part_value, kind=parts[part])
            else:
                known = ", ".join(["each", "when", "unless", *parts])
                raise MappingError(f"{where}.{part}: unknown key (known: {known})")
        for part in required:
            if part not in item:
                raise MappingError(f"{where}.{part}: this key is required")
        _check_fixed_values(where, item)


def _check_fixed_values(where: str, item: dict[str, Any]) -> None:
    for source in source_list(item.get("kind", [])):
        if "value" in source and source["value"] not in AGENT_KINDS:
            raise MappingError(f"{where}.kind: '{source['value']}' is not one of {AGENT_KINDS}")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# --------------------------------------------------------------------------------------------
# Compiling: the mapping becomes closures once, so mapping a record walks no configuration
# --------------------------------------------------------------------------------------------

# (text, language or None for the record's language, the node the value came from)
Value = tuple[str, str | None, Any]
SourceFunction = Callable[[Any, list[str]], list[Value]]
Predicate = Callable[[Any], bool]


def _getter(path: str, kind: str) -> Getter:
    return compile_column(path) if kind == "csv" else compile_json_path(path)


def _texts(getter: Getter, path: str) -> Callable[[Any], list[str]]:
    def texts(node: Any) -> list[str]:
        found = []
        for value in getter(node):
            text = text_of(value)
            if len(text) > MAX_FIELD_CHARS:
                raise RecordError(
                    f"'{path}' holds {len(text):,} characters, over the {MAX_FIELD_CHARS:,} limit"
                )
            if text:
                found.append(text)
        return found

    return texts


def _raw_values(source: dict[str, Any], kind: str) -> Callable[[Any], list[str]]:
    if "value" in source:
        constant = [source["value"]]
        return lambda node: constant
    if "template" in source:
        return _template(source["template"], kind)
    readers = [_texts(_getter(path, kind), path) for path in _as_list(source["from"])]
    if len(readers) == 1:
        return readers[0]
    return lambda node: [text for read in readers for text in read(node)]


def _template(template: str, kind: str) -> Callable[[Any], list[str]]:
    """`https://example.org/{acno}`: every placeholder must have a value, else no value."""
    names = _PLACEHOLDER.findall(template)
    readers = {name: _texts(_getter(name, kind), name) for name in names}

    def fill(node: Any) -> list[str]:
        values = {}
        for name, read in readers.items():
            found = read(node)
            if not found:
                return []
            values[name] = found[0]
        return [_PLACEHOLDER.sub(lambda match: values[match.group(1)], template)]

    return fill


def _pipeline(source: dict[str, Any]) -> Callable[[list[str]], list[str]]:
    """split → transforms → map → index → join, each step only when the source asks for it."""
    steps: list[Callable[[list[str]], list[str]]] = []
    if "split" in source:
        separator = source["split"]
        steps.append(
            lambda values: [p.strip() for v in values for p in v.split(separator) if p.strip()]
        )
    for name in _as_list(source.get("transform", [])):
        steps.append(_transform_step(TRANSFORMS[name]))
    if "map" in source:
        steps.append(_map_step(source["map"], source.get("map_default")))
    if "index" in source:
        index = source["index"]
        steps.append(lambda values: values[index : index + 1])
    if "join" in source:
        joiner = source["join"]
        steps.append(lambda values: [joiner.join(values)] if values else [])

    if not steps:
        return _unchanged

    def run(values: list[str]) -> list[str]:
        for step in steps:
            values = step(values)
        return values

    return run


def _unchanged(values: list[str]) -> list[str]:
    return values


def _transform_step(function: Transform) -> Callable[[list[str]], list[str]]:
    def step(values: list[str]) -> list[str]:
        changed = (function(value) for value in values)
        return [value for value in changed if value]

    return step


def _map_step(table: dict[str, Any], default: str | None) -> Callable[[list[str]], list[str]]:
    lookup = {str(key): str(value) for key, value in table.items()}

    def step(values: list[str]) -> list[str]:
        mapped = (lookup.get(value, value if default is None else default) for value in values)
        return [value for value in mapped if value]

    return step


def _condition(condition: Any, kind: str) -> Predicate:
    if isinstance(condition, str):
        read = _texts(_getter(condition, kind), condition)
        return lambda node: bool(read(node))
    read = _raw_values({"from": condition["from"]}, kind)
    pattern = re.compile(condition.get("matches", r"\S"))
    return lambda node: any(pattern.search(text) for text in read(node))


def _items(spec: dict[str, Any], kind: str) -> Callable[[Any], list[Any]]:
    """The nodes a source or a compound reads from: its `each` items, those meeting when/unless."""
    each = compile_json_path(spec["each"]) if "each" in spec and kind == "json" else None
    checks: list[tuple[Predicate, bool]] = []
    if "when" in spec:
        checks.append((_condition(spec["when"], kind), True))
    if "unless" in spec:
        checks.append((_condition(spec["unless"], kind), False))

    def items(root: Any) -> list[Any]:
        nodes = each(root) if each else [root]
        if checks:
            nodes = [node for node in nodes if all(test(node) is want for test, want in checks)]
        return nodes

    return items


def _language(source: dict[str, Any], kind: str) -> Callable[[Any, str, list[str]], str | None]:
    """How a value gets its language: fixed, from a path, detected, or the record's (None)."""
    if "lang" in source and source["lang"] in LANGUAGE_DETECTORS:
        detector = LANGUAGE_DETECTORS[source["lang"]]
        return lambda node, text, notes: detector(text) or ""
    if "lang" in source:
        tag = normalize_tag(source["lang"])
        return lambda node, text, notes: tag
    if "lang_from" in source:
        return _language_from(source["lang_from"], kind)
    return lambda node, text, notes: None


def _language_from(path: str, kind: str) -> Callable[[Any, str, list[str]], str | None]:
    from caravan.ingest.normalise import to_bcp47

    read = _texts(_getter(path, kind), path)

    def language(node: Any, text: str, notes: list[str]) -> str | None:
        given = read(node)
        tag = to_bcp47(given[0]) if given else None
        if given and tag is None:
            notes.append(f"language '{given[0]}' at '{path}' is not a language code; ignored")
        return tag

    return language


def compile_source(source: dict[str, Any], kind: str) -> SourceFunction:
    raw_values = _raw_values(source, kind)
    pipeline = _pipeline(source)
    if "lang" in source and source["lang"] not in LANGUAGE_DETECTORS:
        fixed: str | None = normalize_tag(source["lang"])
    elif "lang" in source or "lang_from" in source:
        return _source_with_language(source, kind, raw_values, pipeline)
    else:
        fixed = None  # the record's language
    if not {"each", "when", "unless"} & set(source):
        return lambda root, notes: [(text, fixed, root) for text in pipeline(raw_values(root))]
    items = _items(source, kind)

    def values(root: Any, notes: list[str]) -> list[Value]:
        return [(text, fixed, node) for node in items(root) for text in pipeline(raw_values(node))]

    return values


def _source_with_language(
    source: dict[str, Any],
    kind: str,
    raw_values: Callable[[Any], list[str]],
    pipeline: Callable[[list[str]], list[str]],
) -> SourceFunction:
    items = _items(source, kind)
    language = _language(source, kind)

    def values(root: Any, notes: list[str]) -> list[Value]:
        found: list[Value] = []
        for node in items(root):
            for text in pipeline(raw_values(node)):
                lang = language(node, text, notes)
                if lang != "":  # a detector's "" means: not text of the language it detects
                    found.append((text, lang, node))
        return found

    return values


def compile_sources(value: Any, kind: str) -> list[SourceFunction]:
    return [compile_source(source, kind) for source in source_list(value)]


def compile_language_map(value: Any, kind: str) -> Callable[[Any, str, list[str]], dict[str, str]]:
    """First text per language wins, in the order the sources are given."""
    sources = compile_sources(value, kind)

    def language_map(root: Any, record_language: str, notes: list[str]) -> dict[str, str]:
        result: dict[str, str] = {}
        for source in sources:
            for text, lang, _node in source(root, notes):
                result.setdefault(lang or record_language, text)
        return result

    return language_map


def compile_scalar(value: Any, kind: str) -> Callable[[Any, list[str]], str]:
    """The first value any source gives ("" when none does)."""
    sources = compile_sources(value, kind)

    def scalar(root: Any, notes: list[str]) -> str:
        for source in sources:
            found = source(root, notes)
            if found:
                return found[0][0]
        return ""

    return scalar


def compile_terms(value: Any, kind: str) -> Callable[[Any, str, list[str]], list[dict[str, Any]]]:
    """Every value of every source, repeats (same text, any case) dropped."""
    parts = [
        (compile_source(source, kind), _concept(source, kind)) for source in source_list(value)
    ]

    def terms(root: Any, record_language: str, notes: list[str]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        found = []
        for source, concept in parts:
            for text, lang, node in source(root, notes):
                folded = text.casefold()
                if folded not in seen:
                    seen.add(folded)
                    found.append(
                        {"text": text, "lang": lang or record_language, "concept": concept(node)}
                    )
        return found

    return terms


def _concept(source: dict[str, Any], kind: str) -> Callable[[Any], dict[str, Any] | None]:
    scheme = source.get("concept_scheme")
    if not scheme:
        return lambda node: None
    notation_path = source.get("concept_notation")
    uri_path = source.get("concept_uri")
    notation = _texts(_getter(notation_path, kind), notation_path) if notation_path else None
    uri = _texts(_getter(uri_path, kind), uri_path) if uri_path else None

    def concept(node: Any) -> dict[str, Any] | None:
        found_notation = notation(node) if notation else []
        found_uri = uri(node) if uri else []
        if not found_notation and not found_uri:
            return None
        key = found_notation[0] if found_notation else found_uri[0]
        return {"scheme": scheme, "notation": key, "uri": found_uri[0] if found_uri else ""}

    return concept


PartFunction = Callable[[Any, str, list[str]], Any]


def _part(value: Any, part_kind: str, kind: str) -> PartFunction:
    if part_kind == "langmap":
        return compile_language_map(value, kind)
    scalar = compile_scalar(value, kind)
    return lambda node, record_language, notes: scalar(node, notes)


def compile_compound(
    value: Any, parts: dict[str, str], kind: str
) -> Callable[[Any, str, list[str]], list[dict[str, Any]]]:
    """Agents or media: one dict per item of each spec, parts read relative to the item."""
    specs = []
    for spec in _as_list(value):
        compiled = {part: _part(spec[part], parts[part], kind) for part in parts if part in spec}
        specs.append((_items(spec, kind), compiled))

    def compound(root: Any, record_language: str, notes: list[str]) -> list[dict[str, Any]]:
        return [
            {part: function(node, record_language, notes) for part, function in compiled.items()}
            for items, compiled in specs
            for node in items(root)
        ]

    return compound


_YEAR = re.compile(r"-?\d{1,5}")


class CompiledMapping:
    """A mapping as closures for one input kind ('csv' rows or 'json' documents)."""

    def __init__(self, mapping: Mapping, kind: str) -> None:
        data = mapping.data
        self.mapping = mapping
        self.kind = kind
        self.record_language = mapping.record_language
        self.parse_dates = bool(data.get("parse_dates", True))
        self.local_id_columns = {
            path
            for source in source_list(data["local_id"])
            for path in _as_list(source.get("from", []))
        }
        self._local_id = compile_scalar(data["local_id"], kind)
        self.language_maps = {
            name: compile_language_map(data[name], kind)
            for name in LANGUAGE_MAP_FIELDS
            if name in data
        }
        self.terms = {name: compile_terms(data[name], kind) for name in TERM_FIELDS if name in data}
        self.scalars = {
            name: compile_scalar(data[name], kind)
            for name in SCALAR_FIELDS
            if name in data and name != "local_id"
        }
        self.agents = (
            compile_compound(data["agents"], AGENT_PARTS, kind) if "agents" in data else None
        )
        self.media = compile_compound(data["media"], MEDIA_PARTS, kind) if "media" in data else None

    def local_id(self, root: Any) -> str:
        return self._local_id(root, [])

    def apply(
        self, root: Any, identifier: str, default_language: str
    ) -> tuple[dict[str, Any], list[str]]:
        """The record's fields in record_from_dict's shape, and warnings; raises RecordError."""
        notes: list[str] = []
        local_id = self._local_id(root, notes)
        if not local_id:
            paths = ", ".join(sorted(self.local_id_columns)) or "local_id"
            raise RecordError(f"{identifier}: no identifier (nothing in {paths})")
        language = self.record_language or default_language
        fields: dict[str, Any] = {"local_id": local_id, "language": language}
        for name, language_map in self.language_maps.items():
            fields[name] = language_map(root, language, notes)
        for name, terms in self.terms.items():
            fields[name] = terms(root, language, notes)
        for name, scalar in self.scalars.items():
            fields[name] = scalar(root, notes)
        if self.agents:
            fields["agents"] = [a for a in self.agents(root, language, notes) if a.get("name")]
        if self.media:
            fields["media"] = self._media(root, language, notes)
        self._years(fields, notes)
        fields["rights"] = self._rights(fields.get("rights", ""), notes)
        fields["visibility"] = fields.get("visibility") or "public"
        return fields, notes

    def _media(self, root: Any, language: str, notes: list[str]) -> list[dict[str, Any]]:
        media = []
        for item in self.media(root, language, notes) if self.media else []:
            if item.get("image_url") or item.get("thumbnail_url") or item.get("iiif_service"):
                if item.get("rights"):
                    item["rights"] = self._rights(item["rights"], notes)
                media.append(item)
        return media

    def _years(self, fields: dict[str, Any], notes: list[str]) -> None:
        earliest = _year(fields.pop("earliest_year", ""), "earliest_year", notes)
        latest = _year(fields.pop("latest_year", ""), "latest_year", notes)
        display = fields.get("date_display") or {}
        if earliest is not None and latest is not None and earliest > latest:
            notes.append(f"earliest year {earliest} is after latest year {latest}; not used")
            earliest = latest = None
        if earliest is None and latest is None and display and self.parse_dates:
            earliest, latest = _parsed_years(display, notes)
        fields["earliest_year"], fields["latest_year"] = earliest, latest

    @staticmethod
    def _rights(value: str, notes: list[str]) -> str:
        from caravan.ingest.normalise import to_rights_uri

        if not value:
            notes.append("no rights statement")
            return ""
        uri = to_rights_uri(value)
        if uri is None:
            notes.append(f"rights '{value}' is not a rights statement Caravan knows; left empty")
        return uri or ""


def _year(text: str, name: str, notes: list[str]) -> int | None:
    if not text:
        return None
    if _YEAR.fullmatch(text.strip()):
        return int(text)
    notes.append(f"{name} '{text}' is not a year; ignored")
    return None


def _parsed_years(display: dict[str, str], notes: list[str]) -> tuple[int | None, int | None]:
    from caravan.ingest.normalise import parse_date

    for lang, text in display.items():
        span = parse_date(text, lang=lang)
        if span is not None:
            return span.earliest, span.latest
    notes.append(f"date '{next(iter(display.values()))}' could not be read as years")
    return None, None


def compile_mapping(mapping: Mapping, kind: str) -> CompiledMapping:
    return CompiledMapping(mapping, kind)
