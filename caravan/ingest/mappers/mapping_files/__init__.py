"""Mapping files: how a CSV column or a JSON path becomes a field of an ObjectRecord.

A mapping file is TOML data (documented with examples in docs/ingest-formats.md). `load_mapping`
reads and validates it, reporting any mistake with the key path that holds it; `compile_mapping`
turns it once into closures, so mapping a record walks no configuration at all.

The modules, in the order a mapping goes through them:
`schema` (what a file may hold, MappingError), `validation`, `loading` (load_mapping, Mapping),
`paths` (JSON paths and CSV columns), `transforms` (named transforms and language detectors),
`sources` (one source as closures), `fields` (sources combined into a field's value),
`compiling` (CompiledMapping) and `assembling` (object_record: its fields as an ObjectRecord).
"""

from caravan.ingest.mappers.mapping_files.assembling import object_record
from caravan.ingest.mappers.mapping_files.compiling import CompiledMapping, compile_mapping
from caravan.ingest.mappers.mapping_files.fields import (
    PartFunction,
    compile_compound,
    compile_language_map,
    compile_scalar,
    compile_sources,
    compile_terms,
)
from caravan.ingest.mappers.mapping_files.loading import Mapping, load_mapping
from caravan.ingest.mappers.mapping_files.paths import (
    Getter,
    compile_column,
    compile_json_path,
    text_of,
)
from caravan.ingest.mappers.mapping_files.schema import (
    AGENT_PARTS,
    CSV_SETTINGS,
    FORMATS,
    JSON_SETTINGS,
    LANGUAGE_MAP_FIELDS,
    MEDIA_PARTS,
    SCALAR_FIELDS,
    SETTINGS,
    SOURCE_KEYS,
    TERM_FIELDS,
    TERM_SOURCE_KEYS,
    MappingError,
    source_list,
)
from caravan.ingest.mappers.mapping_files.sources import (
    CompiledSource,
    Predicate,
    SourceFunction,
    Value,
    compile_source,
    compiled_source,
)
from caravan.ingest.mappers.mapping_files.transforms import (
    HAN,
    LANGUAGE_DETECTORS,
    TRANSFORMS,
    LanguageDetector,
    Transform,
    detect_han,
    register_language_detector,
    register_transform,
)
from caravan.ingest.mappers.mapping_files.validation import validate_mapping

__all__ = [
    "AGENT_PARTS",
    "CSV_SETTINGS",
    "FORMATS",
    "HAN",
    "JSON_SETTINGS",
    "LANGUAGE_DETECTORS",
    "LANGUAGE_MAP_FIELDS",
    "MEDIA_PARTS",
    "SCALAR_FIELDS",
    "SETTINGS",
    "SOURCE_KEYS",
    "TERM_FIELDS",
    "TERM_SOURCE_KEYS",
    "TRANSFORMS",
    "CompiledMapping",
    "CompiledSource",
    "Getter",
    "LanguageDetector",
    "Mapping",
    "MappingError",
    "PartFunction",
    "Predicate",
    "SourceFunction",
    "Transform",
    "Value",
    "compile_column",
    "compile_compound",
    "compile_json_path",
    "compile_language_map",
    "compile_mapping",
    "compile_scalar",
    "compile_source",
    "compile_sources",
    "compile_terms",
    "compiled_source",
    "detect_han",
    "load_mapping",
    "object_record",
    "register_language_detector",
    "register_transform",
    "source_list",
    "text_of",
    "validate_mapping",
]
